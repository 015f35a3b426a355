package io.claimgate.server;

import static io.claimgate.server.testkit.Validation.configuredHandler;
import static io.claimgate.server.testkit.Validation.validate;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.claimgate.common.metrics.ClaimgateMetrics;
import io.claimgate.server.metrics.AuthenticationMetrics;
import io.claimgate.server.testkit.Claims;
import io.claimgate.server.testkit.JwksServer;
import io.claimgate.server.testkit.SigningKey;
import io.micrometer.core.instrument.FunctionCounter;
import java.net.InetAddress;
import java.util.Map;
import org.apache.kafka.common.security.auth.PlaintextAuthenticationContext;
import org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule;
import org.junit.jupiter.api.Test;

/** claimgate.authentications: successes per listener and mechanism, OAUTHBEARER failures per listener and reason. */
class AuthenticationMetricsTest {
    private static final String OAUTH = OAuthBearerLoginModule.OAUTHBEARER_MECHANISM;

    static double count(String listener, String mechanism, String outcome) {
        return ClaimgateMetrics.registry().find(AuthenticationMetrics.AUTHENTICATIONS)
                .tags("listener", listener, "mechanism", mechanism, "outcome", outcome).functionCounters().stream()
                .mapToDouble(FunctionCounter::count).sum();
    }

    @Test
    void rejectedTokensCountAsFailuresOfTheListenerWhoseNetworkThreadAsksByReason() throws Exception {
        SigningKey key = SigningKey.rsa("auth-metrics-key");
        try (JwksServer jwks = JwksServer.publishing(key.publicJwk())) {
            OAuthValidatorCallbackHandler handler = configuredHandler(Map.of(
                    "oauth.jwks.endpoint.uri", jwks.jwksUri().toString(),
                    "oauth.valid.issuer.uri", Claims.ISSUER, "oauth.valid.audience", Claims.AUDIENCE));
            try {
                double failed = count("METERED", OAUTH, "failed");
                // As Kafka names a network thread of listener METERED on node 1.
                onThread("data-plane-kafka-network-thread-1-METERED-SASL_SSL-2", () -> {
                    validate(handler, "not-a-jwt");
                    validate(handler, key.sign(Claims.valid().build()));   // accepted: counted by the principal builder
                });
                validate(handler, "still-not-a-jwt");   // this thread names no listener: the handler remembers it
                assertEquals(failed + 2, count("METERED", OAUTH, "failed"));
                assertEquals(1, ClaimgateMetrics.registry().find(AuthenticationMetrics.AUTHENTICATIONS)
                        .tags("listener", "METERED", "outcome", "failed").functionCounters().size(), "one reason");
            } finally {
                handler.close();
            }
        }
    }

    private static void onThread(String name, Runnable work) throws InterruptedException {
        Throwable[] failure = new Throwable[1];
        Thread thread = new Thread(() -> {
            try {
                work.run();
            } catch (Throwable t) {
                failure[0] = t;
            }
        }, name);
        thread.start();
        thread.join();
        if (failure[0] != null) {
            throw new AssertionError(failure[0]);
        }
    }

    @Test
    void everyAuthenticatedConnectionCountsAsASuccessOfItsListenerAndMechanism() {
        double before = count("OLD_WAY", "PLAINTEXT", "succeeded");
        OAuthPrincipalBuilder builder = new OAuthPrincipalBuilder();
        builder.configure(Map.of());
        builder.build(new PlaintextAuthenticationContext(InetAddress.getLoopbackAddress(), "OLD_WAY"));
        assertEquals(before + 1, count("OLD_WAY", "PLAINTEXT", "succeeded"));
    }
}
