package io.claimgate.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The client credentials grant against a real (embedded) OAuth 2.0 server. */
class ClientCredentialsAgainstMockIdpTest {
    private MockOAuth2Server idp;

    @BeforeEach
    void startIdp() {
        idp = new MockOAuth2Server();
        idp.start();
    }

    @AfterEach
    void stopIdp() {
        idp.shutdown();
    }

    private String tokenEndpoint() {
        return idp.tokenEndpointUrl("default").toString();
    }

    @Test
    void obtainsATokenWithClientSecretBasicAndSendsScopeAndAudience() throws Exception {
        OAuthLoginCallbackHandler handler = Handlers.configured(Map.of(
                "oauth.token.endpoint.uri", tokenEndpoint(),
                "oauth.client.id", "client1",
                "oauth.client.secret", "client1-secret",
                "oauth.scope", "kafka",
                "oauth.audience", "kafka-broker"));

        ClientAccessToken token = Handlers.token(handler);

        JWTClaimsSet claims = SignedJWT.parse(token.value()).getJWTClaimsSet();
        assertEquals("client1", claims.getSubject(), "client_credentials tokens are about the client");
        assertEquals("client1", token.principalName());
        assertEquals(claims.getExpirationTime().getTime(), token.lifetimeMs(), "lifetime is the JWT's exp, in epoch ms");
        assertEquals(claims.getIssueTime().getTime(), token.startTimeMs());
        assertEquals(Set.of("kafka"), token.scope());

        RecordedRequest request = idp.takeRequest();
        Map<String, String> form = form(request);
        assertEquals("client_credentials", form.get("grant_type"));
        assertEquals("kafka", form.get("scope"));
        assertEquals("kafka-broker", form.get("audience"));
        assertFalse(form.containsKey("client_secret"), "basic auth keeps the secret out of the body");
        String basic = request.getHeader("Authorization");
        assertEquals("client1:client1-secret",
                new String(Base64.getDecoder().decode(basic.substring("Basic ".length())), StandardCharsets.UTF_8));
    }

    @Test
    void aJaasConfigWrittenForKafkasBuiltInLoginWorksWithOnlyTheClassNameChanged() throws Exception {
        // Kafka's OAuthBearerLoginCallbackHandler takes the token URL from a Kafka config and the
        // credentials from the JAAS options clientId, clientSecret and scope (KIP-768).
        OAuthLoginCallbackHandler handler = new OAuthLoginCallbackHandler();
        handler.configure(Map.of("sasl.oauthbearer.token.endpoint.url", tokenEndpoint()), "OAUTHBEARER",
                List.of(new javax.security.auth.login.AppConfigurationEntry(
                        "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule",
                        javax.security.auth.login.AppConfigurationEntry.LoginModuleControlFlag.REQUIRED,
                        Map.of("clientId", "client1", "clientSecret", "client1-secret", "scope", "kafka"))));

        ClientAccessToken token = Handlers.token(handler);

        assertEquals("client1", token.principalName());
        Map<String, String> form = form(idp.takeRequest());
        assertEquals("kafka", form.get("scope"));
        handler.close();
    }

    @Test
    void obtainsATokenWithClientSecretPost() throws Exception {
        OAuthLoginCallbackHandler handler = Handlers.configured(Map.of(
                "oauth.token.endpoint.uri", tokenEndpoint(),
                "oauth.client.id", "client1",
                "oauth.client.secret", "client1-secret",
                "oauth.client.auth.method", "client_secret_post"));

        assertEquals("client1", Handlers.token(handler).principalName());

        RecordedRequest request = idp.takeRequest();
        Map<String, String> form = form(request);
        assertEquals("client1", form.get("client_id"));
        assertEquals("client1-secret", form.get("client_secret"));
        assertNull(request.getHeader("Authorization"));
    }

    @Test
    void aCallPastHalfTheTokensLifetimeFetchesAFreshTokenAsKafkasRefreshThreadExpects() throws Exception {
        MutableClock clock = new MutableClock(Instant.now());
        OAuthLoginCallbackHandler handler = Handlers.configured(clock, Map.of(), Map.of(
                "oauth.token.endpoint.uri", tokenEndpoint(),
                "oauth.client.id", "client1",
                "oauth.client.secret", "client1-secret"));

        ClientAccessToken first = Handlers.token(handler);
        clock.set(halfLifeOf(first));
        ClientAccessToken second = Handlers.token(handler);

        assertNotEquals(first.value(), second.value());
        idp.takeRequest();
        idp.takeRequest();
        handler.close();
    }

    @Test
    void discoversTheTokenEndpointFromTheIssuer() throws Exception {
        MutableClock clock = new MutableClock(Instant.now());
        OAuthLoginCallbackHandler handler = Handlers.configured(clock, Map.of(), Map.of(
                "oauth.issuer.uri", idp.issuerUrl("default").toString(),
                "oauth.client.id", "client1",
                "oauth.client.secret", "client1-secret"));

        ClientAccessToken first = Handlers.token(handler);
        clock.set(halfLifeOf(first));
        Handlers.token(handler);

        assertEquals("/default/.well-known/openid-configuration", idp.takeRequest().getPath());
        assertEquals("/default/token", idp.takeRequest().getPath());
        assertEquals("/default/token", idp.takeRequest().getPath(), "the discovered endpoint is kept");
        handler.close();
    }

    /** When half of the token's lifetime has passed: from then on the shared token is renewed. */
    static Instant halfLifeOf(ClientAccessToken token) {
        return Instant.ofEpochMilli(token.startTimeMs() + (token.lifetimeMs() - token.startTimeMs()) / 2);
    }

    @Test
    void privateKeyJwtSendsAnAssertionSignedWithTheClientsRsaKey(@TempDir Path dir) throws Exception {
        KeyPair keys = TestKeys.rsa();
        OAuthLoginCallbackHandler handler = Handlers.configured(Map.of(
                "oauth.token.endpoint.uri", tokenEndpoint(),
                "oauth.client.id", "client1",
                "oauth.client.auth.method", "private_key_jwt",
                "oauth.client.assertion.key.location", TestKeys.writePkcs8(dir, keys).toString()));

        assertEquals("client1", Handlers.token(handler).principalName());

        Map<String, String> form = form(idp.takeRequest());
        assertEquals("urn:ietf:params:oauth:client-assertion-type:jwt-bearer", form.get("client_assertion_type"));
        SignedJWT assertion = SignedJWT.parse(form.get("client_assertion"));
        assertEquals(JWSAlgorithm.RS256, assertion.getHeader().getAlgorithm());
        assertTrue(assertion.verify(new RSASSAVerifier((RSAPublicKey) keys.getPublic())));
        JWTClaimsSet claims = assertion.getJWTClaimsSet();
        assertEquals("client1", claims.getIssuer());
        assertEquals("client1", claims.getSubject());
        assertEquals(List.of(tokenEndpoint()), claims.getAudience());
        assertTrue(claims.getJWTID() != null);
        assertTrue(claims.getExpirationTime().toInstant().isBefore(Instant.now().plusSeconds(61)), "short-lived");
    }

    /** ES* signatures are R || S of the curve's size (RFC 7518 §3.4), not DER: P-521 pads each to 66 bytes. */
    @ParameterizedTest
    @CsvSource({"secp256r1, ES256", "secp384r1, ES384", "secp521r1, ES512"})
    void privateKeyJwtWithAnEcKeyAndTheMethodImpliedByTheKey(String curve, String algorithm, @TempDir Path dir)
            throws Exception {
        KeyPair keys = TestKeys.ec(curve);
        OAuthLoginCallbackHandler handler = Handlers.configured(Map.of(
                "oauth.token.endpoint.uri", tokenEndpoint(),
                "oauth.client.id", "client1",
                "oauth.client.assertion.key.location", TestKeys.writePkcs8(dir, keys).toString()));

        Handlers.token(handler);

        SignedJWT assertion = SignedJWT.parse(form(idp.takeRequest()).get("client_assertion"));
        assertEquals(JWSAlgorithm.parse(algorithm), assertion.getHeader().getAlgorithm());
        assertEquals(JOSEObjectType.JWT, assertion.getHeader().getType());
        assertTrue(assertion.verify(new ECDSAVerifier((ECPublicKey) keys.getPublic())));
    }

    @Test
    void privateKeyJwtAcceptsAPkcs1RsaKey(@TempDir Path dir) throws Exception {
        KeyPair keys = TestKeys.rsa();
        Path pem = TestKeys.writePem(dir.resolve("rsa.pem"), "RSA PRIVATE KEY", pkcs1Of(keys.getPrivate().getEncoded()));
        OAuthLoginCallbackHandler handler = Handlers.configured(Map.of(
                "oauth.token.endpoint.uri", tokenEndpoint(),
                "oauth.client.id", "client1",
                "oauth.client.assertion.key.location", pem.toString()));

        Handlers.token(handler);

        SignedJWT assertion = SignedJWT.parse(form(idp.takeRequest()).get("client_assertion"));
        assertTrue(assertion.verify(new RSASSAVerifier((RSAPublicKey) keys.getPublic())));
    }

    static Map<String, String> form(RecordedRequest request) {
        return form(request.getBody().readUtf8());
    }

    static Map<String, String> form(String body) {
        return Arrays.stream(body.split("&")).map(pair -> pair.split("=", 2)).collect(Collectors.toMap(
                kv -> URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                kv -> URLDecoder.decode(kv.length > 1 ? kv[1] : "", StandardCharsets.UTF_8)));
    }

    /** The RSAPrivateKey inside the JDK's PKCS#8 encoding: what "BEGIN RSA PRIVATE KEY" holds. */
    private static byte[] pkcs1Of(byte[] pkcs8) {
        int i = 1 + lengthBytes(pkcs8, 1); // outer SEQUENCE header
        i += 3 + 15;                         // INTEGER 0, AlgorithmIdentifier(rsaEncryption, NULL)
        i += 1 + lengthBytes(pkcs8, i + 1);  // OCTET STRING header
        return Arrays.copyOfRange(pkcs8, i, pkcs8.length);
    }

    private static int lengthBytes(byte[] der, int at) {
        return (der[at] & 0x80) == 0 ? 1 : 1 + (der[at] & 0x7F);
    }
}
