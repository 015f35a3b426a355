package io.claimgate.server;

import static io.claimgate.server.testkit.Validation.accepted;
import static io.claimgate.server.testkit.Validation.configuredHandler;
import static io.claimgate.server.testkit.Validation.options;
import static io.claimgate.server.testkit.Validation.rejected;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.claimgate.server.testkit.Claims;
import io.claimgate.server.testkit.JwksServer;
import io.claimgate.server.testkit.SigningKey;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * "Never log tokens", checked on what the handler actually logs: every kind of token, accepted or
 * rejected for each common reason, goes through the handler while the log (slf4j-simple writes
 * to {@code System.err}) is captured; no token, and no token's payload or signature, may appear.
 */
class NoTokenInLogsTest {
    static final SigningKey KEY = SigningKey.rsa("k1");

    @Test
    void noTokenOrPartOfOneIsEverLogged() throws Exception {
        List<String> tokens = new ArrayList<>();
        String log;
        try (JwksServer jwks = JwksServer.publishing(KEY.publicJwk())) {
            OAuthValidatorCallbackHandler handler = configuredHandler(options(jwks));
            PrintStream original = System.err;
            ByteArrayOutputStream captured = new ByteArrayOutputStream();
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            try {
                String valid = KEY.sign(Claims.valid().build());
                accepted(handler, valid);
                tokens.add(valid);
                for (String token : List.of(
                        KEY.sign(Claims.valid().expirationTime(Claims.in(Duration.ofHours(-1))).build()),
                        KEY.sign(Claims.valid().audience("another-api").build()),
                        KEY.sign(Claims.valid().issuer("https://evil.example").build()),
                        SigningKey.rsa("k1").sign(Claims.valid().build()),          // same kid, other key
                        SigningKey.rsa("unknown").sign(Claims.valid().build()),
                        "not-a-jwt-but-a-secret-looking-string-0123456789",
                        valid.substring(0, valid.lastIndexOf('.')) + ".AAAA")) {
                    rejected(handler, token);
                    tokens.add(token);
                }
            } finally {
                System.setErr(original);
                handler.close();
            }
            log = captured.toString(StandardCharsets.UTF_8);
        }

        assertTrue(log.contains("claimgate rejected a token"), "the log was captured: " + log);
        for (String token : tokens) {
            for (String part : token.split("\\.")) {
                if (part.length() >= 16) {
                    assertFalse(log.contains(part), "a token part is in the log: " + part + "\n" + log);
                }
            }
        }
    }
}
