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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Validly signed tokens whose principal or group name is not a name: refused with
 * {@code INVALID_PRINCIPAL}, never trimmed into {@code admin} (issue 14: {@code strip()} did).
 */
class InvalidPrincipalTest {
    static final SigningKey RSA = SigningKey.rsa("rsa-names");
    static JwksServer jwks;
    static OAuthValidatorCallbackHandler handler;

    @BeforeAll
    static void start() throws Exception {
        jwks = JwksServer.publishing(RSA.publicJwk());
        handler = configuredHandler(with(with(options(jwks), "oauth.username.claim", "client_id,sub"),
                "oauth.groups.claim", "groups"));
    }

    @AfterAll
    static void stop() {
        handler.close();
        jwks.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"admin\u3000", "\u2003admin", "admin\u2028", " admin", "admin\t", "ad\u200bmin",
            "ad\u202emin", "admin\n", "", "\ufeffadmin", "admin\ufe0f", "\u3164admin", "admin\u00a0"})
    void aPrincipalNameThatBreaksTheRulesRefusesTheToken(String name) {
        String status = rejected(handler, RSA.sign(Claims.valid().claim("client_id", name).subject("admin").build()));

        assertTrue(status.startsWith("invalid_token (INVALID_PRINCIPAL: claim 'client_id' (oauth.username.claim) is"
                + " not a valid principal name: it "), status);
        assertTrue(status.matches("[ -~]+"), "sanitised: " + status);
    }

    @ParameterizedTest
    @ValueSource(strings = {"kafka-admins\u3000", " kafka-admins", "kafka\u200badmins", "kafka-admins\u202e", ""})
    void aGroupNameThatBreaksTheRulesRefusesTheWholeToken(String group) {
        String status = rejected(handler, RSA.sign(Claims.valid().claim("client_id", "app")
                .claim("groups", List.of("readers", group)).build()));

        assertTrue(status.startsWith("invalid_token (INVALID_PRINCIPAL: group 1 of claim 'groups' (oauth.groups.claim)"
                + " is not a valid group name: it "), status);
    }

    @Test
    void interiorSpacesAndAnyScriptAreNames() throws Exception {
        ValidatedToken token = accepted(handler, RSA.sign(Claims.valid().claim("client_id", "Jürgen Groß")
                .claim("groups", List.of("Kafka Admins", "運用")).build()));

        assertEquals("Jürgen Groß", token.principalName());
        assertEquals(List.of("Kafka Admins", "運用"), token.groups());
    }
}
