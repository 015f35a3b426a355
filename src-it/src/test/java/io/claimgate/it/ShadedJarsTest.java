package io.claimgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Array;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import javax.security.auth.callback.Callback;
import javax.security.auth.login.AppConfigurationEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three jars users copy, each checked for what it must carry, what it must not, and its size:
 * <ul>
 *   <li>no third-party class outside {@code io.claimgate} (an unrelocated Nimbus, Caffeine or
 *       Micrometer would clash with whatever the broker or the client application already has);</li>
 *   <li>{@code claimgate-login}: the login handler alone, at most 1 MiB, for every client machine;</li>
 *   <li>{@code claimgate-client}: login handler and record filter, nothing of the broker;</li>
 *   <li>{@code claimgate-broker}: validator, principal builder, authorizer, REST extensions.</li>
 * </ul>
 */
class ShadedJarsTest {
    private static final long MIB = 1024 * 1024;

    /** Classes of the broker side, by package: none may reach a client jar. */
    private static final List<String> BROKER_PACKAGES = List.of("io/claimgate/server/",
            "io/claimgate/policy/OAuthKafkaPrincipal", "io/claimgate/authorizer/decision/",
            "io/claimgate/authorizer/acl/", "io/claimgate/authorizer/ClaimAuthorizer", "io/claimgate/rest/",
            "io/claimgate/shaded/org/bouncycastle/", "io/claimgate/shaded/caffeine/");

    /** The policy runtime (CEL with Guava and protobuf, the policy file model): not for login alone. */
    private static final List<String> POLICY_PACKAGES = List.of("io/claimgate/policy/", "io/claimgate/authorizer/",
            "io/claimgate/filter/", "io/claimgate/shaded/dev/cel/", "io/claimgate/shaded/cel/",
            "io/claimgate/shaded/com/google/", "io/claimgate/shaded/snakeyaml/");

    @Test
    void loginJarIsTheLoginHandlerAloneAndSmall() throws IOException {
        Path jar = jar("claimgate-login");
        List<String> entries = entries(jar);
        assertEquals(List.of(), foreignClasses(entries), jar.toString());
        assertTrue(entries.contains("io/claimgate/login/OAuthLoginCallbackHandler.class"), jar.toString());
        assertEquals(List.of(), matching(entries, BROKER_PACKAGES), jar + " carries broker classes");
        assertEquals(List.of(), matching(entries, POLICY_PACKAGES), jar + " carries the policy runtime");
        // The login handler signs client assertions and reads token claims with the JDK alone.
        assertEquals(List.of(), matching(entries, List.of("io/claimgate/shaded/com/nimbusds/",
                "io/claimgate/shaded/net/jcip/")), jar + " carries Nimbus JOSE");
        assertTrue(Files.size(jar) <= MIB, jar + " is " + Files.size(jar) + " bytes, more than 1 MiB");
    }

    /**
     * The login jar works on its own: in a class loader holding only it, kafka-clients and slf4j-api
     * (none of the test JVM's classes), a client-credentials login against the embedded IdP returns
     * the IdP's token. Proves that nothing the jar leaves out (the policy runtime, HdrHistogram) is
     * needed to log in and count it.
     */
    @Test
    void loginJarLogsInAlone() throws Exception {
        logInWithTheLoginJarAlone(Map.of("oauth.client.secret", "client1-secret"));
    }

    /**
     * The same with {@code private_key_jwt} and a P-521 key: the client assertion is signed with the
     * JDK alone (no JOSE library in the jar), and the IdP takes it.
     */
    @Test
    void loginJarSignsClientAssertionsAlone(@TempDir Path dir) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp521r1"));
        Path key = dir.resolve("client1.pem");
        Files.writeString(key, "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n", StandardCharsets.US_ASCII);
        logInWithTheLoginJarAlone(Map.of("oauth.client.auth.method", "private_key_jwt",
                "oauth.client.assertion.key.location", key.toString()));
    }

    private static void logInWithTheLoginJarAlone(Map<String, String> credential) throws Exception {
        List<URL> urls = new ArrayList<>();
        urls.add(jar("claimgate-login").toUri().toURL());
        urls.add(jar("kafka-clients").toUri().toURL());
        urls.add(jar("slf4j-api").toUri().toURL());
        try (EmbeddedIdp idp = EmbeddedIdp.start();
             URLClassLoader loader = new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader())) {
            Clients.allowUrls(idp.allowedUrls());
            Class<?> handlerClass = loader.loadClass("io.claimgate.login.OAuthLoginCallbackHandler");
            assertEquals(loader, handlerClass.getClassLoader());
            Object handler = handlerClass.getConstructor().newInstance();
            AppConfigurationEntry jaas = new AppConfigurationEntry(
                    "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule",
                    AppConfigurationEntry.LoginModuleControlFlag.REQUIRED,
                    options(idp, credential));
            handlerClass.getMethod("configure", Map.class, String.class, List.class)
                    .invoke(handler, Map.of(), "OAUTHBEARER", List.of(jaas));
            Class<?> callbackClass = loader.loadClass(
                    "org.apache.kafka.common.security.oauthbearer.OAuthBearerTokenCallback");
            Object callback = callbackClass.getConstructor().newInstance();
            Object callbacks = Array.newInstance(Callback.class, 1);
            Array.set(callbacks, 0, callback);
            handlerClass.getMethod("handle", Callback[].class).invoke(handler, callbacks);
            Object token = callbackClass.getMethod("token").invoke(callback);
            assertNotNull(token, "no token");
            String value = (String) token.getClass().getMethod("value").invoke(token);
            assertEquals(3, value.split("\\.").length, "not a JWT from the IdP");
            handlerClass.getMethod("close").invoke(handler);
        }
    }

    private static Map<String, String> options(EmbeddedIdp idp, Map<String, String> credential) {
        Map<String, String> options = new java.util.HashMap<>(credential);
        options.put("oauth.token.endpoint.uri", idp.tokenEndpoint());
        options.put("oauth.client.id", "client1");
        return options;
    }

    @Test
    void clientJarIsLoginAndRecordFilterWithoutBrokerClasses() throws IOException {
        Path jar = jar("claimgate-client");
        List<String> entries = entries(jar);
        assertEquals(List.of(), foreignClasses(entries), jar.toString());
        assertTrue(entries.contains("io/claimgate/login/OAuthLoginCallbackHandler.class"), jar.toString());
        assertTrue(entries.contains("io/claimgate/filter/RecordFilterInterceptor.class"), jar.toString());
        assertTrue(entries.contains("io/claimgate/filter/RecordFilterDeserializer.class"), jar.toString());
        assertEquals(List.of(), matching(entries, BROKER_PACKAGES), jar + " carries broker classes");
        assertTrue(Files.size(jar) <= 11 * MIB, jar + " is " + Files.size(jar) + " bytes, more than 11 MiB");
    }

    @Test
    void brokerJarCarriesTheBrokerConnectAndRestProxySide() throws IOException {
        Path jar = jar("claimgate-broker");
        List<String> entries = entries(jar);
        assertEquals(List.of(), foreignClasses(entries), jar.toString());
        for (String plugin : List.of("io/claimgate/server/OAuthValidatorCallbackHandler.class",
                "io/claimgate/server/OAuthPrincipalBuilder.class", "io/claimgate/policy/OAuthKafkaPrincipal.class",
                "io/claimgate/authorizer/ClaimAuthorizer.class",
                // brokers log in to each other and to controllers with the login handler
                "io/claimgate/login/OAuthLoginCallbackHandler.class",
                // Connect workers load the REST extension from the same jar (Kafka's libs/)
                "io/claimgate/rest/OAuthConnectRestExtension.class",
                "META-INF/services/org.apache.kafka.connect.rest.ConnectRestExtension",
                // REST Proxy loads its extension from the same jar; REST Proxy's own interface is never shipped
                "io/claimgate/rest/OAuthRestResourceExtension.class")) {
            assertTrue(entries.contains(plugin), jar + " lacks " + plugin);
        }
        assertTrue(entries.stream().noneMatch(e -> e.contains("io/confluent/")), jar.toString());
        assertTrue(entries.stream().noneMatch(e -> e.startsWith("io/claimgate/filter/")),
                jar + " carries the client's record filter");
        assertTrue(Files.size(jar) <= 13 * MIB, jar + " is " + Files.size(jar) + " bytes, more than 13 MiB");
    }

    /** The jar of {@code artifactId} from the broker's classpath, the login jar's list, or the test JVM's. */
    static Path jar(String artifactId) throws IOException {
        String classpath = resource("/claimgate-it/broker.classpath") + File.pathSeparator
                + resource("/claimgate-it/login.classpath") + File.pathSeparator + System.getProperty("java.class.path");
        return Arrays.stream(classpath.split(File.pathSeparator))
                .filter(p -> !p.isBlank())
                .map(Path::of)
                .filter(p -> p.getFileName() != null && p.getFileName().toString().startsWith(artifactId + "-")
                        && p.toString().endsWith(".jar"))
                .filter(Files::isRegularFile)
                .findFirst().orElseThrow(() -> new AssertionError(artifactId + " jar not on any classpath"));
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = ShadedJarsTest.class.getResourceAsStream(name)) {
            assertNotNull(in, name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        }
    }

    private static List<String> entries(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.stream().map(e -> e.getName()).collect(Collectors.toList());
        }
    }

    private static List<String> foreignClasses(List<String> entries) {
        return entries.stream()
                .filter(name -> name.endsWith(".class"))
                .map(name -> name.startsWith("META-INF/versions/") ? name.replaceFirst("META-INF/versions/\\d+/", "") : name)
                .filter(name -> !name.startsWith("io/claimgate/"))
                .collect(Collectors.toList());
    }

    private static List<String> matching(List<String> entries, List<String> prefixes) {
        List<String> found = new ArrayList<>();
        for (String entry : entries) {
            if (entry.endsWith(".class") && prefixes.stream().anyMatch(entry::startsWith)) {
                found.add(entry);
            }
        }
        return found;
    }
}
