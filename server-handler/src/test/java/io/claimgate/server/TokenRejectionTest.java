package io.claimgate.server;

import static io.claimgate.server.testkit.Validation.accepted;
import static io.claimgate.server.testkit.Validation.configuredHandler;
import static io.claimgate.server.testkit.Validation.options;
import static io.claimgate.server.testkit.Validation.rejected;
import static io.claimgate.server.testkit.Validation.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSAEncrypter;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.claimgate.server.testkit.Await;
import io.claimgate.server.testkit.Claims;
import io.claimgate.server.testkit.HandlerAgainstJwks;
import io.claimgate.server.testkit.JwksServer;
import io.claimgate.server.testkit.SigningKey;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every reason a token is rejected, as the client sees it: {@code invalid_token (<REASON>: <detail>)}.
 * The broker log gets the same line plus what is known of the token (kid, iss), never the token.
 */
class TokenRejectionTest {
    static final SigningKey RSA = SigningKey.rsa("rsa-1");
    static final SigningKey EC = SigningKey.ec("ec-1");
    static final SigningKey ED = SigningKey.ed25519("ed-1");

    @RegisterExtension
    static final HandlerAgainstJwks idp = HandlerAgainstJwks.publishing(RSA.publicJwk(), EC.publicJwk(), ED.publicJwk());

    @Test
    void expired() {
        String status = rejected(idp.handler(), RSA.sign(Claims.valid()
                .issueTime(Claims.in(Duration.ofMinutes(-20))).notBeforeTime(null)
                .expirationTime(Claims.in(Duration.ofMinutes(-10))).build()));
        assertTrue(status.matches("invalid_token \\(EXPIRED: token expired at \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"
                + " \\(clock skew 30s\\)\\)"), status);
    }

    @Test
    void withoutExpiry() {
        assertReason("MISSING_CLAIM", RSA.sign(Claims.valid().expirationTime(null).build()));
    }

    @Test
    void notYetValid() {
        assertReason("NOT_YET_VALID", RSA.sign(Claims.valid().notBeforeTime(Claims.in(Duration.ofMinutes(10))).build()));
    }

    @Test
    void issuedInTheFuture() {
        assertReason("ISSUED_IN_FUTURE", RSA.sign(Claims.valid().notBeforeTime(null)
                .issueTime(Claims.in(Duration.ofMinutes(10))).expirationTime(Claims.in(Duration.ofMinutes(20))).build()));
    }

    @Test
    void wrongIssuer() {
        String status = assertReason("WRONG_ISSUER", RSA.sign(Claims.valid().issuer("https://evil.example").build()));
        assertTrue(status.contains("'https://evil.example'"), status);
    }

    @Test
    void wrongAudience() {
        assertReason("WRONG_AUDIENCE", RSA.sign(Claims.valid().audience("some-other-api").build()));
        assertReason("WRONG_AUDIENCE", RSA.sign(Claims.valid().audience((String) null).build()));
    }

    @Test
    void unknownKidAfterOneRefresh() throws Exception {
        // Its own IdP and handler: the shared ones may still have refreshes due from other tests.
        try (JwksServer own = JwksServer.publishing(RSA.publicJwk())) {
            OAuthValidatorCallbackHandler fresh = configuredHandler(options(own));
            try {
                int afterStart = own.jwksRequests();
                SigningKey stranger = SigningKey.rsa("not-published");
                String status = assertReason(fresh, "UNKNOWN_KEY", stranger.sign(Claims.valid().build()));
                assertTrue(status.contains("key 'not-published' is unknown; keys are being refreshed in the background"),
                        status);
                // Refused at once; the refresh it asked for runs in the background, after the pause.
                Await.until(() -> own.jwksRequests() == afterStart + 1);
            } finally {
                fresh.close();
            }
        }
    }

    @Test
    void unsignedAlgNone() {
        assertReason("UNSIGNED", new PlainJWT(Claims.valid().build()).serialize());
    }

    @Test
    void hs256SignedWithThePublicKeyBytesFailsAtTheAlgorithmCheck() throws Exception {
        // The classic key-confusion attack: use the published RSA key as an HMAC secret.
        RSAKey published = RSA.publicJwk().toRSAKey();
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("unknown-kid").build(),
                Claims.valid().build());
        forged.sign(new MACSigner(published.toRSAPublicKey().getEncoded()));
        try (JwksServer own = JwksServer.publishing(RSA.publicJwk())) {
            OAuthValidatorCallbackHandler fresh = configuredHandler(options(own));
            try {
                int afterStart = own.jwksRequests();
                assertReason(fresh, "ALGORITHM_NOT_ALLOWED", forged.serialize());
                assertEquals(afterStart, own.jwksRequests(), "no key lookup (refresh) for a refused algorithm");
            } finally {
                fresh.close();
            }
        }
    }

    @Test
    void tooLarge() {
        String padding = "x".repeat(70_000);
        assertReason("TOO_LARGE", RSA.sign(Claims.valid().claim("padding", padding).build()));
    }

    @Test
    void notAJwt() {
        assertReason("MALFORMED", "this-is-not-a-jwt");
        assertReason("MALFORMED", "abc.def.ghi");
    }

    @Test
    void encryptedJwe() throws Exception {
        EncryptedJWT jwe = new EncryptedJWT(new JWEHeader(JWEAlgorithm.RSA_OAEP_256, EncryptionMethod.A128GCM),
                Claims.valid().build());
        jwe.encrypt(new RSAEncrypter(RSA.publicJwk().toRSAKey()));
        assertReason("ENCRYPTED", jwe.serialize());
    }

    @Test
    void missingScope() {
        OAuthValidatorCallbackHandler strict = configuredHandler(
                with(options(idp.jwks()), "oauth.required.scopes", "kafka,kafka:admin"));
        try {
            String status = rejected(strict, RSA.sign(Claims.valid().build()));
            assertEquals("invalid_token (MISSING_SCOPE: token lacks required scope(s) [kafka:admin] in claim 'scope')",
                    status);
        } finally {
            strict.close();
        }
    }

    @Test
    void lifetimeTooLong() {
        OAuthValidatorCallbackHandler strict = configuredHandler(
                with(options(idp.jwks()), "oauth.max.token.lifetime.seconds", "3600"));
        try {
            accepted(strict, RSA.sign(Claims.valid().build()));
            String status = rejected(strict, RSA.sign(Claims.valid()
                    .expirationTime(Claims.in(Duration.ofDays(1))).build()));
            assertTrue(status.startsWith("invalid_token (LIFETIME_TOO_LONG: token lifetime 86400s"), status);
        } finally {
            strict.close();
        }
    }

    @Test
    void badSignatureOnATamperedPayload() {
        String[] parts = RSA.sign(Claims.valid().build()).split("\\.");
        String otherPayload = Base64URL.encode(Claims.valid().subject("admin").build().toString()).toString();
        assertReason("BAD_SIGNATURE", parts[0] + "." + otherPayload + "." + parts[2]);
    }

    @Test
    void badSignatureForEveryKeyType() {
        for (SigningKey key : List.of(RSA, EC, ED)) {
            String[] parts = key.sign(Claims.valid().build()).split("\\.");
            String otherPayload = Base64URL.encode(Claims.valid().subject("admin").build().toString()).toString();
            assertReason("BAD_SIGNATURE", parts[0] + "." + otherPayload + "." + parts[2]);
        }
    }

    @Test
    void keyOfTheWrongTypeForTheAlgorithm() {
        // An ES256 token naming the RSA key: never verified with a key of another family.
        String token = EC.sign(EC.header().keyID(RSA.kid()), Claims.valid().build());
        String status = assertReason("BAD_SIGNATURE", token);
        assertTrue(status.contains("needs EC"), status);
    }

    @Test
    void keysNamedByTheTokenAreNeverFetchedOrTrusted() throws Exception {
        SigningKey attacker = SigningKey.rsa("attacker");
        String viaJku = attacker.sign(attacker.header().jwkURL(idp.jwks().uri("/attacker/jwks")), Claims.valid().build());
        String viaJwk = attacker.sign(attacker.header().jwk(attacker.publicJwk()), Claims.valid().build());

        assertReason("UNKNOWN_KEY", viaJku);
        assertReason("UNKNOWN_KEY", viaJwk);
        assertEquals(0, idp.jwks().otherRequests(), "the jku URL must never be fetched");
    }

    @Test
    void statusNeverContainsTheTokenAndStaysValidJsonMaterial() {
        SigningKey hostile = SigningKey.rsa("kid\"with\\quotes\nand-newline-" + "z".repeat(200));
        String token = hostile.sign(Claims.valid().build());
        String status = assertReason("UNKNOWN_KEY", token);
        assertFalse(status.contains(token.split("\\.")[1]), "no token content in the status");
        assertFalse(status.contains("\"") || status.contains("\\") || status.contains("\n"), status);
        assertTrue(status.length() < 400, status);
    }

    private String assertReason(String reason, String token) {
        return assertReason(idp.handler(), reason, token);
    }

    private static String assertReason(OAuthValidatorCallbackHandler handler, String reason, String token) {
        String status = rejected(handler, token);
        assertTrue(status.startsWith("invalid_token (" + reason + ": "), status);
        return status;
    }
}
