package io.claimgate.common.config;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Typed access to options. Each accessor either returns a usable value or throws
 * {@link InvalidOptionException} naming the option, where the value came from and what is
 * expected. Values of secret options never appear in messages.
 *
 * <p>Option records ({@code LoginOptions}, {@code ValidatorOptions}, ...) are built once in
 * {@code configure()} from one of these and are immutable afterwards.
 */
public final class OptionReader {
    private final OptionSource source;

    public OptionReader(OptionSource source) {
        this.source = source;
    }

    public OptionSource source() {
        return source;
    }

    /** The name under which {@code option} is read: itself, or its scoped form ({@link OptionSource#scoped}). */
    public String name(String option) {
        return source.displayName(option);
    }

    /**
     * Fails on a JAAS option that looks like ours ({@code oauth.}) but is not a known name:
     * a typo would otherwise be silently ignored and a default used instead.
     */
    public void rejectUnknownOptions(Set<String> allowedPrefixes) {
        Set<String> given = source.jaasOptionNames();
        OptionNames.KAFKA_JAAS_NAMES.forEach((ours, kafkas) -> {
            if (given.contains(ours) && given.contains(kafkas)) {
                // Kafka's name is read only when ours is absent; two values would leave one unused.
                throw new InvalidOptionException(kafkas, "names the same thing as " + ours
                        + " (Kafka's built-in login calls it " + kafkas + "); set only one of them");
            }
        });
        Set<String> unknown = new TreeSet<>();
        for (String name : source.jaasOptionNames()) {
            if (name.startsWith("oauth.") && !OptionNames.ALL.contains(name)
                    && allowedPrefixes.stream().noneMatch(prefix -> coveredBy(name, prefix))) {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            String name = unknown.iterator().next();
            throw new InvalidOptionException(name, "unknown option; see docs/CONFIGURATION.md for the list of options"
                    + (unknown.size() > 1 ? " (also unknown: " + String.join(", ", unknown) + ")" : ""));
        }
    }

    /**
     * Whether {@code name} is a well-formed option under {@code prefix}: something must follow it,
     * and under {@code oauth.issuer.} that is {@code <id>.<option>}, so a typo of
     * {@code oauth.issuer.uri} (say {@code oauth.issuer.url}) is not taken for a per-issuer option.
     */
    private static boolean coveredBy(String name, String prefix) {
        if (!name.startsWith(prefix) || name.length() == prefix.length()) {
            return false;
        }
        if (!prefix.equals(OptionNames.ISSUER_PREFIX)) {
            return true;
        }
        String rest = name.substring(prefix.length());
        int dot = rest.indexOf('.');
        return dot > 0 && dot < rest.length() - 1;
    }

    public Optional<String> string(String option) {
        return source.find(option).map(OptionSource.Found::value);
    }

    public String string(String option, String defaultValue) {
        return string(option).orElse(defaultValue);
    }

    public String requiredString(String option, String whatItIs) {
        return string(option).orElseThrow(() -> missing(option, whatItIs));
    }

    public InvalidOptionException missing(String option, String whatItIs) {
        String name = source.displayName(option);
        return new InvalidOptionException(name, "is required: " + whatItIs
                + " (set the " + source.kind() + ", " + (name.equals(option) ? fallbackHint(option) : "")
                + "or the environment variable " + OptionSource.environmentVariable(name) + ")");
    }

    /**
     * An absolute http(s) URI without user info: the JDK's HTTP client would not send a
     * {@code user:password@} part anyway, and it would end up in logs; such a value is refused
     * without being quoted.
     */
    public Optional<URI> uri(String option) {
        return source.find(option).map(found -> parse(option, found, "an absolute http:// or https:// URL", value -> {
            URI uri = new URI(value);
            String scheme = uri.getScheme();
            if (uri.getRawUserInfo() != null || uri.getRawAuthority() != null && uri.getRawAuthority().contains("@")) {
                throw new InvalidOptionException(source.displayName(option), "expected a URL without user name or"
                        + " password (they are never sent: use " + OptionNames.CLIENT_ID + " and "
                        + OptionNames.CLIENT_SECRET + "), got (hidden) (from " + found.origin() + ")");
            }
            if (!uri.isAbsolute() || uri.getHost() == null
                    || !("https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme))) {
                throw new IllegalArgumentException();
            }
            return uri;
        }));
    }

    /** A path to a file that exists and can be read. */
    public Optional<Path> readableFile(String option) {
        return source.find(option).map(found -> {
            Path path = Path.of(found.value());
            if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
                throw invalid(option, found, "a readable file; '" + path + "' does not exist or cannot be read");
            }
            return path;
        });
    }

    public int integer(String option, int defaultValue, int min, int max) {
        return source.find(option).map(found -> parse(option, found,
                "an integer between " + min + " and " + max, value -> {
                    int n = Integer.parseInt(value);
                    if (n < min || n > max) {
                        throw new IllegalArgumentException();
                    }
                    return n;
                })).orElse(defaultValue);
    }

    public long longValue(String option, long defaultValue, long min, long max) {
        return source.find(option).map(found -> parse(option, found,
                "an integer between " + min + " and " + max, value -> {
                    long n = Long.parseLong(value);
                    if (n < min || n > max) {
                        throw new IllegalArgumentException();
                    }
                    return n;
                })).orElse(defaultValue);
    }

    public Duration millis(String option, Duration defaultValue, Duration min, Duration max) {
        return Duration.ofMillis(longValue(option, defaultValue.toMillis(), min.toMillis(), max.toMillis()));
    }

    public Duration seconds(String option, Duration defaultValue, Duration min, Duration max) {
        return Duration.ofSeconds(longValue(option, defaultValue.toSeconds(), min.toSeconds(), max.toSeconds()));
    }

    public boolean bool(String option, boolean defaultValue) {
        return source.find(option).map(found -> parse(option, found, "true or false", value -> {
            if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
                throw new IllegalArgumentException();
            }
            return Boolean.parseBoolean(value);
        })).orElse(defaultValue);
    }

    /** A comma- or whitespace-separated list; empty entries are dropped. */
    public List<String> list(String option, List<String> defaultValue) {
        return string(option).map(OptionReader::splitList).orElse(defaultValue);
    }

    /** One of a fixed set of values, compared case-insensitively. */
    public <T> T choice(String option, Map<String, T> choices, T defaultValue) {
        return source.find(option).map(found -> {
            T chosen = choices.get(found.value().toLowerCase(Locale.ROOT));
            if (chosen == null) {
                throw invalid(option, found, "one of " + new TreeSet<>(choices.keySet()));
            }
            return chosen;
        }).orElse(defaultValue);
    }

    /** A declared INT option, with its declared default and range. */
    public int integer(Option option) {
        option.expect(Option.Type.INT);
        return integer(option.optionName(), Math.toIntExact(option.defaultNumber()),
                Math.toIntExact(option.minimum()), Math.toIntExact(option.maximum()));
    }

    /** A declared MILLIS option, with its declared default and range. */
    public Duration millis(Option option) {
        option.expect(Option.Type.MILLIS);
        return Duration.ofMillis(longValue(option.optionName(), option.defaultNumber(), option.minimum(),
                option.maximum()));
    }

    /** A declared SECONDS option, with its declared default and range. */
    public Duration seconds(Option option) {
        option.expect(Option.Type.SECONDS);
        return Duration.ofSeconds(longValue(option.optionName(), option.defaultNumber(), option.minimum(),
                option.maximum()));
    }

    /** A declared BOOLEAN option, with its declared default. */
    public boolean bool(Option option) {
        return bool(option.optionName(), option.defaultBoolean());
    }

    /** A declared URI option ({@link #uri(String)}'s rules). */
    public Optional<URI> uri(Option option) {
        option.expect(Option.Type.URI);
        return uri(option.optionName());
    }

    /** A declared LIST option; its declared default (split the same way), or an empty list. */
    public List<String> list(Option option) {
        option.expect(Option.Type.LIST);
        return list(option.optionName(), option.defaultValue().map(OptionReader::splitList).orElse(List.of()));
    }

    /**
     * A declared CHOICE option: {@code choices} maps each accepted value (lower case) to what it
     * means; the declared default must be one of them.
     */
    public <T> T choice(Option option, Map<String, T> choices) {
        option.expect(Option.Type.CHOICE);
        T byDefault = choices.get(option.defaultValue().orElseThrow(() -> new IllegalStateException(
                option.optionName() + " is a choice without a declared default")));
        if (byDefault == null) {
            throw new IllegalStateException(option.optionName() + "'s declared default is not one of its choices");
        }
        return choice(option.optionName(), choices, byDefault);
    }

    /**
     * A declared CHOICE option whose default depends on other options (the declared one is what
     * the docs say applies when those are not set either).
     */
    public <T> T choice(Option option, Map<String, T> choices, T defaultValue) {
        option.expect(Option.Type.CHOICE);
        return choice(option.optionName(), choices, defaultValue);
    }

    public static List<String> splitList(String value) {
        return Arrays.stream(value.split("[,\\s]+")).map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableList());
    }

    /** A parse step that may throw anything; every failure becomes one clear message. */
    public interface Parser<T> {
        T parse(String value) throws Exception;
    }

    public <T> T parse(String option, OptionSource.Found found, String expected, Parser<T> parser) {
        try {
            return parser.parse(found.value());
        } catch (InvalidOptionException e) {
            throw e;
        } catch (Exception e) {
            throw invalid(option, found, expected);
        }
    }

    public InvalidOptionException invalid(String option, OptionSource.Found found, String expected) {
        String shown = OptionNames.isSecret(option) ? "(hidden)" : "'" + found.value() + "'";
        return new InvalidOptionException(source.displayName(option), "expected " + expected + ", got " + shown
                + " (from " + found.origin() + ")");
    }

    private static String fallbackHint(String option) {
        String kafka = OptionNames.KAFKA_FALLBACKS.get(option);
        return kafka == null ? "" : "the Kafka config " + kafka + ", ";
    }
}
