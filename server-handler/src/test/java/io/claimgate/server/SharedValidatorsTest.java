package io.claimgate.server;

import static io.claimgate.server.testkit.Validation.accepted;
import static io.claimgate.server.testkit.Validation.configuredHandler;
import static io.claimgate.server.testkit.Validation.options;
import static io.claimgate.server.testkit.Validation.rejected;
import static io.claimgate.server.testkit.Validation.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.claimgate.common.metrics.ClaimgateMetrics;
import io.claimgate.server.testkit.Claims;
import io.claimgate.server.testkit.JwksServer;
import io.claimgate.server.testkit.SigningKey;
import io.micrometer.core.instrument.FunctionCounter;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A broker configures one callback handler per network thread of a listener, and hands each new
 * connection to the next thread. Handlers configured alike therefore share one validator: a token
 * validated on one network thread is answered from the token cache on every other.
 */
class SharedValidatorsTest {
    static final SigningKey RSA = SigningKey.rsa("rsa-shared");
    static JwksServer jwks;

    @BeforeAll
    static void startIdp() throws Exception {
        jwks = JwksServer.publishing(RSA.publicJwk());
    }

    @AfterAll
    static void stopIdp() {
        jwks.close();
    }

    @Test
    void aTokenValidatedOnOneNetworkThreadIsACacheHitOnTheOthers() {
        Map<String, String> listener = options(jwks);
        OAuthValidatorCallbackHandler thread0 = configuredHandler(listener);
        OAuthValidatorCallbackHandler thread1 = configuredHandler(listener);
        OAuthValidatorCallbackHandler thread2 = configuredHandler(listener);
        try {
            String token = RSA.sign(Claims.valid().build());
            double hits = cacheHits();
            double misses = cacheMisses();

            accepted(thread0, token);
            accepted(thread1, token);
            accepted(thread2, token);

            assertEquals(1, cacheMisses() - misses, "validated once");
            assertEquals(2, cacheHits() - hits, "then answered from the shared cache");
        } finally {
            thread0.close();
            thread1.close();
            thread2.close();
        }
    }

    @Test
    void theSharedValidatorStaysUntilItsLastHandlerCloses() {
        int before = SharedValidators.size();
        Map<String, String> listener = options(jwks);
        OAuthValidatorCallbackHandler first = configuredHandler(listener);
        OAuthValidatorCallbackHandler second = configuredHandler(listener);
        assertEquals(before + 1, SharedValidators.size());

        first.close();
        accepted(second, RSA.sign(Claims.valid().build()));   // a new token: signature, JWKS and all

        second.close();
        assertEquals(before, SharedValidators.size());
        second.close();   // closing twice releases once
        assertEquals(before, SharedValidators.size());
    }

    @Test
    void handlersConfiguredDifferentlyDoNotShare() {
        Map<String, String> orders = options(jwks);
        Map<String, String> billing = with(options(jwks), "oauth.valid.audience", "billing");
        OAuthValidatorCallbackHandler ordersListener = configuredHandler(orders);
        OAuthValidatorCallbackHandler billingListener = configuredHandler(billing);
        try {
            String forOrders = RSA.sign(Claims.valid().build());
            accepted(ordersListener, forOrders);   // now in the orders listener's cache

            String status = rejected(billingListener, forOrders);

            assertTrue(status.contains("WRONG_AUDIENCE"), status);
        } finally {
            ordersListener.close();
            billingListener.close();
        }
    }

    private static double cacheHits() {
        return counter("claimgate.token.cache.hits");
    }

    private static double cacheMisses() {
        return counter("claimgate.token.cache.misses");
    }

    private static double counter(String name) {
        FunctionCounter counter = ClaimgateMetrics.registry().find(name).functionCounter();
        return counter == null ? 0 : counter.count();
    }
}
