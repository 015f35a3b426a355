package io.claimgate.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tokens minted elsewhere: given in the JAAS options, or in a file something else keeps current. */
class StaticAndFileTokenTest {

    /** Any key will do: the client only reads tokens. One per run, RSA key generation is slow. */
    private static final KeyPair SIGNING_KEY = generateKey();

    private static KeyPair generateKey() {
        try {
            return TestKeys.rsa();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A JWT as an IdP would issue it. */
    static String jwt(String subject, Instant issuedAt, Instant expiresAt, Object scope) throws Exception {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().subject(subject)
                .issueTime(Date.from(issuedAt)).expirationTime(Date.from(expiresAt));
        if (scope != null) {
            claims.claim("scp", scope);
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims.build());
        jwt.sign(new RSASSASigner(SIGNING_KEY.getPrivate()));
        return jwt.serialize();
    }

    @Test
    void aStaticJwtLivesUntilItsExp() throws Exception {
        Instant iat = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant exp = iat.plusSeconds(600);
        String value = jwt("batch-job", iat, exp, List.of("kafka", "read"));

        ClientAccessToken token = Handlers.token(Handlers.configured(Map.of("oauth.access.token", value)));

        assertEquals(value, token.value());
        assertEquals(exp.toEpochMilli(), token.lifetimeMs());
        assertEquals(iat.toEpochMilli(), token.startTimeMs());
        assertEquals("batch-job", token.principalName());
        assertEquals(Set.of("kafka", "read"), token.scope(), "Entra ID / Okta 'scp' array");
    }

    @Test
    void aStaticOpaqueTokenIsAssumedToLiveOneHourAndIsHandedOutAgainOnRefresh() throws Exception {
        OAuthLoginCallbackHandler handler = Handlers.configured(Map.of("oauth.access.token", "opaque-static-token"));
        Instant before = Instant.now();

        ClientAccessToken token = Handlers.token(handler);

        long expected = before.plus(ClientAccessToken.DEFAULT_LIFETIME).toEpochMilli();
        assertTrue(Math.abs(token.lifetimeMs() - expected) < 5000, token.toString());
        assertEquals("opaque-static-token", Handlers.token(handler).value());
        assertFalse(handler.options().toString().contains("opaque-static-token"), "options never show the token");
    }

    @Test
    void anExpiredStaticTokenFailsTheLoginWithTheReason() throws Exception {
        Instant past = Instant.now().minusSeconds(3600);
        String value = jwt("batch-job", past, past.plusSeconds(60), null);
        OAuthLoginCallbackHandler handler = Handlers.configured(Map.of("oauth.access.token", value));

        String message = assertThrows(TokenRetrievalException.class, () -> Handlers.token(handler)).getMessage();

        assertTrue(message.startsWith("the access token in oauth.access.token expired at "), message);
        assertFalse(message.contains(value));
    }

    @Test
    void theTokenFileIsReReadOnEveryRefresh(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("token");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String first = jwt("workload", now, now.plusSeconds(600), "kafka");
        String second = jwt("workload", now, now.plusSeconds(1200), "kafka");
        Files.writeString(file, first + "\n");
        OAuthLoginCallbackHandler handler = Handlers.configured(Map.of("oauth.access.token.location", file.toString()));

        assertEquals(first, Handlers.token(handler).value(), "trailing newline stripped");
        Files.writeString(file, second);
        ClientAccessToken renewed = Handlers.token(handler);

        assertEquals(second, renewed.value());
        assertEquals(now.plusSeconds(1200).toEpochMilli(), renewed.lifetimeMs());
    }

    @Test
    void aTokenFileSwappedForAnEndlessStreamFailsInsteadOfFillingTheHeap(@TempDir Path dir) throws Exception {
        Path target = Files.writeString(dir.resolve("token-v1"), "opaque");
        Path link = Files.createSymbolicLink(dir.resolve("token"), target);
        OAuthLoginCallbackHandler handler = Handlers.configured(Map.of("oauth.access.token.location", link.toString()));

        // As a projected volume swaps its symlink, but to something that never ends.
        Files.delete(link);
        Files.createSymbolicLink(link, Path.of("/dev/zero"));

        String message = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(TokenRetrievalException.class, () -> Handlers.token(handler))).getMessage();
        assertTrue(message.contains("is larger than 65536 bytes"), message);
    }

    @Test
    void anEmptyOrVanishedTokenFileFailsTheLogin(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("token"), "opaque");
        OAuthLoginCallbackHandler handler = Handlers.configured(Map.of("oauth.access.token.location", file.toString()));

        Files.writeString(file, "  \n");
        assertEquals("the access token file " + file + " is empty",
                assertThrows(TokenRetrievalException.class, () -> Handlers.token(handler)).getMessage());

        Files.delete(file);
        assertTrue(assertThrows(TokenRetrievalException.class, () -> Handlers.token(handler)).getMessage()
                .startsWith("cannot read the access token file " + file));
    }

    @Test
    void aTokenFileHoldingSomethingElseOrAnExpiredTokenFailsTheLoginSayingWhy(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("token"), "opaque");
        OAuthLoginCallbackHandler handler = Handlers.configured(Map.of("oauth.access.token.location", file.toString()));

        Files.writeString(file, "Bearer abc.def.ghi");
        String notAToken = assertThrows(TokenRetrievalException.class, () -> Handlers.token(handler)).getMessage();
        assertTrue(notAToken.startsWith("the access token file " + file + " does not hold a bearer token"), notAToken);
        assertFalse(notAToken.contains("abc.def.ghi"), "the file's content is not echoed: " + notAToken);

        Instant now = Instant.now();
        Files.writeString(file, jwt("client1", now.minusSeconds(7200), now.minusSeconds(3600), "kafka"));
        String expired = assertThrows(TokenRetrievalException.class, () -> Handlers.token(handler)).getMessage();
        assertTrue(expired.startsWith("the access token in file " + file + " expired at "), expired);
    }

    @Test
    void kafkasFileUrlInTheTokenEndpointConfigMeansATokenFile(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("token"), "opaque-from-file");

        OAuthLoginCallbackHandler handler = Handlers.configured(
                Map.of("sasl.oauthbearer.token.endpoint.url", file.toUri().toString()), Map.of());

        assertEquals("opaque-from-file", Handlers.token(handler).value());
    }
}
