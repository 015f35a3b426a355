package io.claimgate.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.claimgate.common.config.InvalidOptionException;
import io.claimgate.common.http.AllowedUrls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad configuration fails in {@code configure()}, before any login, with one message naming the
 * option. Every case below goes through {@code configure()} as Kafka calls it.
 */
class LoginOptionsTest {
    private static final String ENDPOINT = "https://idp.example/token";
    private static final String SECRET = "do-not-print-me";

    @AfterEach
    void clearAllowedUrls() {
        System.clearProperty(AllowedUrls.SYSTEM_PROPERTY);
    }

    /** A valid client-credentials configuration, changed by pairs of (option, value); null removes. */
    private static Map<String, String> clientCredentials(String... changes) {
        Map<String, String> options = new HashMap<>(Map.of(
                "oauth.token.endpoint.uri", ENDPOINT,
                "oauth.client.id", "client1",
                "oauth.client.secret", SECRET));
        for (int i = 0; i < changes.length; i += 2) {
            if (changes[i + 1] == null) {
                options.remove(changes[i]);
            } else {
                options.put(changes[i], changes[i + 1]);
            }
        }
        return options;
    }

    private static LoginOptions optionsOf(Map<String, String> jaasOptions) {
        return LoginOptions.from(new io.claimgate.common.config.OptionReader(
                io.claimgate.common.config.OptionSource.of(jaasOptions, Map.of(), name -> null)));
    }

    private static InvalidOptionException rejected(Map<String, String> options) {
        return assertThrows(InvalidOptionException.class, () -> Handlers.configured(options));
    }

    private static void assertRejects(String option, Map<String, String> options) {
        InvalidOptionException e = rejected(options);
        assertEquals(option, e.option(), e.getMessage());
        assertTrue(e.getMessage().startsWith("claimgate option '" + option + "'"), e.getMessage());
        assertFalse(e.getMessage().contains(SECRET), e.getMessage());
    }

    @Test
    void aCompleteConfigurationIsReadWithDocumentedDefaults() {
        LoginOptions options = Handlers.configured(clientCredentials()).options();

        LoginOptions.Endpoint endpoint = assertInstanceOf(LoginOptions.Endpoint.class, options.source());
        assertEquals(ClientAuthMethod.CLIENT_SECRET_BASIC, endpoint.authentication().method());
        assertEquals(2, options.http().retries());
        assertEquals(Duration.ofSeconds(10), options.http().readTimeout());
        assertFalse(options.toString().contains(SECRET), options.toString());
    }

    @Test
    void invalidOptionExceptionIsAKafkaConfigException() {
        assertInstanceOf(ConfigException.class, rejected(Map.of()), "Kafka reports it like its own config errors");
    }

    @Test
    void aTokenSourceIsRequired() {
        InvalidOptionException e = rejected(Map.of("oauth.client.id", "client1"));
        assertEquals("oauth.token.endpoint.uri", e.option());
        assertTrue(e.getMessage().contains("oauth.access.token.location"), "the message lists the alternatives");
    }

    @Test
    void exactlyOneTokenSource(@TempDir Path dir) throws Exception {
        String file = Files.writeString(dir.resolve("token"), "opaque").toString();
        assertRejects("oauth.access.token", clientCredentials("oauth.access.token", "opaque"));
        assertRejects("oauth.access.token.location", Map.of("oauth.access.token", "opaque",
                "oauth.access.token.location", file));
    }

    @Test
    void clientCredentialsNeedAClientIdAndASecretOrKey() {
        assertRejects("oauth.client.id", clientCredentials("oauth.client.id", null));
        assertRejects("oauth.client.secret", clientCredentials("oauth.client.secret", null));
        assertRejects("oauth.client.assertion.key.location", clientCredentials(
                "oauth.client.auth.method", "private_key_jwt"));
    }

    @Test
    void badValuesAreNamed(@TempDir Path dir) throws Exception {
        assertRejects("oauth.token.endpoint.uri", clientCredentials("oauth.token.endpoint.uri", "idp.example/token"));
        assertRejects("oauth.token.endpoint.uri", clientCredentials("oauth.token.endpoint.uri", "ftp://idp.example/token"));
        assertRejects("oauth.issuer.uri", Map.of("oauth.issuer.uri", "not a url", "oauth.client.id", "c",
                "oauth.client.secret", SECRET));
        assertRejects("oauth.client.auth.method", clientCredentials("oauth.client.auth.method", "tls_client_auth"));
        assertRejects("oauth.read.timeout.ms", clientCredentials("oauth.read.timeout.ms", "soon"));
        assertRejects("oauth.http.retries", clientCredentials("oauth.http.retries", "-1"));
        assertRejects("oauth.access.token.location", Map.of("oauth.access.token.location", dir.resolve("missing").toString()));
        assertRejects("oauth.client.assertion.key.location", clientCredentials("oauth.client.secret", null,
                "oauth.client.assertion.key.location", Files.writeString(dir.resolve("k.pem"), "not a key").toString()));
    }

    @Test
    void aStaticTokenKafkaCannotSendIsRefusedWithoutShowingIt() {
        InvalidOptionException e = rejected(Map.of("oauth.access.token", "Bearer " + SECRET));
        assertEquals("oauth.access.token", e.option());
        assertTrue(e.getMessage().contains("'Bearer ' prefix"), e.getMessage());
        assertFalse(e.getMessage().contains(SECRET));
    }

    @Test
    void aKeyWithASecretMethodIsAContradiction(@TempDir Path dir) throws Exception {
        Path key = TestKeys.writePkcs8(dir, TestKeys.rsa());
        assertRejects("oauth.client.assertion.key.location", clientCredentials(
                "oauth.client.auth.method", "client_secret_post", "oauth.client.assertion.key.location", key.toString()));
    }

    @Test
    void weakOrUnsupportedKeysAreRefused(@TempDir Path dir) throws Exception {
        java.security.KeyPairGenerator small = java.security.KeyPairGenerator.getInstance("RSA");
        small.initialize(1024);
        Path weak = TestKeys.writePkcs8(dir, small.generateKeyPair());
        InvalidOptionException e = rejected(clientCredentials("oauth.client.assertion.key.location", weak.toString()));
        assertTrue(e.getMessage().contains("at least 2048"), e.getMessage());

        Path encrypted = TestKeys.writePem(dir.resolve("enc.pem"), "ENCRYPTED PRIVATE KEY", new byte[] {1, 2, 3});
        e = rejected(clientCredentials("oauth.client.assertion.key.location", encrypted.toString()));
        assertTrue(e.getMessage().contains("openssl pkcs8 -topk8 -nocrypt"), e.getMessage());
    }

    @Test
    void aKeyFileThatIsNotAUsableKeyIsRefusedNamingTheOptionWithoutShowingTheFile(@TempDir Path dir) throws Exception {
        String option = "oauth.client.assertion.key.location";
        Map<Path, String> expected = Map.of(
                java.nio.file.Files.writeString(dir.resolve("not.pem"), "hunter2-not-a-key"), "is not a PEM private key",
                TestKeys.writePem(dir.resolve("junk8.pem"), "PRIVATE KEY", new byte[] {1, 2, 3}),
                "is not an RSA or EC PKCS#8 private key",
                TestKeys.writePem(dir.resolve("junk1.pem"), "RSA PRIVATE KEY", new byte[] {1, 2, 3}),
                "is not a valid PKCS#1 RSA private key",
                TestKeys.writePem(dir.resolve("cert.pem"), "CERTIFICATE", new byte[] {1, 2, 3}),
                "holds a 'CERTIFICATE' block");
        for (Map.Entry<Path, String> file : expected.entrySet()) {
            InvalidOptionException e = rejected(clientCredentials(option, file.getKey().toString()));
            assertEquals(option, e.option(), e.getMessage());
            assertTrue(e.getMessage().contains(file.getValue()), e.getMessage());
            assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
        }
    }

    @Test
    void endpointOnlyOptionsAreRefusedWithAStaticToken() {
        assertRejects("oauth.scope", Map.of("oauth.access.token", "opaque", "oauth.scope", "kafka"));
        assertRejects("oauth.audience", Map.of("oauth.access.token", "opaque", "oauth.audience", "kafka"));
        assertRejects("oauth.token.sharing", Map.of("oauth.access.token", "opaque", "oauth.token.sharing", "false"));
    }

    @Test
    void tokenSharingIsOnUnlessTurnedOffAndTakesOnlyABoolean() {
        assertTrue(optionsOf(clientCredentials()).tokenSharing());
        assertFalse(optionsOf(clientCredentials("oauth.token.sharing", "false")).tokenSharing());
        assertRejects("oauth.token.sharing", clientCredentials("oauth.token.sharing", "no"));
    }

    @Test
    void aBrokersValidationOptionsInTheSameJaasEntryDoNotDisturbLogin() {
        // On a broker one JAAS entry serves login and validation; the issuer here is for validation.
        LoginOptions options = Handlers.configured(clientCredentials(
                "oauth.issuer.uri", "https://idp.example/realms/kafka",
                "oauth.jwks.endpoint.uri", "https://idp.example/realms/kafka/certs",
                "oauth.username.claim", "client_id")).options();

        LoginOptions.Endpoint endpoint = assertInstanceOf(LoginOptions.Endpoint.class, options.source());
        assertEquals(ENDPOINT, endpoint.tokenEndpoint().orElseThrow().toString());
    }

    @Test
    void aPlainHttpTokenEndpointOrIssuerIsWarnedAbout() {
        assertEquals(List.of(), Handlers.configured(clientCredentials()).options().warnings());
        assertTrue(Handlers.configured(clientCredentials("oauth.token.endpoint.uri", "http://idp.example/token"))
                .options().warnings().get(0).startsWith("oauth.token.endpoint.uri http://idp.example/token is plain http"));
        assertTrue(Handlers.configured(clientCredentials("oauth.token.endpoint.uri", null,
                "oauth.issuer.uri", "http://idp.example/realms/kafka")).options().warnings().get(0)
                .startsWith("oauth.issuer.uri http://idp.example/realms/kafka is plain http"));
    }

    @Test
    void aMistypedOptionFailsInsteadOfBeingIgnored() {
        assertRejects("oauth.client.scret", clientCredentials("oauth.client.scret", SECRET));
        assertRejects("oauth.issuer.url", clientCredentials("oauth.token.endpoint.uri", null,
                "oauth.issuer.url", "https://idp.example/realms/kafka"));
        assertRejects("oauth.token.endpoint.uri", clientCredentials("oauth.token.endpoint.uri",
                "https://client1:" + SECRET + "@idp.example/token"));
    }

    @Test
    void kafkasOwnConfigsAreFallbacks() {
        Map<String, Object> kafka = Map.of(
                "sasl.oauthbearer.token.endpoint.url", ENDPOINT,
                "sasl.oauthbearer.client.credentials.client.id", "client1",
                "sasl.oauthbearer.client.credentials.client.secret", SECRET,
                "sasl.oauthbearer.scope", "kafka");

        LoginOptions.Endpoint endpoint = (LoginOptions.Endpoint) Handlers.configured(kafka, Map.of()).options().source();

        assertEquals("client1", endpoint.clientId());
        assertEquals("kafka", endpoint.scope().orElseThrow());
    }

    @Test
    void theAllowedUrlsSystemPropertyIsHonoured() {
        System.setProperty(AllowedUrls.SYSTEM_PROPERTY, "https://other.example/token");
        assertRejects("oauth.token.endpoint.uri", clientCredentials());

        System.setProperty(AllowedUrls.SYSTEM_PROPERTY, "https://other.example/token," + ENDPOINT);
        Handlers.configured(clientCredentials());

        System.setProperty(AllowedUrls.SYSTEM_PROPERTY, "https://idp.example/realms/kafka");
        InvalidOptionException e = rejected(Map.of("oauth.issuer.uri", "https://idp.example/realms/kafka",
                "oauth.client.id", "client1", "oauth.client.secret", SECRET));
        assertEquals("oauth.issuer.uri", e.option());
        assertTrue(e.getMessage().contains("https://idp.example/realms/kafka/.well-known/openid-configuration"),
                "the URL actually fetched must be listed: " + e.getMessage());
    }

    @Test
    void onlyOauthbearerWithOneJaasEntry() {
        OAuthLoginCallbackHandler handler = new OAuthLoginCallbackHandler();
        assertThrows(IllegalArgumentException.class,
                () -> handler.configure(Map.of(), "PLAIN", List.of(Handlers.jaasEntry(clientCredentials()))));
        assertThrows(IllegalArgumentException.class,
                () -> handler.configure(Map.of(), OAuthBearerLoginModule.OAUTHBEARER_MECHANISM, List.of()));
        assertThrows(IllegalStateException.class, () -> Handlers.token(handler), "not configured");
    }
}
