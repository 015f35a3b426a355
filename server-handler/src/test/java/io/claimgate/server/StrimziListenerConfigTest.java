package io.claimgate.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.claimgate.common.config.InvalidOptionException;
import io.claimgate.common.config.OptionReader;
import io.claimgate.common.config.OptionSource;
import io.claimgate.server.jwks.JwksSpec;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A broker listener configured for Strimzi's JaasServerOauthValidatorCallbackHandler, with only
 * the class name swapped: its options mean the same typed settings in claimgate, and one that
 * cannot fails start-up naming claimgate's option.
 */
class StrimziListenerConfigTest {

    /** As the Strimzi docs write a Keycloak listener. */
    static Map<String, String> strimziListener() {
        Map<String, String> jaas = new HashMap<>();
        jaas.put("oauth.jwks.endpoint.uri", "https://keycloak.example/realms/kafka/protocol/openid-connect/certs");
        jaas.put("oauth.valid.issuer.uri", "https://keycloak.example/realms/kafka");
        jaas.put("oauth.check.issuer", "true");
        jaas.put("oauth.client.id", "kafka-broker");
        jaas.put("oauth.check.audience", "true");
        jaas.put("oauth.username.claim", "preferred_username");
        jaas.put("oauth.fallback.username.claim", "client_id");
        jaas.put("oauth.groups.claim", "$.realm_access.roles");
        jaas.put("oauth.groups.claim.delimiter", ",");
        jaas.put("oauth.jwks.refresh.seconds", "300");
        jaas.put("oauth.jwks.expiry.seconds", "900");
        jaas.put("oauth.connect.timeout.seconds", "20");
        jaas.put("oauth.read.timeout.seconds", "20");
        jaas.put("oauth.check.access.token.type", "false");
        jaas.put("oauth.ssl.endpoint.identification.algorithm", "HTTPS");
        jaas.put("oauth.fail.fast", "true");
        jaas.put("oauth.enable.metrics", "true");
        jaas.put("unsecuredLoginStringClaim_sub", "unused");
        return jaas;
    }

    static ValidatorOptions read(Map<String, String> jaas) {
        return ValidatorOptions.from(new OptionReader(OptionSource.of(jaas, Map.of(), name -> null)));
    }

    @Test
    void aStrimziListenerMeansTheSameSettings() {
        ValidatorOptions listener = read(strimziListener());
        IssuerOptions issuer = listener.single();

        assertEquals(Optional.of(URI.create("https://keycloak.example/realms/kafka/protocol/openid-connect/certs")),
                issuer.jwks().flatMap(JwksSpec::jwksUri));
        assertEquals(Optional.of("https://keycloak.example/realms/kafka"), issuer.claims().expectedIssuer());
        assertEquals(List.of("kafka-broker"), issuer.claims().audiences(), "check.audience: aud must hold the client id");
        assertEquals(List.of("preferred_username", "client_id"), issuer.mapping().usernameClaims());
        assertEquals("", issuer.mapping().usernamePrefix());
        assertEquals(Optional.of("realm_access.roles"), issuer.mapping().groupsClaim());
        assertEquals(Duration.ofSeconds(900), issuer.jwks().orElseThrow().maxAge());
        assertEquals(Duration.ofSeconds(20), issuer.http().connectTimeout());
        assertEquals(Duration.ofSeconds(20), issuer.http().readTimeout());
        assertEquals(true, listener.failFast());
    }

    @Test
    void aFallbackPrefixOfItsOwnIsRefusedRatherThanRenamingEveryPrincipal() {
        Map<String, String> jaas = strimziListener();
        jaas.put("oauth.fallback.username.prefix", "service-account-");

        InvalidOptionException e = assertThrows(InvalidOptionException.class, () -> read(jaas));

        assertEquals("oauth.fallback.username.prefix", e.option());
        assertTrue(e.getMessage().contains("oauth.username.prefix"), e.getMessage());
    }

    @Test
    void theSamePrefixForBothClaimsIsOnePrefixForTheChain() {
        Map<String, String> jaas = strimziListener();
        jaas.put("oauth.username.prefix", "kc-");
        jaas.put("oauth.fallback.username.prefix", "kc-");

        IssuerOptions issuer = read(jaas).single();

        assertEquals("kc-", issuer.mapping().usernamePrefix());
        assertEquals(List.of("preferred_username", "client_id"), issuer.mapping().usernameClaims());
    }

    @Test
    void aStrimziCheckClaimgateCannotMakeNamesClaimgatesOption() {
        Map<String, String> jaas = strimziListener();
        jaas.put("oauth.custom.claim.check", "@.tenant == 'acme'");

        InvalidOptionException e = assertThrows(InvalidOptionException.class, () -> read(jaas));

        assertEquals("oauth.custom.claim.check", e.option());
        assertTrue(e.getMessage().contains("oauth.claim.check"), e.getMessage());
    }
}
