package io.claimgate.server;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.claimgate.server.testkit.Validation.accepted;
import static io.claimgate.server.testkit.Validation.rejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.claimgate.server.testkit.Claims;
import io.claimgate.server.testkit.Closer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code oauth.validation.timeout.ms}: one authentication waits for the IdP no longer than its
 * budget, all steps together (discovery, introspection, another caller's request), however long
 * the HTTP timeouts are. WireMock delays the IdP; the tests assert the refusal, not the time.
 */
class ValidationBudgetTest {
    static final String OPAQUE = "opaque-3a9d0c1b2e4f5a6978c8d7e6f5a4b3c2";
    static final String BUDGET_EXHAUSTED = "invalid_token (INTROSPECTION_FAILED: validation budget of %d ms"
            + " (oauth.validation.timeout.ms) exhausted while waiting for ";

    @RegisterExtension
    final Closer closer = new Closer();
    WireMockServer idp;

    @BeforeEach
    void startIdp() {
        idp = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        idp.start();
        idp.stubFor(get(urlEqualTo("/jwks")).willReturn(aResponse().withStatus(200).withBody("{\"keys\":[]}")));
    }

    @AfterEach
    void stopIdp() {
        idp.stop();
    }

    @Test
    void anIntrospectionSlowerThanTheBudgetIsRefusedForEveryWaitingCaller() throws Exception {
        introspectionAnswersAfter(2000);
        OAuthValidatorCallbackHandler handler = closer.handler(fixedEndpoint(500));

        ExecutorService networkThreads = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> statuses = new ArrayList<>();
            for (int i = 0; i < 4; i++) {   // the same token: one request, three callers waiting for it
                statuses.add(networkThreads.submit(() -> rejected(handler, OPAQUE)));
            }
            for (Future<String> status : statuses) {
                assertTrue(status.get().startsWith(String.format(BUDGET_EXHAUSTED, 500)), status.get());
            }
        } finally {
            networkThreads.shutdown();
        }
    }

    @Test
    void withABudgetLongerThanTheIdpTakesTheSameTokenIsAccepted() throws Exception {
        introspectionAnswersAfter(600);   // the control of the test above: the token itself is fine
        OAuthValidatorCallbackHandler handler = closer.handler(fixedEndpoint(10_000));

        assertEquals("alice", accepted(handler, OPAQUE).principalName());
    }

    @Test
    void discoveryAndIntrospectionShareOneBudget() throws Exception {
        // Each step alone fits in the budget, both together do not: the budget is per
        // authentication, not per step (before it, the worst case was 2 x (connect + read)).
        OAuthValidatorCallbackHandler handler = discoveringHandler(1000);

        assertTrue(rejected(handler, OPAQUE).startsWith(String.format(BUDGET_EXHAUSTED, 1000)));
    }

    @Test
    void discoveryAndIntrospectionWithinTheBudgetAreAccepted() throws Exception {
        OAuthValidatorCallbackHandler handler = discoveringHandler(10_000);

        assertEquals("alice", accepted(handler, OPAQUE).principalName());
    }

    /**
     * A handler whose introspection endpoint is discovered on the validation path (discovery failed
     * at start-up), with discovery and introspection each answering after 600 ms.
     */
    private OAuthValidatorCallbackHandler discoveringHandler(long budgetMs) throws InterruptedException {
        String discoveryPath = "/realm/.well-known/openid-configuration";
        idp.stubFor(get(urlEqualTo(discoveryPath)).willReturn(aResponse().withStatus(503)));
        Map<String, String> options = common(budgetMs);
        options.put("oauth.issuer.uri", issuer());
        options.put("oauth.jwks.endpoint.uri", base() + "/jwks");
        OAuthValidatorCallbackHandler handler = closer.handler(options);   // discovery fails: logged, retried on need

        idp.stubFor(get(urlEqualTo(discoveryPath)).willReturn(aResponse().withStatus(200).withFixedDelay(600)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"issuer\":\"" + issuer() + "\",\"jwks_uri\":\"" + base() + "/jwks\","
                        + "\"introspection_endpoint\":\"" + base() + "/introspect\"}")));
        introspectionAnswersAfter(600);
        Thread.sleep(1100);   // past the pause in which a failed discovery is not retried
        return handler;
    }

    private Map<String, String> fixedEndpoint(long budgetMs) {
        Map<String, String> options = common(budgetMs);
        options.put("oauth.introspection.endpoint.uri", base() + "/introspect");
        options.put("oauth.valid.issuer.uri", Claims.ISSUER);
        return options;
    }

    private Map<String, String> common(long budgetMs) {
        Map<String, String> options = new HashMap<>();
        options.put("oauth.client.id", "broker");
        options.put("oauth.client.secret", "s3cret");
        options.put("oauth.valid.audience", Claims.AUDIENCE);
        options.put("oauth.username.claim", "username");
        options.put("oauth.connect.timeout.ms", "5000");   // longer than every delay here: only the budget cuts
        options.put("oauth.read.timeout.ms", "5000");
        options.put("oauth.validation.timeout.ms", Long.toString(budgetMs));
        return options;
    }

    /** 127.0.0.1, where WireMock listens: {@code localhost} might be tried as ::1 first. */
    private String base() {
        return "http://127.0.0.1:" + idp.port();
    }

    private String issuer() {
        return base() + "/realm";
    }

    private void introspectionAnswersAfter(int delayMs) {
        long now = Instant.now().getEpochSecond();
        idp.stubFor(post(urlEqualTo("/introspect")).willReturn(aResponse().withStatus(200).withFixedDelay(delayMs)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"active\":true,\"username\":\"alice\",\"aud\":\"" + Claims.AUDIENCE + "\",\"iat\":" + now
                        + ",\"exp\":" + (now + 300) + "}")));
    }
}
