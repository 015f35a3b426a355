package io.claimgate.samples;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the sample configuration files of {@code samples/config/} (packaged as class-path
 * resources under {@code config/}) and fills in their {@code ${PLACEHOLDER}}s. The quickstart runs
 * with exactly these files, so the samples users copy cannot rot.
 */
public final class SampleConfig {
    /**
     * Every sample file; a test loads each of them ({@code policy-cases.yaml}, the cases of
     * {@code bin/claimgate policy test} for the sample policy, is also run by the CLI's tests).
     */
    public static final List<String> FILES = List.of("server.properties", "client1.properties",
            "client2.properties", "static-token-client.properties", "token-file-client.properties",
            "kafka_client_jaas.conf", "policy.yaml", "policy-cases.yaml", "consumer-filter.properties",
            "private-key-jwt-client.properties", "connect-worker.properties", "connect-policy.yaml",
            "workload-identity-client.properties", "workload-identity-entra-client.properties");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z0-9_]+)}");

    private SampleConfig() {
    }

    /** The raw text of a sample file. */
    public static String text(String file) {
        try (InputStream in = SampleConfig.class.getResourceAsStream("/config/" + file)) {
            if (in == null) {
                throw new IllegalArgumentException("no sample file config/" + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The placeholders a sample file uses. */
    public static TreeSet<String> placeholders(String file) {
        TreeSet<String> names = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(text(file));
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** The file with every placeholder replaced; a placeholder without a value is an error. */
    public static String render(String file, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(text(file));
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                throw new IllegalArgumentException("config/" + file + " needs a value for ${" + m.group(1) + "}");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** A sample {@code .properties} file, rendered and parsed. */
    public static Properties properties(String file, Map<String, String> values) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(render(file, values)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
