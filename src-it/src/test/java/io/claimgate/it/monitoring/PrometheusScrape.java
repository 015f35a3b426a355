package io.claimgate.it.monitoring;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Prometheus text-format scrape, parsed just enough to look samples up by name and labels. */
public final class PrometheusScrape {
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+)(?:\\s+\\d+)?$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    record Sample(String name, Map<String, String> labels, double value) {
    }

    private final List<Sample> samples;
    private final Map<String, String> types;

    private PrometheusScrape(List<Sample> samples, Map<String, String> types) {
        this.samples = samples;
        this.types = types;
    }

    public static PrometheusScrape parse(String text) {
        List<Sample> samples = new ArrayList<>();
        Map<String, String> types = new HashMap<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("# TYPE ")) {
                String[] parts = line.split(" ");
                types.put(parts[2], parts[3]);
            } else if (!line.isBlank() && !line.startsWith("#")) {
                Matcher sample = SAMPLE.matcher(line.trim());
                if (!sample.matches()) {
                    throw new IllegalArgumentException("not a sample line: " + line);
                }
                Map<String, String> labels = new LinkedHashMap<>();
                if (sample.group(2) != null) {
                    Matcher label = LABEL.matcher(sample.group(2));
                    while (label.find()) {
                        labels.put(label.group(1), label.group(2));
                    }
                }
                samples.add(new Sample(sample.group(1), labels, Double.parseDouble(sample.group(3))));
            }
        }
        return new PrometheusScrape(List.copyOf(samples), Map.copyOf(types));
    }

    /** Every sample name (with suffixes such as {@code _total}). */
    Set<String> names() {
        Set<String> names = new java.util.HashSet<>();
        samples.forEach(s -> names.add(s.name()));
        return names;
    }

    List<Sample> samples() {
        return samples;
    }

    List<Sample> family(String name) {
        return samples.stream().filter(s -> s.name().equals(name)).toList();
    }

    /** The {@code # TYPE} of the family of a sample name ({@code x_total} belongs to the counter {@code x}). */
    String type(String sampleName) {
        String type = types.get(sampleName);
        if (type == null && sampleName.endsWith("_total")) {
            type = types.get(sampleName.substring(0, sampleName.length() - "_total".length()));
        }
        if (type == null) {
            throw new AssertionError("no # TYPE for " + sampleName + " in " + types);
        }
        return type;
    }

    /** Sum over the samples of {@code name} that carry at least the given labels; 0 if there is none. */
    public double sum(String name, Map<String, String> labels) {
        return family(name).stream().filter(s -> s.labels().entrySet().containsAll(labels.entrySet()))
                .mapToDouble(Sample::value).sum();
    }

    /** Sum over the samples of {@code name} that carry at least the given labels; fails if there is none. */
    double value(String name, Map<String, String> labels) {
        List<Sample> matching = family(name).stream()
                .filter(s -> s.labels().entrySet().containsAll(labels.entrySet())).toList();
        if (matching.isEmpty()) {
            throw new AssertionError("no sample " + name + labels + " in the scrape; samples of " + name + ": " + family(name));
        }
        return matching.stream().mapToDouble(Sample::value).sum();
    }
}
