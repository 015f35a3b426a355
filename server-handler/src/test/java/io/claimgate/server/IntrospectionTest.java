package io.claimgate.server;

import static io.claimgate.server.testkit.Validation.accepted;
import static io.claimgate.server.testkit.Validation.rejected;
import static io.claimgate.server.testkit.Validation.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.claimgate.server.testkit.Closer;
import io.claimgate.server.testkit.Claims;
import io.claimgate.server.testkit.IntrospectionServer;
import io.claimgate.server.testkit.JwksServer;
import io.claimgate.server.testkit.SigningKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Opaque tokens validated by RFC 7662 introspection. */
class IntrospectionTest {
    static final String OPAQUE = "opaque-8f1c2d3e4b5a69788796a5b4c3d2e1f0";
    @RegisterExtension
    final Closer closer = new Closer();
    IntrospectionServer idp;

    @BeforeEach
    void start() throws Exception {
        idp = new IntrospectionServer("broker", "s3cret:&");
        closer.add(idp);
    }

    Map<String, String> options() {
        Map<String, String> options = new HashMap<>();
        options.put("oauth.introspection.endpoint.uri", idp.uri().toString());
        options.put("oauth.client.id", "broker");
        options.put("oauth.client.secret", "s3cret:&");
        options.put("oauth.valid.issuer.uri", Claims.ISSUER);
        options.put("oauth.valid.audience", Claims.AUDIENCE);
        options.put("oauth.username.claim", "username,sub");
        options.put("oauth.groups.claim", "groups");
        options.put("oauth.connect.timeout.ms", "500");
        options.put("oauth.read.timeout.ms", "500");
        return options;
    }

    static String active(String extra) {
        long now = Instant.now().getEpochSecond();
        return "{\"active\":true,\"sub\":\"u-123\",\"username\":\"alice\",\"client_id\":\"app\","
                + "\"scope\":\"kafka read\",\"aud\":\"" + Claims.AUDIENCE + "\",\"groups\":[\"ops\"],"
                + "\"iat\":" + now + ",\"exp\":" + (now + 300) + extra + "}";
    }

    @Test
    void anActiveOpaqueTokenIsMappedLikeJwtClaims() throws Exception {
        idp.answer(OPAQUE, active(""));
        OAuthValidatorCallbackHandler handler = closer.handler(options());

        ValidatedToken token = accepted(handler, OPAQUE);

        assertEquals("alice", token.principalName());
        assertEquals(Set.of("kafka", "read"), token.scope());
        assertEquals(List.of("ops"), token.groups());
        assertEquals(Claims.ISSUER, token.iss(), "a missing iss is the configured issuer's");
        assertTrue(token.lifetimeMs() > System.currentTimeMillis());
        assertEquals("token=" + OPAQUE + "&token_type_hint=access_token", sorted(idp.lastBody()));
        accepted(handler, OPAQUE);
        assertEquals(1, idp.requests(), "cached until exp");
    }

    @Test
    void anInactiveTokenIsRejectedAndRememberedBriefly() {
        OAuthValidatorCallbackHandler handler = closer.handler(options());

        String status = rejected(handler, OPAQUE);
        rejected(handler, OPAQUE);

        assertTrue(status.startsWith("invalid_token (INACTIVE: "), status);
        assertEquals(1, idp.requests());
    }

    @Test
    void activeAnswersAreCheckedLikeJwtClaims() {
        OAuthValidatorCallbackHandler handler = closer.handler(options());
        long past = Instant.now().getEpochSecond() - 3600;
        Map<String, String> cases = Map.of(
                "t-aud", active(",\"aud\":\"other\"").replace("\"aud\":\"" + Claims.AUDIENCE + "\",", ""),
                "t-iss", active(",\"iss\":\"https://evil.example\""),
                "t-exp", active("").replaceAll(",\"exp\":\\d+", ""),
                "t-expired", active("").replaceAll("\"exp\":\\d+", "\"exp\":" + past),
                "t-type", active(",\"exp\":\"tomorrow\"").replaceAll(",\"exp\":\\d+", ""));
        cases.forEach(idp::answer);

        assertTrue(rejected(handler, "t-aud").startsWith("invalid_token (WRONG_AUDIENCE: "));
        assertTrue(rejected(handler, "t-iss").startsWith("invalid_token (WRONG_ISSUER: "));
        assertTrue(rejected(handler, "t-exp").startsWith("invalid_token (MISSING_CLAIM: "));
        assertTrue(rejected(handler, "t-expired").startsWith("invalid_token (EXPIRED: "));
        assertTrue(rejected(handler, "t-type").startsWith("invalid_token (INTROSPECTION_FAILED: "));
    }

    @Test
    void concurrentValidationsOfOneTokenShareOneRequest() throws Exception {
        idp.answer(OPAQUE, active(""));
        idp.delay(300);
        OAuthValidatorCallbackHandler handler = closer.handler(options());
        ExecutorService networkThreads = Executors.newFixedThreadPool(16);
        try {
            List<Future<ValidatedToken>> results = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                results.add(networkThreads.submit(() -> accepted(handler, OPAQUE)));
            }
            for (Future<ValidatedToken> result : results) {
                assertEquals("alice", result.get().principalName());
            }
        } finally {
            networkThreads.shutdown();
        }
        assertEquals(1, idp.requests());
    }

    @Test
    void wrongClientCredentialsAreReportedWithoutTheSecret() {
        OAuthValidatorCallbackHandler handler = closer.handler(with(options(), "oauth.client.secret", "wrong-secret"));

        String status = rejected(handler, OPAQUE);

        assertEquals("invalid_token (INTROSPECTION_FAILED: the IdP refused the broker's introspection request, see"
                + " broker log)", status);
        assertTrue(!status.contains("wrong-secret"), status);
        for (int i = 0; i < 8; i++) {
            rejected(handler, OPAQUE + i);
        }
        assertEquals(9, idp.requests(), "a refusal is not an outage: the breaker stays closed");
    }

    @Test
    void aDownIdpOpensTheBreakerAndCallsThenFailFast() {
        idp.mode(IntrospectionServer.Mode.FAIL_503);
        OAuthValidatorCallbackHandler handler = closer.handler(with(options(), "oauth.circuit.breaker.failures", "3"));
        for (int i = 0; i < 3; i++) {
            assertTrue(rejected(handler, OPAQUE + i).startsWith("invalid_token (INTROSPECTION_FAILED: "));
        }

        String status = rejected(handler, OPAQUE + "x");

        assertTrue(status.contains("circuit breaker open"), status);
        assertEquals(3, idp.requests());
    }

    @Test
    void aHangingIdpHoldsAValidationOnlyForTheTimeouts() {
        idp.mode(IntrospectionServer.Mode.HANG);
        OAuthValidatorCallbackHandler handler = closer.handler(options());

        long start = System.nanoTime();
        String status = rejected(handler, OPAQUE);
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;

        assertTrue(status.startsWith("invalid_token (INTROSPECTION_FAILED: "), status);
        // Not a speed check: the IdP never answers, so without the timeouts this would never return.
        // The bound is far above them (a loaded CI machine) and far below "for ever".
        assertTrue(elapsedMs < 10_000, "took " + elapsedMs + " ms with 500 + 500 ms timeouts");
    }

    @Test
    void jwtsStillValidateLocallyWhenAJwksIsThere() throws Exception {
        SigningKey key = SigningKey.rsa("k");
        JwksServer jwks = discoveringIdp(key);
        OAuthValidatorCallbackHandler handler = closer.handler(discoveryOptions(jwks));

        accepted(handler, key.sign(Claims.valid().issuer(jwks.issuerUri().toString()).claim("username", "bob").build()));
        assertEquals(0, idp.requests());
        assertEquals("alice", accepted(handler, OPAQUE).principalName(), "discovered introspection endpoint");
        assertEquals(1, idp.requests());
        assertTrue(rejected(handler, "x.y.z").startsWith("invalid_token (INACTIVE: "), "not a JWT: introspected");
    }

    @Test
    void withIntrospectionDisabledADiscoveredEndpointIsNeverCalled() throws Exception {
        SigningKey key = SigningKey.rsa("k");
        JwksServer jwks = discoveringIdp(key);
        OAuthValidatorCallbackHandler handler = closer.handler(with(discoveryOptions(jwks), "oauth.introspection.enabled",
                "false"));

        accepted(handler, key.sign(Claims.valid().issuer(jwks.issuerUri().toString()).claim("username", "bob").build()));
        String status = rejected(handler, OPAQUE);

        assertTrue(status.startsWith("invalid_token (MALFORMED: not a JWT"), status);
        assertTrue(status.contains("opaque tokens are not introspected here (oauth.introspection.enabled)"), status);
        assertEquals(0, idp.requests(), "no request reaches the introspection endpoint");
    }

    /** An IdP whose discovery document names its JWKS and the introspection endpoint, which knows {@link #OPAQUE}. */
    private JwksServer discoveringIdp(SigningKey key) throws Exception {
        JwksServer jwks = JwksServer.publishing(key.publicJwk());
        closer.add(jwks);
        idp.answer(OPAQUE, active(""));
        jwks.publishDiscovery("{\"issuer\":\"" + jwks.issuerUri() + "\",\"jwks_uri\":\"" + jwks.jwksUri()
                + "\",\"introspection_endpoint\":\"" + idp.uri() + "\"}");
        return jwks;
    }

    /** Discovery plus client credentials: introspection is on unless switched off. */
    private Map<String, String> discoveryOptions(JwksServer jwks) {
        Map<String, String> options = options();
        options.remove("oauth.introspection.endpoint.uri");
        options.remove("oauth.valid.issuer.uri");
        options.put("oauth.issuer.uri", jwks.issuerUri().toString());
        return options;
    }

    private static String sorted(String form) {
        return String.join("&", new java.util.TreeSet<>(List.of(form.split("&"))));
    }
}
