package io.claimgate.server;

import static io.claimgate.server.testkit.Validation.accepted;
import static io.claimgate.server.testkit.Validation.configuredHandler;
import static io.claimgate.server.testkit.Validation.options;
import static io.claimgate.server.testkit.Validation.rejected;
import static io.claimgate.server.testkit.Validation.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.claimgate.server.testkit.Claims;
import io.claimgate.server.testkit.JwksServer;
import io.claimgate.server.testkit.SigningKey;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * oauth.required.scopes against the scope claim: a string is split on spaces only (RFC 6749 §3.3),
 * an array is taken as it is, and a comma belongs to the scope unless
 * oauth.scope.claim.separators=space,comma says otherwise.
 */
class ScopeTest {
    static final SigningKey KEY = SigningKey.rsa("k");
    static JwksServer jwks;
    static OAuthValidatorCallbackHandler spaces;
    static OAuthValidatorCallbackHandler commasToo;

    @BeforeAll
    static void start() throws Exception {
        jwks = JwksServer.publishing(KEY.publicJwk());
        spaces = configuredHandler(with(options(jwks), "oauth.required.scopes", "admin"));
        commasToo = configuredHandler(with(with(options(jwks), "oauth.required.scopes", "admin"),
                "oauth.scope.claim.separators", "space,comma"));
    }

    @AfterAll
    static void stop() {
        spaces.close();
        commasToo.close();
        jwks.close();
    }

    static String token(Object scope) {
        return KEY.sign(Claims.valid().claim("scope", scope).build());
    }

    @Test
    void aCommaBelongsToTheScope() {
        String status = rejected(spaces, token("kafka:read,admin"));
        assertTrue(status.startsWith("invalid_token (MISSING_SCOPE: token lacks required scope(s) [admin]"), status);
        assertTrue(status.contains("oauth.scope.claim.separators=space,comma"), status);
        rejected(spaces, token(List.of("kafka:read,admin")));
        rejected(spaces, token("kafka:read, admin,"));
        assertEquals(Set.of("kafka:read,admin", "admin"), accepted(spaces, token("kafka:read,admin admin")).scope());
    }

    @Test
    void onlyU0020Separates() {
        assertEquals(Set.of("kafka:read", "admin"), accepted(spaces, token("kafka:read admin")).scope());
        assertEquals(Set.of("kafka:read", "admin"), accepted(spaces, token("  kafka:read   admin ")).scope());
        for (String other : List.of("kafka:read\tadmin", "kafka:read\nadmin", "kafka:read\u00a0admin",
                "kafka:read\u3000admin", "kafka:read\u2003admin", "admin\t", "\u2028admin", "admin\u200b")) {
            rejected(spaces, token(other));
            rejected(commasToo, token(other));
        }
    }

    @Test
    void anArrayIsTakenAsItIs() {
        assertEquals(Set.of("kafka:read", "admin"), accepted(spaces, token(List.of("kafka:read", "admin"))).scope());
        rejected(spaces, token(List.of("kafka:read admin")));
        rejected(spaces, token(List.of(" admin")));
        rejected(commasToo, token(List.of("kafka:read,admin")));   // the option splits strings, not array elements
    }

    @Test
    void commasSeparateWhenTheOptionSaysSo() {
        assertEquals(Set.of("kafka:read", "admin"), accepted(commasToo, token("kafka:read,admin")).scope());
        assertEquals(Set.of("kafka:read", "admin", "x"), accepted(commasToo, token("kafka:read, admin,,x")).scope());
    }
}
