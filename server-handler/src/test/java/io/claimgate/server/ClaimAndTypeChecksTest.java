package io.claimgate.server;

import static io.claimgate.server.testkit.Validation.accepted;
import static io.claimgate.server.testkit.Validation.configuredHandler;
import static io.claimgate.server.testkit.Validation.options;
import static io.claimgate.server.testkit.Validation.rejected;
import static io.claimgate.server.testkit.Validation.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEObjectType;
import io.claimgate.server.testkit.Claims;
import io.claimgate.server.testkit.JwksServer;
import io.claimgate.server.testkit.SigningKey;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** oauth.allowed.token.types (typ header) and oauth.claim.check (CEL over claims). */
class ClaimAndTypeChecksTest {
    static final SigningKey KEY = SigningKey.rsa("k");
    static JwksServer jwks;
    static OAuthValidatorCallbackHandler handler;

    @BeforeAll
    static void start() throws Exception {
        jwks = JwksServer.publishing(KEY.publicJwk());
        Map<String, String> options = with(with(options(jwks), "oauth.allowed.token.types", "at+jwt, JWT"),
                "oauth.claim.check", "claims.tenant == 'acme' && claims.roles.exists(r, r == 'kafka-user')");
        handler = configuredHandler(options);
    }

    @AfterAll
    static void stop() {
        handler.close();
        jwks.close();
    }

    static String token(String typ, Map<String, Object> claims) {
        var builder = Claims.valid();
        claims.forEach(builder::claim);
        return KEY.sign(KEY.header().type(typ == null ? null : new JOSEObjectType(typ)), builder.build());
    }

    static final Map<String, Object> GOOD = Map.of("tenant", "acme", "roles", List.of("kafka-user", "x"));

    @Test
    void allowedTypesPass() {
        accepted(handler, token("at+jwt", GOOD));
        accepted(handler, token("application/AT+JWT", GOOD));
        accepted(handler, token("JWT", GOOD));
    }

    @Test
    void otherTypesAndNoTypeAreRejected() {
        String status = rejected(handler, token("logout+jwt", GOOD));
        assertTrue(status.startsWith("invalid_token (WRONG_TOKEN_TYPE: typ 'logout+jwt' is not allowed"), status);
        assertTrue(rejected(handler, token(null, GOOD)).startsWith("invalid_token (WRONG_TOKEN_TYPE: token has no typ"));
    }

    @Test
    void theClaimCheckMustHold() {
        String status = rejected(handler, token("JWT", Map.of("tenant", "other", "roles", List.of("kafka-user"))));
        assertEquals("invalid_token (CLAIM_CHECK_FAILED: claims do not satisfy oauth.claim.check)", status);
    }

    @Test
    void aClaimCheckThatCannotBeEvaluatedRejects() {
        String status = rejected(handler, token("JWT", Map.of("tenant", "acme")));   // no roles claim
        assertTrue(status.startsWith("invalid_token (CLAIM_CHECK_FAILED: oauth.claim.check could not be evaluated"),
                status);
        status = rejected(handler, token("JWT", Map.of("tenant", 42, "roles", List.of("kafka-user"))));
        assertTrue(status.startsWith("invalid_token (CLAIM_CHECK_FAILED: "), status);
    }
}
