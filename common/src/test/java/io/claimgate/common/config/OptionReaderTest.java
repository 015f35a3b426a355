package io.claimgate.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.config.types.Password;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OptionReaderTest {

    private static OptionReader reader(Map<String, ?> jaas) {
        return reader(jaas, Map.of(), Map.of());
    }

    private static OptionReader reader(Map<String, ?> jaas, Map<String, ?> kafka, Map<String, String> env) {
        return new OptionReader(OptionSource.of(jaas, kafka, env::get));
    }

    @Test
    void jaasOptionWinsOverKafkaConfigWhichWinsOverEnvironment() {
        Map<String, String> env = Map.of("OAUTH_VALID_ISSUER_URI", "https://env");
        Map<String, Object> kafka = Map.of("sasl.oauthbearer.expected.issuer", "https://kafka");

        assertEquals("https://jaas", reader(Map.of("oauth.valid.issuer.uri", "https://jaas"), kafka, env)
                .string(OptionNames.VALID_ISSUER_URI).orElseThrow());
        assertEquals("https://kafka", reader(Map.of(), kafka, env).string(OptionNames.VALID_ISSUER_URI).orElseThrow());
        assertEquals("https://env", reader(Map.of(), Map.of(), env).string(OptionNames.VALID_ISSUER_URI).orElseThrow());
    }

    @Test
    void kafkaFallbacksAcceptKafkasOwnValueTypes() {
        Map<String, Object> kafka = Map.of(
                "sasl.oauthbearer.expected.audience", List.of("kafka", "other"),
                "sasl.oauthbearer.client.credentials.client.secret", new Password("s3cret"),
                "sasl.oauthbearer.clock.skew.seconds", 45);
        OptionReader options = reader(Map.of(), kafka, Map.of());

        assertEquals(List.of("kafka", "other"), options.list(OptionNames.VALID_AUDIENCE, List.of()));
        assertEquals("s3cret", options.string(OptionNames.CLIENT_SECRET).orElseThrow());
        assertEquals(45, options.integer(OptionNames.CLOCK_SKEW_SECONDS, 30, 0, 3600));
    }

    @Test
    void blankValuesCountAsAbsent() {
        assertEquals(Optional.empty(), reader(Map.of("oauth.scope", "  ")).string(OptionNames.SCOPE));
    }

    @Test
    void badIntegerNamesTheOptionTheRangeAndWhereTheValueCameFrom() {
        InvalidOptionException e = assertThrows(InvalidOptionException.class,
                () -> reader(Map.of("oauth.read.timeout.ms", "ten")).integer(OptionNames.READ_TIMEOUT_MS, 1, 1, 100));
        assertEquals(OptionNames.READ_TIMEOUT_MS, e.option());
        assertEquals("claimgate option 'oauth.read.timeout.ms': expected an integer between 1 and 100, got 'ten'"
                + " (from JAAS option oauth.read.timeout.ms)", e.getMessage());
    }

    @Test
    void integerOutOfRangeIsRefused() {
        InvalidOptionException e = assertThrows(InvalidOptionException.class,
                () -> reader(Map.of("oauth.http.retries", "1000")).integer(OptionNames.HTTP_RETRIES, 2, 0, 100));
        assertTrue(e.getMessage().contains("between 0 and 100"), e.getMessage());
    }

    @Test
    void secretValuesAreNeverEchoed() {
        InvalidOptionException e = assertThrows(InvalidOptionException.class,
                () -> reader(Map.of("oauth.client.secret", "hunter2"))
                        .integer(OptionNames.CLIENT_SECRET, 0, 0, 1));
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
        assertTrue(e.getMessage().contains("(hidden)"), e.getMessage());
    }

    @Test
    void uriMustBeAbsoluteHttpOrHttps() {
        assertEquals(URI.create("https://idp/token"),
                reader(Map.of("oauth.token.endpoint.uri", "https://idp/token")).uri(OptionNames.TOKEN_ENDPOINT_URI)
                        .orElseThrow());
        for (String bad : List.of("idp/token", "file:///etc/passwd", "ftp://idp/x", "http://")) {
            InvalidOptionException e = assertThrows(InvalidOptionException.class,
                    () -> reader(Map.of("oauth.token.endpoint.uri", bad)).uri(OptionNames.TOKEN_ENDPOINT_URI), bad);
            assertTrue(e.getMessage().contains("expected an absolute http:// or https:// URL"), e.getMessage());
        }
    }

    @Test
    void aUriWithUserInfoIsRefusedWithoutQuotingIt() {
        for (String bad : List.of("https://client1:hunter2@idp/token", "https://hunter2@idp/token")) {
            InvalidOptionException e = assertThrows(InvalidOptionException.class,
                    () -> reader(Map.of("oauth.token.endpoint.uri", bad)).uri(OptionNames.TOKEN_ENDPOINT_URI), bad);
            assertEquals("oauth.token.endpoint.uri", e.option());
            assertTrue(e.getMessage().contains("without user name or password"), e.getMessage());
            assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
        }
    }

    @Test
    void missingRequiredOptionSaysHowToSetIt() {
        InvalidOptionException e = assertThrows(InvalidOptionException.class,
                () -> reader(Map.of()).requiredString(OptionNames.CLIENT_ID, "the OAuth client id"));
        assertEquals("claimgate option 'oauth.client.id': is required: the OAuth client id (set the JAAS option,"
                + " the Kafka config sasl.oauthbearer.client.credentials.client.id, or the environment variable"
                + " OAUTH_CLIENT_ID)", e.getMessage());
    }

    @Test
    void booleansAreStrict() {
        assertTrue(reader(Map.of("x", "TRUE")).bool("x", false));
        assertThrows(InvalidOptionException.class, () -> reader(Map.of("x", "yes")).bool("x", false));
    }

    @Test
    void listsSplitOnCommasAndWhitespace() {
        assertEquals(List.of("client_id", "azp", "sub"),
                reader(Map.of("oauth.username.claim", "client_id, azp  sub,")).list(OptionNames.USERNAME_CLAIM, List.of()));
    }

    @Test
    void choiceListsTheAllowedValues() {
        InvalidOptionException e = assertThrows(InvalidOptionException.class,
                () -> reader(Map.of("oauth.client.auth.method", "magic")).choice(OptionNames.CLIENT_AUTH_METHOD,
                        Map.of("client_secret_basic", 1, "client_secret_post", 2), 1));
        assertTrue(e.getMessage().contains("one of [client_secret_basic, client_secret_post]"), e.getMessage());
        assertEquals(2, reader(Map.of("oauth.client.auth.method", "CLIENT_SECRET_POST"))
                .choice(OptionNames.CLIENT_AUTH_METHOD, Map.of("client_secret_basic", 1, "client_secret_post", 2), 1));
    }

    @Test
    void durations() {
        assertEquals(Duration.ofMillis(250), reader(Map.of("oauth.connect.timeout.ms", "250"))
                .millis(OptionNames.CONNECT_TIMEOUT_MS, Duration.ofSeconds(1), Duration.ofMillis(1), Duration.ofMinutes(1)));
        assertEquals(Duration.ofSeconds(300), reader(Map.of())
                .seconds(OptionNames.JWKS_REFRESH_SECONDS, Duration.ofSeconds(300), Duration.ofSeconds(1), Duration.ofDays(1)));
    }

    @Test
    void readableFileMustExist(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("token"), "abc");
        assertEquals(file, reader(Map.of("oauth.access.token.location", file.toString()))
                .readableFile(OptionNames.ACCESS_TOKEN_LOCATION).orElseThrow());
        InvalidOptionException e = assertThrows(InvalidOptionException.class,
                () -> reader(Map.of("oauth.access.token.location", dir.resolve("nope").toString()))
                        .readableFile(OptionNames.ACCESS_TOKEN_LOCATION));
        assertTrue(e.getMessage().contains("does not exist or cannot be read"), e.getMessage());
    }

    @Test
    void misspelledOptionFailsInsteadOfBeingIgnored() {
        OptionReader options = reader(Map.of("oauth.tokn.endpoint.uri", "https://idp", "oauth.client.id", "c",
                "unsecuredLoginStringClaim_sub", "broker"));
        InvalidOptionException e = assertThrows(InvalidOptionException.class,
                () -> options.rejectUnknownOptions(Set.of()));
        assertEquals("oauth.tokn.endpoint.uri", e.option());
    }

    @Test
    void kafkasOwnJaasNamesForCredentialsAreReadWhenClaimgatesAreAbsent() {
        // sasl.jaas.config as written for Kafka's built-in client-credentials login (KIP-768).
        OptionReader options = reader(Map.of("clientId", "client1", "clientSecret", "s3cret", "scope", "kafka"));
        options.rejectUnknownOptions(Set.of());

        assertEquals("client1", options.string(OptionNames.CLIENT_ID).orElseThrow());
        assertEquals("s3cret", options.string(OptionNames.CLIENT_SECRET).orElseThrow());
        assertEquals("kafka", options.string(OptionNames.SCOPE).orElseThrow());
        InvalidOptionException e = assertThrows(InvalidOptionException.class,
                () -> options.integer(OptionNames.CLIENT_SECRET, 0, 0, 1));
        assertTrue(e.getMessage().contains("(from JAAS option clientSecret)"), e.getMessage());
        assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
    }

    @Test
    void claimgatesNameAndKafkasForTheSameCredentialAreNotBothAccepted() {
        InvalidOptionException e = assertThrows(InvalidOptionException.class,
                () -> reader(Map.of("oauth.client.id", "a", "clientId", "b")).rejectUnknownOptions(Set.of()));

        assertEquals("clientId", e.option());
        assertTrue(e.getMessage().contains("oauth.client.id"), e.getMessage());
    }

    @Test
    void kafkasJaasNamesAreNotReadOutsideJaas() {
        // The REST extension reads worker properties, where a 'scope' property means something else.
        OptionSource worker = OptionSource.of(Map.of("scope", "kafka"), Map.of(), name -> null).withKind("worker property");

        assertEquals(Optional.empty(), new OptionReader(worker).string(OptionNames.SCOPE));
    }

    @Test
    void kafkasConfigWinsOverKafkasJaasNameAsInKafkasOwnHandler() {
        OptionReader options = reader(Map.of("clientId", "stale"),
                Map.of("sasl.oauthbearer.client.credentials.client.id", "current"), Map.of());

        assertEquals("current", options.string(OptionNames.CLIENT_ID).orElseThrow());
    }

    @Test
    void kafkasLoginTimeoutsAreNotFallbacks() {
        // On a broker they would also bound validation requests on network threads.
        OptionReader options = reader(Map.of(), Map.of("sasl.login.connect.timeout.ms", 2500,
                "sasl.login.read.timeout.ms", 4000), Map.of());

        assertEquals(10000, options.integer(OptionNames.CONNECT_TIMEOUT_MS, 10000, 1, 300000));
        assertEquals(10000, options.integer(OptionNames.READ_TIMEOUT_MS, 10000, 1, 300000));
    }

    @Test
    void prefixedOptionsAreAllowedWhenDeclared() {
        OptionReader options = reader(Map.of("oauth.sasl.extension.traceId", "abc"));
        options.rejectUnknownOptions(Set.of(OptionNames.SASL_EXTENSION_PREFIX));
        assertEquals(Map.of("traceId", "abc"), options.source().jaasOptionsWithPrefix(OptionNames.SASL_EXTENSION_PREFIX));
    }

    @Test
    void aTypoOfTheIssuerUriIsNotTakenForAPerIssuerOption() {
        Set<String> prefixes = Set.of(OptionNames.ISSUER_PREFIX);
        reader(Map.of("oauth.issuer.corp.jwks.endpoint.uri", "https://idp/jwks")).rejectUnknownOptions(prefixes);
        for (String typo : List.of("oauth.issuer.url", "oauth.issuer.", "oauth.issuer.corp.", "oauth.issuer..uri")) {
            InvalidOptionException e = assertThrows(InvalidOptionException.class,
                    () -> reader(Map.of(typo, "https://idp")).rejectUnknownOptions(prefixes), typo);
            assertEquals(typo, e.option());
        }
    }

    @Test
    void environmentVariableNames() {
        assertEquals("OAUTH_CLIENT_SECRET", OptionSource.environmentVariable("oauth.client.secret"));
    }

    @Test
    void declaredOptionsAreReadWithTheirDeclaredDefaultAndRange() {
        OptionReader none = reader(Map.of());
        assertEquals(java.time.Duration.ofSeconds(30), none.seconds(Option.CLOCK_SKEW_SECONDS));
        assertEquals(java.time.Duration.ofMillis(1500), none.millis(Option.VALIDATION_TIMEOUT_MS));
        assertEquals(65536, none.integer(Option.MAX_TOKEN_BYTES));
        assertEquals(true, none.bool(Option.TOKEN_SHARING));
        assertEquals(3600L, reader(Map.of("oauth.clock.skew.seconds", "3600")).seconds(Option.CLOCK_SKEW_SECONDS).toSeconds());
        InvalidOptionException tooLarge = assertThrows(InvalidOptionException.class,
                () -> reader(Map.of("oauth.clock.skew.seconds", "3601")).seconds(Option.CLOCK_SKEW_SECONDS));
        assertTrue(tooLarge.getMessage().contains("an integer between 0 and 3600"), tooLarge.getMessage());
        // Reading an option as another type than declared is a mistake in the code, not in the config.
        assertThrows(IllegalStateException.class, () -> none.millis(Option.CLOCK_SKEW_SECONDS));
        assertThrows(IllegalStateException.class, () -> none.integer(Option.ISSUERS));
        assertThrows(IllegalStateException.class, () -> none.uri(Option.ISSUERS));
        assertThrows(IllegalStateException.class, () -> none.list(Option.ISSUER_URI));
        assertThrows(IllegalStateException.class, () -> none.choice(Option.ISSUERS, Map.of()));
    }

    @Test
    void declaredListsAndChoicesFallBackToTheirDeclaredDefault() {
        OptionReader none = reader(Map.of());
        assertEquals(List.of("sub"), none.list(Option.USERNAME_CLAIM));
        assertEquals(List.of(), none.list(Option.VALID_AUDIENCE));
        assertEquals(10, none.list(Option.ALLOWED_ALGORITHMS).size());
        assertEquals("cc", none.choice(Option.GRANT_TYPE, Map.of("client_credentials", "cc", "jwt_bearer", "jb")));
        assertEquals("jb", reader(Map.of("oauth.grant.type", "JWT_BEARER"))
                .choice(Option.GRANT_TYPE, Map.of("client_credentials", "cc", "jwt_bearer", "jb")));
        // A declared default that is not among the choices is a mistake in the code.
        assertThrows(IllegalStateException.class, () -> none.choice(Option.GRANT_TYPE, Map.of("jwt_bearer", "jb")));
    }
}
