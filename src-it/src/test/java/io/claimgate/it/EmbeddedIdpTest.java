package io.claimgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import net.minidev.json.JSONObject;
import net.minidev.json.parser.JSONParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The embedded IdP on its own, over HTTP as Kafka clients and brokers see it. No broker needed. */
class EmbeddedIdpTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static EmbeddedIdp idp;

    @BeforeAll
    static void start() {
        idp = EmbeddedIdp.builder()
                .client("team-a", "team-a-secret", Map.of("groups", List.of("team-a"), "topics", List.of("orders")))
                .start();
    }

    @AfterAll
    static void stop() {
        idp.close();
    }

    @Test
    void clientCredentialsTokenCarriesTheContractedClaims() throws Exception {
        HttpResponse<String> response = tokenRequest("client1", "client1-secret", "kafka-scope");
        assertEquals(200, response.statusCode(), response.body());
        SignedJWT jwt = SignedJWT.parse((String) json(response.body()).get("access_token"));
        JWTClaimsSet claims = jwt.getJWTClaimsSet();

        assertEquals(idp.issuerUri(), claims.getIssuer());
        assertEquals("client1", claims.getSubject());
        assertEquals("client1", claims.getStringClaim("client_id"));
        assertEquals(List.of("kafka"), claims.getAudience());
        assertEquals("kafka-scope", claims.getStringClaim("scope"));
        assertEquals(idp.currentKeyId(), jwt.getHeader().getKeyID());
        assertTrue(jwt.verify(verifierFromJwks(jwt.getHeader().getKeyID())), "signature verifies with the published JWKS");
        long lifetime = claims.getExpirationTime().getTime() - claims.getIssueTime().getTime();
        assertEquals(Duration.ofHours(1).toMillis(), lifetime);
        assertEquals(1, idp.tokenRequestCount("client1"));
    }

    @Test
    void registeredClaimsAreAddedPerClient() throws Exception {
        HttpResponse<String> response = tokenRequest("team-a", "team-a-secret", null);
        JWTClaimsSet claims = SignedJWT.parse((String) json(response.body()).get("access_token")).getJWTClaimsSet();
        assertEquals(List.of("team-a"), claims.getStringListClaim("groups"));
        assertEquals(List.of("orders"), claims.getStringListClaim("topics"));
        assertEquals(null, claims.getClaim("scope"));
    }

    @Test
    void wrongSecretAndUnknownClientAreRejected() throws Exception {
        assertEquals(401, tokenRequest("client2", "not-the-secret", null).statusCode());
        HttpResponse<String> unknown = tokenRequest("nobody", "x", null);
        assertEquals(401, unknown.statusCode());
        assertTrue(unknown.body().contains("invalid_client"), unknown.body());
    }

    @Test
    void discoveryPointsAtTheEndpointsTheKitReports() throws Exception {
        JSONObject discovery = json(get(idp.discoveryUri()).body());
        assertEquals(idp.issuerUri(), discovery.get("issuer"));
        assertEquals(idp.tokenEndpoint(), discovery.get("token_endpoint"));
        assertEquals(idp.jwksUri(), discovery.get("jwks_uri"));
        for (String url : List.of(idp.tokenEndpoint(), idp.jwksUri(), idp.discoveryUri())) {
            assertTrue(List.of(idp.allowedUrls().split(",")).contains(url), url);
        }
    }

    @Test
    void rotationPublishesNewAndOldKeyUntilTheOldOneIsRetired() throws Exception {
        String before = idp.issueToken("client1");
        String oldKid = idp.currentKeyId();
        String newKid = idp.rotateKey();
        String after = idp.issueToken("client1");

        assertEquals(newKid, SignedJWT.parse(after).getHeader().getKeyID());
        JWKSet published = JWKSet.parse(get(idp.jwksUri()).body());
        assertEquals(newKid, published.getKeys().get(0).getKeyID());
        assertTrue(SignedJWT.parse(before).verify(verifierFromJwks(oldKid)), "old tokens still verify");
        assertTrue(SignedJWT.parse(after).verify(verifierFromJwks(newKid)), "new tokens verify");

        idp.unpublishRetiredKeys();
        assertEquals(List.of(newKid), idp.publishedKeyIds());
        assertEquals(1, JWKSet.parse(get(idp.jwksUri()).body()).size());
    }

    @Test
    void mintedTokensCoverExpiredForgedAndCustomCases() throws Exception {
        JWTClaimsSet expired = SignedJWT.parse(idp.issueToken("client2", Map.of("groups", List.of("x")), Duration.ofMinutes(-1)))
                .getJWTClaimsSet();
        assertTrue(expired.getExpirationTime().before(new Date()));
        assertTrue(expired.getIssueTime().before(expired.getExpirationTime()));
        assertEquals(List.of("x"), expired.getStringListClaim("groups"));

        SignedJWT forged = SignedJWT.parse(idp.issueForgedToken("client1", Map.of(), Duration.ofMinutes(5)));
        assertEquals(idp.currentKeyId(), forged.getHeader().getKeyID());
        assertTrue(!forged.verify(verifierFromJwks(idp.currentKeyId())), "forged signature must not verify");

        JWTClaimsSet custom = SignedJWT.parse(idp.sign(Map.of("sub", "only-this"))).getJWTClaimsSet();
        assertEquals(Map.of("sub", "only-this"), custom.getClaims());
    }

    @Test
    void unknownClientCannotBeMinted() {
        assertThrows(IllegalArgumentException.class, () -> idp.issueToken("nobody"));
    }

    private static HttpResponse<String> tokenRequest(String clientId, String secret, String scope) throws Exception {
        String form = "grant_type=client_credentials" + (scope == null ? "" : "&scope=" + scope);
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        return HTTP.send(HttpRequest.newBuilder(URI.create(idp.tokenEndpoint()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Basic " + basic)
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JSONObject json(String body) throws Exception {
        return (JSONObject) new JSONParser(JSONParser.MODE_PERMISSIVE).parse(body);
    }

    private static JWSVerifier verifierFromJwks(String kid) throws Exception {
        RSAKey key = (RSAKey) JWKSet.parse(get(idp.jwksUri()).body()).getKeyByKeyId(kid);
        return new RSASSAVerifier(key);
    }
}
