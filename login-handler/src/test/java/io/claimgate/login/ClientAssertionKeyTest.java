package io.claimgate.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client assertion as a JOSE library reads it: claims, header and signature. */
class ClientAssertionKeyTest {
    @Test
    void theAssertionIsACompactJwsWithTheClaimsOfRfc7523(@TempDir Path dir) throws Exception {
        KeyPair keys = TestKeys.rsa();
        ClientAssertionKey key = ClientAssertionKey.load("oauth.client.assertion.key.location",
                TestKeys.writePkcs8(dir, keys));
        // A client id that only reads back the same when the JSON is escaped right.
        String clientId = "cli\"ent\\1\n\u0001é✓";
        Instant now = Instant.ofEpochSecond(1_700_000_000L);

        SignedJWT jwt = SignedJWT.parse(key.sign(clientId, URI.create("https://idp.example/token?a=b"), now));

        assertEquals(JWSAlgorithm.RS256, jwt.getHeader().getAlgorithm());
        assertEquals(JOSEObjectType.JWT, jwt.getHeader().getType());
        assertTrue(jwt.verify(new RSASSAVerifier((RSAPublicKey) keys.getPublic())));
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertEquals(clientId, claims.getIssuer());
        assertEquals(clientId, claims.getSubject());
        assertEquals(List.of("https://idp.example/token?a=b"), claims.getAudience());
        assertEquals(Date.from(now), claims.getIssueTime());
        assertEquals(Date.from(now), claims.getNotBeforeTime());
        assertEquals(Date.from(now.plus(ClientAssertionKey.ASSERTION_LIFETIME)), claims.getExpirationTime());
        assertTrue(!claims.getJWTID().isEmpty());
    }

    @Test
    void everyAssertionHasItsOwnJti(@TempDir Path dir) throws Exception {
        ClientAssertionKey key = ClientAssertionKey.load("k", TestKeys.writePkcs8(dir, TestKeys.rsa()));
        URI endpoint = URI.create("https://idp.example/token");
        Instant now = Instant.now();
        assertTrue(!SignedJWT.parse(key.sign("c", endpoint, now)).getJWTClaimsSet().getJWTID()
                .equals(SignedJWT.parse(key.sign("c", endpoint, now)).getJWTClaimsSet().getJWTID()));
    }
}
