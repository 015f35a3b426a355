package io.claimgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The two jars users copy must not carry a third-party class outside {@code io.claimgate}: an
 * unrelocated Nimbus, Caffeine or Micrometer would clash with whatever the broker or the client
 * application already has.
 */
class ShadedJarsTest {

    private static Path jar(String artifactId) throws IOException {
        String classpath = new String(ShadedJarsTest.class.getResourceAsStream("/claimgate-it/broker.classpath")
                .readAllBytes()) + java.io.File.pathSeparator + System.getProperty("java.class.path");
        return Arrays.stream(classpath.split(java.io.File.pathSeparator))
                .map(Path::of)
                .filter(p -> p.getFileName() != null && p.getFileName().toString().startsWith(artifactId + "-")
                        && p.toString().endsWith(".jar"))
                .filter(Files::isRegularFile)
                .findFirst().orElseThrow(() -> new AssertionError(artifactId + " jar not on any classpath"));
    }

    private static List<String> foreignClasses(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.stream().map(e -> e.getName())
                    .filter(name -> name.endsWith(".class"))
                    .map(name -> name.startsWith("META-INF/versions/") ? name.replaceFirst("META-INF/versions/\\d+/", "") : name)
                    .filter(name -> !name.startsWith("io/claimgate/"))
                    .collect(Collectors.toList());
        }
    }

    @Test
    void brokerJarRelocatesEveryThirdPartyClass() throws IOException {
        Path jar = jar("claimgate-broker");
        assertEquals(List.of(), foreignClasses(jar), jar.toString());
        try (JarFile file = new JarFile(jar.toFile())) {
            assertTrue(file.getEntry("io/claimgate/server/OAuthValidatorCallbackHandler.class") != null);
            assertTrue(file.getEntry("io/claimgate/server/OAuthPrincipalBuilder.class") != null);
            // Connect workers load the REST extension from the same jar (Kafka's libs/)
            assertTrue(file.getEntry("io/claimgate/rest/OAuthConnectRestExtension.class") != null);
            assertTrue(file.getEntry("META-INF/services/org.apache.kafka.connect.rest.ConnectRestExtension") != null);
            // REST Proxy loads its extension from the same jar; REST Proxy's own interface is never shipped
            assertTrue(file.getEntry("io/claimgate/rest/OAuthRestResourceExtension.class") != null);
            assertTrue(file.stream().noneMatch(e -> e.getName().contains("io/confluent/")));
        }
    }

    @Test
    void clientJarRelocatesEveryThirdPartyClass() throws IOException {
        Path jar = jar("claimgate-client");
        assertEquals(List.of(), foreignClasses(jar), jar.toString());
        try (JarFile file = new JarFile(jar.toFile())) {
            assertTrue(file.getEntry("io/claimgate/login/OAuthLoginCallbackHandler.class") != null);
        }
    }
}
