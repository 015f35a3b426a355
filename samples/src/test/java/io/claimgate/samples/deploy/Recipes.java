package io.claimgate.samples.deploy;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;
import javax.security.auth.login.AppConfigurationEntry;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.security.JaasContext;

/** What the recipe tests share: where the repository and the built jars are, JAAS parsing. */
public final class Recipes {
    /** Surefire runs in samples/; the recipes and the build output are the repository's. */
    public static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    public static final Path DEPLOY = ROOT.resolve("deploy");

    private static final Pattern COPY = Pattern.compile("^COPY\\s+(?:--\\S+\\s+)*(\\S+)\\s+(\\S+)\\s*$", Pattern.MULTILINE);

    private Recipes() {
    }

    /** The COPY instructions of a Dockerfile: source (build argument filled in) to destination. */
    public static Map<String, String> dockerCopies(Path dockerfile) {
        Map<String, String> copies = new LinkedHashMap<>();
        Matcher m = COPY.matcher(read(dockerfile));
        while (m.find()) {
            copies.put(m.group(1).replace("${CLAIMGATE_VERSION}", version()), m.group(2));
        }
        return copies;
    }

    public static String version() {
        return property("claimgate.version");
    }

    static String kafkaVersion() {
        return property("kafka.version");
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        assertNotNull(value, name + " is set by samples/pom.xml (surefire systemPropertyVariables)");
        return value;
    }

    /** The shaded jar users copy (dist/broker), as built by this reactor. */
    public static Path brokerJar() {
        Path jar = ROOT.resolve("dist/broker/target/claimgate-broker-" + version() + ".jar");
        assertTrue(Files.isRegularFile(jar), jar + " is built before samples (reactor with -am)");
        return jar;
    }

    /** Whether the broker jar carries {@code className}: the recipes name only classes users get. */
    static boolean brokerJarHas(String className) {
        try (ZipFile zip = new ZipFile(brokerJar().toFile())) {
            return zip.getEntry(className.replace('.', '/') + ".class") != null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A {@code sasl.jaas.config} value parsed by Kafka's own JAAS parser (as a broker or client does). */
    static Map<String, ?> jaasOptions(String jaasConfig) {
        AppConfigurationEntry entry = JaasContext.loadClientContext(
                Map.of("sasl.jaas.config", new Password(jaasConfig))).configurationEntries().get(0);
        return entry.getOptions();
    }
}
