package io.claimgate.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.utils.AppInfoParser;

/** What a result was measured on: machine, JDK, Kafka and the validators' versions. */
final class Machine {
    private Machine() {
    }

    static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName().replaceAll("[^A-Za-z0-9._-]", "_");
        } catch (IOException e) {
            return "unknown-host";
        }
    }

    /** Name/value pairs, in a stable order, for the results' header, with the storm brokers' JVM options. */
    static Map<String, String> describe(String machine, List<String> extraBrokerJvmOptions) {
        Map<String, String> out = describe(machine);
        List<String> brokerJvmOptions = new ArrayList<>(StormBroker.JVM_OPTIONS);
        brokerJvmOptions.addAll(extraBrokerJvmOptions);
        out.put("broker_jvm_options", String.join(" ", brokerJvmOptions));
        return out;
    }

    /** Name/value pairs, in a stable order: machine, CPU, cores, OS, JDK, Kafka, claimgate and Strimzi versions. */
    static Map<String, String> describe(String machine) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("machine", machine);
        out.put("cpu", cpuModel());
        out.put("cores", String.valueOf(Runtime.getRuntime().availableProcessors()));
        out.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        out.put("jdk", System.getProperty("java.vm.vendor") + " " + System.getProperty("java.vm.name") + " "
                + System.getProperty("java.runtime.version"));
        out.put("kafka", AppInfoParser.getVersion());
        out.put("claimgate", mavenVersion("io.claimgate", "claimgate-server-handler"));
        out.put("strimzi-oauth", mavenVersion("io.strimzi", "kafka-oauth-server"));
        return out;
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("unknown");
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** The version in a jar's {@code META-INF/maven/.../pom.properties} (kept by the shade plugin). */
    private static String mavenVersion(String group, String artifact) {
        try (InputStream in = Machine.class.getResourceAsStream("/META-INF/maven/" + group + "/" + artifact + "/pom.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
