package io.claimgate.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import io.claimgate.server.idp.BreakerSettings;
import io.claimgate.common.claims.ScopeClaim;
import io.claimgate.common.config.InvalidOptionException;
import io.claimgate.common.config.OptionReader;
import io.claimgate.common.config.OptionSource;
import io.claimgate.common.http.AllowedUrls;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Every option of the validator: defaults, fallbacks, and a clear failure naming the option. */
class ValidatorOptionsTest {
    static final String JWKS = "https://idp.example/jwks";

    static IssuerOptions read(Map<String, String> jaas) {
        return read(jaas, Map.of());
    }

    static IssuerOptions read(Map<String, String> jaas, Map<String, ?> kafka) {
        return listener(jaas, kafka).single();
    }

    static ValidatorOptions listener(Map<String, String> jaas, Map<String, ?> kafka) {
        return ValidatorOptions.from(new OptionReader(OptionSource.of(jaas, kafka, name -> null)));
    }

    static Map<String, String> jwksAnd(String... nameValues) {
        Map<String, String> options = new HashMap<>(Map.of("oauth.jwks.endpoint.uri", JWKS));
        for (int i = 0; i < nameValues.length; i += 2) {
            options.put(nameValues[i], nameValues[i + 1]);
        }
        return options;
    }

    @Test
    void defaults() {
        IssuerOptions options = read(jwksAnd());

        assertEquals(Optional.of(URI.create(JWKS)), options.jwksUri());
        assertEquals("default", options.id());
        assertEquals(Optional.empty(), options.claims().expectedIssuer());
        assertEquals(List.of(), options.claims().audiences());
        assertEquals(List.of(), options.claims().requiredScopes());
        assertEquals(10, options.format().algorithms().size());
        assertTrue(options.format().algorithms().contains(JWSAlgorithm.EdDSA));
        assertEquals(Duration.ofSeconds(30), options.claims().clockSkew());
        assertEquals(Optional.empty(), options.claims().maxTokenLifetime());
        assertEquals(List.of("sub"), options.mapping().usernameClaims());
        assertEquals("", options.mapping().usernamePrefix());
        assertEquals(Optional.empty(), options.mapping().groupsClaim());
        assertEquals("scope", options.mapping().scopeClaim().name());
        assertEquals(Duration.ofMinutes(5), options.jwks().orElseThrow().refreshInterval());
        assertEquals(Duration.ofSeconds(1), options.jwks().orElseThrow().minPause());
        assertEquals(Set.of(), listener(jwksAnd(), Map.of()).allowedSaslExtensions());
        assertEquals(10_000, listener(jwksAnd(), Map.of()).tokenCacheMaxEntries());
        assertEquals(65536, options.format().maxBytes());
        assertEquals(0, options.http().retries(), "no retries where a network thread may wait");
        assertEquals(Duration.ofDays(1), options.jwks().orElseThrow().maxAge());
        assertEquals(new BreakerSettings(5, Duration.ofSeconds(10)), options.breaker());
        assertEquals(Duration.ofMillis(1500), options.validationTimeout());
        assertEquals(false, listener(jwksAnd(), Map.of()).failFast());
    }

    @Test
    void everyOptionIsRead() {
        IssuerOptions options = read(jwksAnd(
                "oauth.valid.issuer.uri", "https://idp.example",
                "oauth.valid.audience", "kafka, account",
                "oauth.required.scopes", "kafka",
                "oauth.allowed.algorithms", "RS256 ES256",
                "oauth.clock.skew.seconds", "5",
                "oauth.max.token.lifetime.seconds", "3600",
                "oauth.username.claim", "client_id,azp,sub",
                "oauth.username.prefix", "idp:",
                "oauth.groups.claim", "realm_access.roles",
                "oauth.scope.claim", "scp",
                "oauth.jwks.refresh.seconds", "60",
                "oauth.jwks.refresh.min.pause.seconds", "0",
                "oauth.allowed.sasl.extensions", "traceId",
                "oauth.max.token.bytes", "8192",
                "oauth.read.timeout.ms", "2000",
                "oauth.validation.timeout.ms", "800"));

        assertEquals(Optional.of("https://idp.example"), options.claims().expectedIssuer());
        assertEquals(List.of("kafka", "account"), options.claims().audiences());
        assertEquals(List.of("kafka"), options.claims().requiredScopes());
        assertEquals(Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256), options.format().algorithms());
        assertEquals(Duration.ofSeconds(5), options.claims().clockSkew());
        assertEquals("idp:", options.mapping().usernamePrefix());
        assertEquals("scp", options.mapping().scopeClaim().name());
        assertEquals(Duration.ofSeconds(60), options.jwks().orElseThrow().refreshInterval());
        assertEquals(8192, options.format().maxBytes());
        assertEquals(Optional.of(Duration.ofHours(1)), options.claims().maxTokenLifetime());
        assertEquals(List.of("client_id", "azp", "sub"), options.mapping().usernameClaims());
        assertEquals(Optional.of("realm_access.roles"), options.mapping().groupsClaim());
        assertEquals(Duration.ZERO, options.jwks().orElseThrow().minPause());
        assertEquals(Set.of("traceId"), listener(jwksAnd("oauth.allowed.sasl.extensions", "traceId"), Map.of())
                .allowedSaslExtensions());
        assertEquals(Duration.ofSeconds(2), options.http().readTimeout());
        assertEquals(Duration.ofMillis(800), options.validationTimeout());
    }

    @Test
    void kafkasBuiltInConfigsAreFallbacks() {
        IssuerOptions options = read(Map.of(), Map.of(
                "sasl.oauthbearer.jwks.endpoint.url", JWKS,
                "sasl.oauthbearer.expected.issuer", "https://idp.example",
                "sasl.oauthbearer.expected.audience", List.of("kafka"),
                "sasl.oauthbearer.clock.skew.seconds", 10,
                "sasl.oauthbearer.sub.claim.name", "client_id",
                "sasl.oauthbearer.scope.claim.name", "scp"));

        assertEquals(Optional.of(URI.create(JWKS)), options.jwksUri());
        assertEquals(Optional.of("https://idp.example"), options.claims().expectedIssuer());
        assertEquals(List.of("kafka"), options.claims().audiences());
        assertEquals(Duration.ofSeconds(10), options.claims().clockSkew());
        assertEquals(List.of("client_id"), options.mapping().usernameClaims());
        assertEquals("scp", options.mapping().scopeClaim().name());
    }

    @Test
    void theJwksUrlIsRequired() {
        assertNamed("oauth.jwks.endpoint.uri", Map.of());
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "oauth.jwks.endpoint.uri | not a url",
            "oauth.jwks.endpoint.uri | file:///etc/passwd",
            "oauth.clock.skew.seconds | -1",
            "oauth.clock.skew.seconds | thirty",
            "oauth.max.token.lifetime.seconds | 0",
            "oauth.jwks.refresh.seconds | 0",
            "oauth.jwks.refresh.min.pause.seconds | soon",
            "oauth.max.token.bytes | 10",
            "oauth.connect.timeout.ms | 0",
            "oauth.read.timeout.ms | forever",
            "oauth.allowed.sasl.extensions | trace-id",
            "oauth.allowed.algorithms | RS999",
            "oauth.allowed.algorithms | rs256",
            "oauth.allowed.algorithms | ES256K",
            "oauth.allowed.algorithms | ','",
            "oauth.username.claim | ','",
            "oauth.jwks.max.age.seconds | 599",
            "oauth.jwks.max.age.seconds | -1",
            "oauth.circuit.breaker.failures | 0",
            "oauth.circuit.breaker.cooldown.ms | 0",
            "oauth.fail.fast | maybe",
            "oauth.introspection.enabled | yes",
            "oauth.token.cache.max.entries | -1",
            "oauth.validation.timeout.ms | 9",
            "oauth.validation.timeout.ms | 30001",
    })
    void badValuesFailNamingTheOption(String option, String value) {
        Map<String, String> options = jwksAnd();
        options.put(option, value);
        assertNamed(option, options);
    }

    @ParameterizedTest
    @CsvSource({"none", "NONE", "HS256", "hs384", "'RS256,HS512'"})
    void unsignedAndHmacAlgorithmsAreRefused(String algorithms) {
        String message = assertNamed("oauth.allowed.algorithms", jwksAnd("oauth.allowed.algorithms", algorithms));
        assertTrue(message.contains("never allowed"), message);
    }

    @Test
    void aTypoInAnOptionNameIsReported() {
        assertNamed("oauth.valid.issuer", jwksAnd("oauth.valid.issuer", "https://idp.example"));
    }

    @Test
    void aClaimCheckIsCompiledAtStartUp() {
        assertTrue(read(jwksAnd("oauth.claim.check", "claims.tenant == 'acme'")).claims().claimCheck().isPresent());
        String message = assertNamed("oauth.claim.check", jwksAnd("oauth.claim.check", "principal.name == 'x'"));
        assertTrue(message.contains("undeclared reference to 'principal'"), message);
        assertNamed("oauth.claim.check", jwksAnd("oauth.claim.check", "claims.tenant +"));
    }

    @Test
    void loginOptionsSharingTheListenersJaasEntryAreAccepted() {
        // The listener's JAAS entry also drives the broker's own login.
        read(jwksAnd("oauth.client.id", "broker", "oauth.client.secret", "s3cret",
                "oauth.token.endpoint.uri", "https://idp.example/token", "oauth.issuer.uri", "https://idp.example",
                "oauth.sasl.extension.traceId", "x"));
    }

    @Test
    void theJwksUrlMustBeInKafkasAllowedUrlsWhenThatIsSet() {
        String previous = System.getProperty(AllowedUrls.SYSTEM_PROPERTY);
        System.setProperty(AllowedUrls.SYSTEM_PROPERTY, "https://other.example/jwks");
        try {
            String message = assertNamed("oauth.jwks.endpoint.uri", jwksAnd());
            assertTrue(message.contains(AllowedUrls.SYSTEM_PROPERTY), message);
            System.setProperty(AllowedUrls.SYSTEM_PROPERTY, "https://other.example/jwks," + JWKS);
            read(jwksAnd());
        } finally {
            if (previous == null) {
                System.clearProperty(AllowedUrls.SYSTEM_PROPERTY);
            } else {
                System.setProperty(AllowedUrls.SYSTEM_PROPERTY, previous);
            }
        }
    }

    @Test
    void discoveryAloneIsEnoughAndNamesTheExpectedIssuer() {
        IssuerOptions options = read(Map.of("oauth.issuer.uri", "https://idp.example/realms/kafka"));

        assertEquals(Optional.empty(), options.jwksUri());
        assertEquals(Optional.of("https://idp.example/realms/kafka"), options.claims().expectedIssuer());
        assertEquals(Optional.of("https://other.example"), read(Map.of("oauth.issuer.uri", "https://idp.example",
                "oauth.valid.issuer.uri", "https://other.example")).claims().expectedIssuer(), "valid.issuer.uri wins");
    }

    @Test
    void severalIssuersWithSharedAndOwnOptions() {
        ValidatorOptions options = listener(pairs(
                "oauth.issuers", "corp, partner",
                "oauth.issuer.corp.jwks.endpoint.uri", "https://corp.example/jwks",
                "oauth.issuer.corp.valid.issuer.uri", "https://corp.example",
                "oauth.issuer.partner.issuer.uri", "https://partner.example/realms/kafka",
                "oauth.issuer.partner.clock.skew.seconds", "5",
                "oauth.issuer.partner.username.prefix", "partner:",
                "oauth.issuer.partner.validation.timeout.ms", "3000",
                "oauth.issuer.corp.username.prefix", "corp:",
                "oauth.issuer.corp.groups.prefix", "corp:",
                "oauth.issuer.partner.groups.prefix", "partner:",
                "oauth.valid.audience", "kafka",
                "oauth.clock.skew.seconds", "10",
                // The broker's own login on the same JAAS entry: not inherited by the issuers.
                "oauth.client.id", "broker", "oauth.client.secret", "s3cret",
                "oauth.issuer.uri", "https://corp.example"), Map.of());

        assertTrue(options.multiIssuer());
        IssuerOptions corp = options.issuers().get(0);
        IssuerOptions partner = options.issuers().get(1);
        assertEquals("corp", corp.id());
        assertEquals(Optional.of("https://corp.example"), corp.claims().expectedIssuer());
        assertEquals(Optional.empty(), corp.issuerUri(), "oauth.issuer.uri is not inherited");
        assertEquals(List.of("kafka"), corp.claims().audiences());
        assertEquals(Duration.ofSeconds(10), corp.claims().clockSkew());
        assertEquals("corp:", corp.mapping().usernamePrefix());
        assertEquals("corp:", corp.mapping().groupsPrefix());
        assertEquals(Optional.of("https://partner.example/realms/kafka"), partner.claims().expectedIssuer());
        assertEquals(Optional.empty(), partner.jwksUri(), "discovered");
        assertEquals(Duration.ofSeconds(5), partner.claims().clockSkew());
        assertEquals("partner:", partner.mapping().usernamePrefix());
        assertEquals(Duration.ofMillis(1500), corp.validationTimeout());
        assertEquals(Duration.ofMillis(3000), partner.validationTimeout());
    }

    @Test
    void scopeClaimSeparatorsAreSpaceUnlessCommasAreAddedPerIssuer() {
        assertEquals(ScopeClaim.of("scope"), read(jwksAnd()).mapping().scopeClaim());
        assertEquals(new ScopeClaim("scp", true), read(jwksAnd("oauth.scope.claim", "scp",
                "oauth.scope.claim.separators", "space, comma")).mapping().scopeClaim());
        ValidatorOptions options = listener(pairs(
                "oauth.issuers", "corp, partner",
                "oauth.issuer.corp.jwks.endpoint.uri", "https://corp.example/jwks",
                "oauth.issuer.corp.valid.issuer.uri", "https://corp.example",
                "oauth.issuer.corp.username.prefix", "corp:",
                "oauth.issuer.corp.groups.prefix", "corp:",
                "oauth.issuer.partner.jwks.endpoint.uri", "https://partner.example/jwks",
                "oauth.issuer.partner.valid.issuer.uri", "https://partner.example",
                "oauth.issuer.partner.username.prefix", "partner:",
                "oauth.issuer.partner.groups.prefix", "partner:",
                "oauth.issuer.partner.scope.claim.separators", "space,comma"), Map.of());
        assertEquals(ScopeClaim.of("scope"), options.issuers().get(0).mapping().scopeClaim());
        assertEquals(new ScopeClaim("scope", true), options.issuers().get(1).mapping().scopeClaim());
        assertTrue(assertNamed("oauth.scope.claim.separators", jwksAnd("oauth.scope.claim.separators", "comma"))
                .contains("must include 'space'"));
        assertNamed("oauth.scope.claim.separators", jwksAnd("oauth.scope.claim.separators", "space,semicolon"));
        assertNamed("oauth.issuer.corp.scope.claim.separators", pairs("oauth.issuers", "corp",
                "oauth.issuer.corp.jwks.endpoint.uri", "https://corp.example/jwks",
                "oauth.issuer.corp.valid.issuer.uri", "https://corp.example",
                "oauth.issuer.corp.scope.claim.separators", ","));
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "oauth.jwks.endpoint.uri=https://x.example/jwks | oauth.jwks.endpoint.uri",
            "oauth.issuer.other.jwks.endpoint.uri=https://x.example/jwks | oauth.issuer.other.jwks.endpoint.uri",
            "oauth.issuer.corp.jwks.endpoint=https://x.example/jwks | oauth.issuer.corp.jwks.endpoint",
            "oauth.issuer.corp.token.cache.max.entries=5 | oauth.issuer.corp.token.cache.max.entries",
            "oauth.issuer.corp.fail.fast=true | oauth.issuer.corp.fail.fast",
            "oauth.issuer.corp.jwks.max.age.seconds=1 | oauth.issuer.corp.jwks.max.age.seconds",
            "oauth.issuer.corp.clock.skew.seconds=-1 | oauth.issuer.corp.clock.skew.seconds",
            "oauth.issuer.partner.valid.issuer.uri=https://corp.example | oauth.issuer.partner.valid.issuer.uri",
            "oauth.issuers=corp,corp | oauth.issuers",
            "oauth.issuers=corp,a.b | oauth.issuers",
    })
    void mistakesWithSeveralIssuersNameTheOption(String extra, String option) {
        Map<String, String> jaas = new HashMap<>(Map.of(
                "oauth.issuers", "corp,partner",
                "oauth.issuer.corp.jwks.endpoint.uri", "https://corp.example/jwks",
                "oauth.issuer.corp.valid.issuer.uri", "https://corp.example",
                "oauth.issuer.partner.jwks.endpoint.uri", "https://partner.example/jwks",
                "oauth.issuer.partner.valid.issuer.uri", "https://partner.example",
                "oauth.issuers.shared.namespace", "true"));
        jaas.put(extra.substring(0, extra.indexOf('=')), extra.substring(extra.indexOf('=') + 1));
        assertNamed(option, jaas);
    }

    @Test
    void withSeveralIssuersEachNeedsAnExpectedIssuer() {
        assertNamed("oauth.issuer.corp.valid.issuer.uri", Map.of("oauth.issuers", "corp",
                "oauth.issuer.corp.jwks.endpoint.uri", "https://corp.example/jwks"));
        assertNamed("oauth.issuer.corp.jwks.endpoint.uri", Map.of("oauth.issuers", "corp",
                "oauth.issuer.corp.valid.issuer.uri", "https://corp.example"));
    }

    @Test
    void perIssuerOptionsNeedTheIssuersOption() {
        assertNamed("oauth.issuer.corp.jwks.endpoint.uri", jwksAnd("oauth.issuer.corp.jwks.endpoint.uri", JWKS));
    }

    @Test
    void introspectionNeedsTheClientCredentials() {
        String message = assertNamed("oauth.client.secret", Map.of("oauth.introspection.endpoint.uri",
                "https://idp.example/introspect", "oauth.client.id", "broker"));
        assertTrue(message.contains("introspection"), message);
        IssuerOptions options = read(Map.of("oauth.introspection.endpoint.uri", "https://idp.example/introspect",
                "oauth.client.id", "broker", "oauth.client.secret", "s3cret"));
        assertEquals(false, options.jwks().isPresent(), "introspection only: JWTs are introspected too");
        assertEquals(Optional.of(URI.create("https://idp.example/introspect")), options.introspection().orElseThrow().endpoint());
        assertTrue(!options.toString().contains("s3cret"), options.toString());
    }

    @Test
    void withDiscoveryTheClientCredentialsTurnIntrospectionOn() {
        IssuerOptions options = read(Map.of("oauth.issuer.uri", "https://idp.example",
                "oauth.client.id", "broker", "oauth.client.secret", "s3cret"));
        assertEquals(Optional.empty(), options.introspection().orElseThrow().endpoint(), "discovered");
        assertTrue(options.jwks().isPresent());
        assertEquals(Optional.empty(), read(jwksAnd("oauth.client.id", "broker", "oauth.client.secret", "s3cret"))
                .introspection(), "no discovery, no introspection endpoint: off");
    }

    @Test
    void introspectionEnabledFalseTurnsOffWhatDiscoveryWouldTurnOn() {
        Map<String, String> discovering = pairs("oauth.issuer.uri", "https://idp.example",
                "oauth.client.id", "broker", "oauth.client.secret", "s3cret");
        discovering.put("oauth.introspection.enabled", "FALSE");

        assertEquals(Optional.empty(), read(discovering).introspection());
        String message = assertNamed("oauth.introspection.enabled", pairs("oauth.introspection.enabled", "false",
                "oauth.jwks.endpoint.uri", JWKS, "oauth.introspection.endpoint.uri", "https://idp.example/introspect",
                "oauth.client.id", "broker", "oauth.client.secret", "s3cret"));
        assertTrue(message.contains("oauth.introspection.endpoint.uri"), message);
    }

    @Test
    void introspectionEnabledTrueFailsOverWhatIsMissingInsteadOfStayingOff() {
        assertNamed("oauth.client.secret", pairs("oauth.introspection.enabled", "true",
                "oauth.issuer.uri", "https://idp.example", "oauth.client.id", "broker"));
        assertNamed("oauth.introspection.endpoint.uri", jwksAnd("oauth.introspection.enabled", "true",
                "oauth.client.id", "broker", "oauth.client.secret", "s3cret"));
        assertTrue(read(pairs("oauth.introspection.enabled", "true", "oauth.issuer.uri", "https://idp.example",
                "oauth.client.id", "broker", "oauth.client.secret", "s3cret")).introspection().isPresent());
    }

    @Test
    void introspectionEnabledIsPerIssuerAndInherited() {
        Map<String, String> options = pairs("oauth.issuers", "a,b", "oauth.introspection.enabled", "false",
                "oauth.issuer.a.issuer.uri", "https://a.example",
                "oauth.issuer.a.client.id", "x", "oauth.issuer.a.client.secret", "y",
                "oauth.issuer.b.issuer.uri", "https://b.example",
                "oauth.issuer.b.client.id", "x", "oauth.issuer.b.client.secret", "y",
                "oauth.issuer.b.introspection.enabled", "auto", "oauth.issuers.shared.namespace", "true");

        List<IssuerOptions> issuers = listener(options, Map.of()).issuers();

        assertEquals(Optional.empty(), issuers.get(0).introspection(), "a inherits false");
        assertTrue(issuers.get(1).introspection().isPresent(), "b says auto");
    }

    @Test
    void onlyOneIssuerMayIntrospect() {
        assertNamed("oauth.issuer.b.introspection.endpoint.uri", pairs("oauth.issuers", "a,b",
                "oauth.issuer.a.introspection.endpoint.uri", "https://a.example/introspect",
                "oauth.issuer.a.valid.issuer.uri", "https://a.example",
                "oauth.issuer.a.client.id", "x", "oauth.issuer.a.client.secret", "y",
                "oauth.issuer.b.introspection.endpoint.uri", "https://b.example/introspect",
                "oauth.issuer.b.valid.issuer.uri", "https://b.example",
                "oauth.issuer.b.client.id", "x", "oauth.issuer.b.client.secret", "y"));
    }

    static Map<String, String> pairs(String... nameValues) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            options.put(nameValues[i], nameValues[i + 1]);
        }
        return options;
    }

    private static String assertNamed(String option, Map<String, String> jaas) {
        var e = assertThrows(InvalidOptionException.class, () -> listener(jaas, Map.of()));
        assertEquals(option, e.option(), e.getMessage());
        assertTrue(e.getMessage().contains(option), e.getMessage());
        return e.getMessage();
    }
}
