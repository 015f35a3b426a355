package io.claimgate.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
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

    static ValidatorOptions read(Map<String, String> jaas) {
        return read(jaas, Map.of());
    }

    static ValidatorOptions read(Map<String, String> jaas, Map<String, ?> kafka) {
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
        ValidatorOptions options = read(jwksAnd());

        assertEquals(URI.create(JWKS), options.jwksUri());
        assertEquals(Optional.empty(), options.validIssuer());
        assertEquals(List.of(), options.validAudiences());
        assertEquals(List.of(), options.requiredScopes());
        assertEquals(10, options.allowedAlgorithms().size());
        assertTrue(options.allowedAlgorithms().contains(JWSAlgorithm.EdDSA));
        assertEquals(Duration.ofSeconds(30), options.clockSkew());
        assertEquals(Optional.empty(), options.maxTokenLifetime());
        assertEquals(List.of("sub"), options.usernameClaims());
        assertEquals("", options.usernamePrefix());
        assertEquals(Optional.empty(), options.groupsClaim());
        assertEquals("scope", options.scopeClaim());
        assertEquals(Duration.ofMinutes(5), options.jwksRefreshInterval());
        assertEquals(Duration.ofSeconds(1), options.jwksRefreshMinPause());
        assertEquals(Set.of(), options.allowedSaslExtensions());
        assertEquals(65536, options.maxTokenBytes());
        assertEquals(0, options.http().retries(), "no retries where a network thread may wait");
    }

    @Test
    void everyOptionIsRead() {
        ValidatorOptions options = read(jwksAnd(
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
                "oauth.read.timeout.ms", "2000"));

        assertEquals(Optional.of("https://idp.example"), options.validIssuer());
        assertEquals(List.of("kafka", "account"), options.validAudiences());
        assertEquals(Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256), options.allowedAlgorithms());
        assertEquals(Optional.of(Duration.ofHours(1)), options.maxTokenLifetime());
        assertEquals(List.of("client_id", "azp", "sub"), options.usernameClaims());
        assertEquals(Optional.of("realm_access.roles"), options.groupsClaim());
        assertEquals(Duration.ZERO, options.jwksRefreshMinPause());
        assertEquals(Set.of("traceId"), options.allowedSaslExtensions());
        assertEquals(Duration.ofSeconds(2), options.http().readTimeout());
    }

    @Test
    void kafkasBuiltInConfigsAreFallbacks() {
        ValidatorOptions options = read(Map.of(), Map.of(
                "sasl.oauthbearer.jwks.endpoint.url", JWKS,
                "sasl.oauthbearer.expected.issuer", "https://idp.example",
                "sasl.oauthbearer.expected.audience", List.of("kafka"),
                "sasl.oauthbearer.clock.skew.seconds", 10,
                "sasl.oauthbearer.sub.claim.name", "client_id",
                "sasl.oauthbearer.scope.claim.name", "scp"));

        assertEquals(URI.create(JWKS), options.jwksUri());
        assertEquals(Optional.of("https://idp.example"), options.validIssuer());
        assertEquals(List.of("kafka"), options.validAudiences());
        assertEquals(Duration.ofSeconds(10), options.clockSkew());
        assertEquals(List.of("client_id"), options.usernameClaims());
        assertEquals("scp", options.scopeClaim());
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

    @ParameterizedTest
    @CsvSource({"oauth.claim.check", "oauth.introspection.endpoint.uri", "oauth.issuers",
            "oauth.issuer.corp.jwks.endpoint.uri"})
    void optionsOfFeaturesNotBuiltYetAreRefusedRatherThanIgnored(String option) {
        String message = assertNamed(option, jwksAnd(option, "x"));
        assertTrue(message.contains("not supported yet"), message);
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

    private static String assertNamed(String option, Map<String, String> jaas) {
        var e = assertThrows(InvalidOptionException.class, () -> read(jaas));
        assertEquals(option, e.option(), e.getMessage());
        assertTrue(e.getMessage().contains(option), e.getMessage());
        return e.getMessage();
    }
}
