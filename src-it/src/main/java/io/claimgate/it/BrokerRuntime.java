package io.claimgate.it;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How a broker JVM is launched: the java binary, the classpath, the JVM options and the log4j2
 * configuration file. Shared by the storage formatter and the broker itself.
 *
 * <p>The classpath is what Maven resolved for this module and wrote at build time into two
 * classpath resources (see src-it/pom.xml): {@code claimgate-it/broker.classpath} (kafka_2.13 with
 * its runtime, the log4j2 SLF4J bridge and the shaded claimgate-broker jar, all "provided") and
 * {@code claimgate-it/broker-shared.classpath} (kafka-clients with its codecs and slf4j-api, which
 * this module also needs at compile scope, so they are missing from the first list). That is the
 * broker as a user deploys it: Kafka's jars plus our one jar, nothing from the test JVM.
 */
public final class BrokerRuntime {

    static final String BROKER_CLASSPATH_RESOURCE = "/claimgate-it/broker.classpath";
    static final String SHARED_CLASSPATH_RESOURCE = "/claimgate-it/broker-shared.classpath";
    /**
     * Older releases claimgate is tested on, each a module of {@code src-it/older-kafka} writing
     * {@code claimgate-it/broker-kafka-<version>.classpath}: that release's broker plus our jar.
     */
    public static final List<String> OLDER_KAFKA_VERSIONS = List.of("4.0.1", "4.1.1", "4.2.0");

    private BrokerRuntime() {
    }

    /** The java launcher of the running JVM: brokers run on the same Java as the tests. */
    public static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * The broker classpath (of {@code kafkaVersion}, else of the build's Kafka) plus {@code extra},
     * every entry checked to exist so a stale build fails here, clearly.
     */
    public static String classpath(Optional<String> kafkaVersion, List<Path> extra) {
        Set<String> entries = new LinkedHashSet<>();
        if (kafkaVersion.isPresent()) {
            // Resolved in a module of its own, so the list is complete: nothing is shared with this JVM.
            entries.addAll(readClasspathResource("/claimgate-it/broker-kafka-" + kafkaVersion.get() + ".classpath"));
        } else {
            entries.addAll(readClasspathResource(BROKER_CLASSPATH_RESOURCE));
            entries.addAll(readClasspathResource(SHARED_CLASSPATH_RESOURCE));
        }
        extra.forEach(path -> entries.add(path.toString()));
        for (String entry : entries) {
            if (!Files.exists(Path.of(entry))) {
                throw new IllegalStateException("broker classpath entry does not exist: " + entry
                        + " (rebuild src-it: mvn -pl src-it generate-resources)");
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    static List<String> readClasspathResource(String resource) {
        try (InputStream in = BrokerRuntime.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("classpath resource " + resource + " is missing; it is written by"
                        + " maven-dependency-plugin:build-classpath in src-it/pom.xml (phase generate-resources)");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            List<String> out = new ArrayList<>();
            Arrays.stream(text.split(File.pathSeparator)).map(String::trim).filter(s -> !s.isEmpty()).forEach(out::add);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The command line for {@code mainClass}: JVM options ({@code nodeJvmOptions} after the spec's),
     * log4j2 config, the caller's system
     * properties, a marker naming the parent test JVM (to recognise strays), classpath, main, args.
     */
    static List<String> command(KafkaClusterSpec spec, List<String> nodeJvmOptions, Path log4jConfig, String classpath,
                                String mainClass, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(javaBinary());
        command.addAll(spec.jvmOptions());
        command.addAll(nodeJvmOptions);
        command.add("-Dlog4j2.configurationFile=" + log4jConfig.toAbsolutePath());
        command.add("-Dclaimgate.it.parent.pid=" + ProcessHandle.current().pid());
        command.add("-Dclaimgate.it.cluster=" + spec.name());
        for (Map.Entry<String, String> property : spec.systemProperties().entrySet()) {
            command.add("-D" + property.getKey() + "=" + property.getValue());
        }
        command.add("-cp");
        command.add(classpath);
        command.add(mainClass);
        command.addAll(args);
        return command;
    }

    /**
     * Writes the broker's log4j2 configuration. Kafka 4 logs through SLF4J into log4j2 (log4j-core
     * comes with kafka-server, the bridge is added in the POM); everything goes to stdout, which the
     * kit redirects into broker.log. Root INFO, noisy request/state-change loggers WARN, then the
     * spec's levels ({@code io.claimgate} DEBUG by default).
     */
    static void writeLog4jConfig(Path file, Map<String, String> loggerLevels) {
        StringBuilder xml = new StringBuilder()
                .append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<Configuration status=\"WARN\">\n")
                .append("  <Appenders>\n")
                .append("    <Console name=\"STDOUT\" target=\"SYSTEM_OUT\">\n")
                .append("      <PatternLayout pattern=\"[%d] %p %m (%c)%n\"/>\n")
                .append("    </Console>\n")
                .append("  </Appenders>\n")
                .append("  <Loggers>\n")
                .append("    <Root level=\"INFO\"><AppenderRef ref=\"STDOUT\"/></Root>\n")
                .append("    <Logger name=\"kafka.request.logger\" level=\"WARN\"/>\n")
                .append("    <Logger name=\"state.change.logger\" level=\"WARN\"/>\n")
                .append("    <Logger name=\"org.apache.kafka.common.config.AbstractConfig\" level=\"WARN\"/>\n");
        loggerLevels.forEach((logger, level) -> xml.append("    <Logger name=\"").append(escape(logger))
                .append("\" level=\"").append(escape(level)).append("\"/>\n"));
        xml.append("  </Loggers>\n").append("</Configuration>\n");
        try {
            Files.writeString(file, xml.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String escape(String value) {
        return value.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;");
    }
}
