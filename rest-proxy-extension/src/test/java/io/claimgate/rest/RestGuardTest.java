package io.claimgate.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.claimgate.authorizer.config.AuthorizerOptions;
import io.claimgate.server.Issuer;
import io.claimgate.server.ValidatedToken;
import io.claimgate.server.validation.TokenValidationException;
import io.claimgate.server.validation.TokenValidationException.Reason;
import io.claimgate.server.validation.TokenValidator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The guard's answers with the real decision engine over a real policy file. The validator is
 * claimgate's own seam ({@link TokenValidator}), answering as the real one does for each kind of
 * token; real tokens against a real IdP are the integration test's job (ConnectRestExtensionIT).
 */
class RestGuardTest {
    static final String POLICY = """
            policies:
              - name: connect-admins
                when: principal.name == 'client1'
                rules:
                  - {action: allow, resource: cluster, operations: [describe, describe_configs, create, alter, alter_configs, delete]}
              - name: connect-viewers
                when: "'viewers' in groups"
                rules:
                  - {action: allow, resource: cluster, operations: [describe]}
              - name: only-over-rest
                when: listener == 'CONNECT_REST' && principal.name == 'client3'
                rules:
                  - {action: allow, resource: cluster, operations: [describe]}
              - name: rest-proxy-producers
                when: listener == 'REST_PROXY' && principal.name == 'client3'
                rules:
                  - {action: allow, resource: topic, names: [orders], operations: [write]}
                  - {action: allow, resource: group, names: [billing], operations: [describe]}
            """;
    /** A token value that must never show up in any answer. */
    static final String SECRET_TOKEN = "eyJhbGciOiJSUzI1NiJ9.c2VjcmV0LXBheWxvYWQ.c2lnbmF0dXJl";

    @TempDir
    Path dir;
    RestAuthorizer authorizer;
    RestGuard guard;

    /** Token value → what the validator says: a principal (with groups), or a rejection. */
    static final TokenValidator VALIDATOR = new TokenValidator() {
        @Override
        public ValidatedToken validate(String token) throws TokenValidationException {
            return switch (token) {
                case "client1-token" -> valid("client1", List.of());
                case "client2-token" -> valid("client2", List.of("viewers"));
                case "client3-token" -> valid("client3", List.of());
                case "expired-token" -> throw new TokenValidationException(Reason.EXPIRED,
                        "token expired at 2024-01-01T00:00:00Z");
                case "idp-down-token" -> throw new TokenValidationException(Reason.KEYS_UNAVAILABLE,
                        "no keys for kid \"k1\" and the JWKS endpoint cannot be reached");
                case "buggy-token" -> throw new IllegalStateException("boom");
                default -> throw new TokenValidationException(Reason.MALFORMED, "not a JWT (expected 3 parts)");
            };
        }

        @Override
        public void close() {
        }
    };

    static ValidatedToken valid(String name, List<String> groups) {
        return ValidatedToken.builder("t", name, new Issuer("default", Optional.of("https://idp"), Duration.ZERO, "", ""))
                .groups(groups).claims(Map.of("sub", name)).lifetimeMs(60_000L).build();
    }

    @BeforeEach
    void start() throws IOException {
        Path policy = Files.writeString(dir.resolve("policy.yaml"), POLICY);
        AuthorizerOptions options = AuthorizerOptions.from(Map.of(AuthorizerOptions.POLICY_LOCATION, policy.toString(),
                AuthorizerOptions.POLICY_RELOAD_SECONDS, "0"), name -> null);
        authorizer = new RestAuthorizer(options, policy);
        guard = new RestGuard(VALIDATOR, authorizer::allowed, Set.of("/health"), RestSurface.CONNECT);
    }

    @AfterEach
    void stop() {
        authorizer.close();
    }

    RestGuard.Outcome call(String method, String path, String authorization) {
        return guard.check(new RestGuard.Request(method, path, Map.of(), authorization, false, null));
    }

    @Test
    void afterCloseRequestsThatNeedATokenAre503NotJudgedByStoppedParts() {
        assertTrue(call("GET", "connectors", "Bearer client1-token").passes());
        guard.close();

        RestGuard.Outcome outcome = call("GET", "connectors", "Bearer client1-token");
        assertEquals(503, outcome.status());
        assertEquals("the claimgate extension was closed", outcome.message());
        assertTrue(call("GET", "health", null).passes(), "public paths need no token, closed or not");
    }

    @Test
    void noTokenGetsABareChallenge() {
        for (String header : new String[] {null, "", "Basic Y2xpZW50MTpzZWNyZXQ=", "Bearer", "Bearer   "}) {
            RestGuard.Outcome outcome = call("GET", "connectors", header);
            assertEquals(401, outcome.status(), String.valueOf(header));
            assertEquals("Bearer realm=\"kafka-connect\"", outcome.challenge());
        }
    }

    @Test
    void rejectedTokenGets401WithTheReasonAndNeverTheToken() {
        RestGuard.Outcome expired = call("GET", "connectors", "Bearer expired-token");
        assertEquals(401, expired.status());
        assertEquals("Bearer realm=\"kafka-connect\", error=\"invalid_token\", error_description=\"EXPIRED: token"
                + " expired at 2024-01-01T00:00:00Z\"", expired.challenge());
        assertTrue(expired.message().contains("EXPIRED"));

        RestGuard.Outcome garbage = call("POST", "connectors", "bearer " + SECRET_TOKEN);   // scheme is case-insensitive
        assertEquals(401, garbage.status());
        assertTrue(garbage.challenge().contains("error_description=\"MALFORMED: "), garbage.challenge());
        assertFalse(garbage.challenge().contains(SECRET_TOKEN));
        assertFalse(garbage.message().contains(SECRET_TOKEN));
    }

    @Test
    void anIdpThatCannotBeAskedIsA503NotABadToken() {
        RestGuard.Outcome outcome = call("GET", "connectors", "Bearer idp-down-token");
        assertEquals(503, outcome.status());
        assertNull(outcome.challenge());
        // quotes from the detail cannot break the JSON body or a header
        assertFalse(outcome.message().contains("\""), outcome.message());

        RestGuard.Outcome bug = call("GET", "connectors", "Bearer buggy-token");
        assertEquals(503, bug.status());
    }

    @Test
    void policiesDecideWithDenyByDefault() {
        assertTrue(call("GET", "connectors", "Bearer client1-token").passes());
        assertTrue(call("POST", "connectors", "Bearer client1-token").passes());
        assertEquals("client1", call("DELETE", "connectors/a", "Bearer client1-token").principal().getName());

        // groups from the token map to the policy's 'groups' as on the broker
        assertTrue(call("GET", "connectors", "Bearer client2-token").passes());
        assertEquals(403, call("POST", "connectors", "Bearer client2-token").status());
        assertEquals(403, call("GET", "connectors/a/config", "Bearer client2-token").status());

        // the pseudo listener lets a policy speak about REST calls only
        assertTrue(call("GET", "/", "Bearer client3-token").passes());
        assertEquals(403, call("PUT", "connectors/a/pause", "Bearer client3-token").status());
    }

    @Test
    void unknownEndpointsAreDeniedEvenToAdmins() {
        RestGuard.Outcome outcome = call("GET", "connectors/a/secrets", "Bearer client1-token");
        assertEquals(403, outcome.status());
        assertNull(outcome.challenge());
    }

    @Test
    void publicPathsAndSignedInternalCallsNeedNoToken() {
        assertTrue(call("GET", "health", null).passes());
        assertTrue(call("GET", "/health/", null).passes());
        assertEquals(401, call("DELETE", "health", null).status());
        assertEquals(401, call("GET", "connectors", null).status());
        assertTrue(guard.check(new RestGuard.Request("POST", "connectors/a/tasks", Map.of(), null, true, null)).passes());
        // without Connect's signature a worker-to-worker path is an ordinary, unmapped request
        assertEquals(403, call("POST", "connectors/a/tasks", "Bearer client1-token").status());
    }

    @Test
    void aBrokenPolicyEditKeepsTheLastGoodPoliciesNeverOpensAccess() throws IOException {
        Files.writeString(dir.resolve("policy.yaml"), "policies: [ this is not valid");
        assertFalse(authorizer.checkPolicyFileNow());
        assertTrue(call("POST", "connectors", "Bearer client1-token").passes());
        assertEquals(403, call("POST", "connectors", "Bearer client2-token").status());
    }

    @Test
    void restProxyRequestsAreDecidedOnTheirTopicOrGroupUnderTheirOwnListener() {
        RestGuard proxy = new RestGuard(VALIDATOR, authorizer::allowed, Set.of(), RestSurface.REST_PROXY);
        RestGuard.Outcome produce = proxy.check(new RestGuard.Request("POST",
                "v3/clusters/c1/topics/orders/records", Map.of(), "Bearer client3-token", false, null));
        assertTrue(produce.passes());
        assertEquals("client3", produce.principal().getName());
        assertEquals(403, proxy.check(new RestGuard.Request("POST", "topics/payments", Map.of(),
                "Bearer client3-token", false, null)).status());
        assertTrue(proxy.check(new RestGuard.Request("GET", "v3/clusters/c1/consumer-groups/billing/lags", Map.of(),
                "Bearer client3-token", false, null)).passes());
        // client3's CONNECT_REST-only cluster rule does not apply on REST Proxy's listener
        assertEquals(403, proxy.check(new RestGuard.Request("GET", "", Map.of(), "Bearer client3-token", false,
                null)).status());
        // cluster admins on Connect are not topic writers on REST Proxy
        assertEquals(403, proxy.check(new RestGuard.Request("POST", "topics/orders", Map.of(),
                "Bearer client1-token", false, null)).status());
        // Connect's signature header opens nothing on REST Proxy
        assertEquals(401, proxy.check(new RestGuard.Request("POST", "topics/orders", Map.of(), null, true, null))
                .status());
        RestGuard.Outcome noToken = proxy.check(new RestGuard.Request("GET", "topics", Map.of(), null, false, null));
        assertEquals("Bearer realm=\"kafka-rest\"", noToken.challenge());
    }

    @Test
    void aRequestPrintsWithoutItsBearerToken() {
        String text = new RestGuard.Request("GET", "connectors", Map.of(), "Bearer eyJ.secret.token", false, null).toString();
        org.junit.jupiter.api.Assertions.assertFalse(text.contains("eyJ"), text);
        assertTrue(text.contains("GET connectors"), text);
    }
}
