package io.claimgate.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.claimgate.common.config.InvalidOptionException;
import io.claimgate.common.config.OptionReader;
import io.claimgate.common.config.OptionSource;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A client configured for Strimzi's JaasClientOauthLoginCallbackHandler, with only the class name
 * swapped: the same token request with the same timeouts, or a refusal naming claimgate's option.
 */
class StrimziClientConfigTest {

    static Map<String, String> strimziClient() {
        Map<String, String> jaas = new HashMap<>();
        jaas.put("oauth.token.endpoint.uri", "https://keycloak.example/realms/kafka/protocol/openid-connect/token");
        jaas.put("oauth.client.id", "orders-app");
        jaas.put("oauth.client.secret", "orders-secret");
        jaas.put("oauth.scope", "kafka");
        jaas.put("oauth.client.credentials.grant.type", "client_credentials");
        jaas.put("oauth.connect.timeout.seconds", "15");
        jaas.put("oauth.read.timeout.seconds", "25");
        jaas.put("oauth.http.retries", "1");
        jaas.put("oauth.include.accept.header", "true");
        jaas.put("oauth.access.token.is.jwt", "true");
        jaas.put("oauth.username.claim", "preferred_username");
        return jaas;
    }

    static LoginOptions read(Map<String, String> jaas) {
        return LoginOptions.from(new OptionReader(OptionSource.of(jaas, Map.of(), name -> null)));
    }

    @Test
    void aStrimziClientMeansTheSameTokenRequest() {
        LoginOptions options = read(strimziClient());

        LoginOptions.Endpoint endpoint = (LoginOptions.Endpoint) options.source();
        assertEquals(Optional.of(URI.create("https://keycloak.example/realms/kafka/protocol/openid-connect/token")),
                endpoint.tokenEndpoint());
        assertEquals("orders-app", endpoint.clientId());
        assertEquals(Optional.of("kafka"), endpoint.scope());
        assertEquals(GrantType.CLIENT_CREDENTIALS, endpoint.grant());
        assertEquals(Duration.ofSeconds(15), options.http().connectTimeout());
        assertEquals(Duration.ofSeconds(25), options.http().readTimeout());
        assertEquals(1, options.http().retries());
    }

    @Test
    void theRefreshTokenGrantIsRefusedNamingClaimgatesWays() {
        Map<String, String> jaas = strimziClient();
        jaas.put("oauth.refresh.token", "a-refresh-token");

        InvalidOptionException e = assertThrows(InvalidOptionException.class, () -> read(jaas));

        assertEquals("oauth.refresh.token", e.option());
        assertTrue(e.getMessage().contains("oauth.grant.type=jwt_bearer"), e.getMessage());
        assertTrue(!e.getMessage().contains("a-refresh-token"), e.getMessage());
    }
}
