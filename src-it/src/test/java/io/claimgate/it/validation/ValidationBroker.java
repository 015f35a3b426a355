package io.claimgate.it.validation;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.claimgate.it.Clients;
import io.claimgate.it.EmbeddedIdp;
import io.claimgate.it.KafkaCluster;
import io.claimgate.it.KafkaClusterSpec;
import io.claimgate.it.ListenerSpec;
import io.claimgate.it.PresentedTokenLoginHandler;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.errors.SaslAuthenticationException;

/** Shared pieces of the validation tests: a broker with claimgate's validator on EXTERNAL, and clients. */
final class ValidationBroker {
    static final String EXTERNAL = "EXTERNAL";
    static final String VALIDATOR = "io.claimgate.server.OAuthValidatorCallbackHandler";
    static final String PRINCIPAL_BUILDER = "io.claimgate.server.OAuthPrincipalBuilder";

    private ValidationBroker() {
    }

    static KafkaClusterSpec.Builder spec(String name, Map<String, String> validationOptions, String allowedUrls) {
        return KafkaClusterSpec.builder(name)
                .listener(ListenerSpec.oauthBearer(EXTERNAL, VALIDATOR, validationOptions))
                .brokerProperty("principal.builder.class", PRINCIPAL_BUILDER)
                .systemProperty(Clients.ALLOWED_URLS_PROPERTY, allowedUrls)
                .loggerLevel("io.claimgate", "INFO")
                .loggerLevel("io.claimgate.server.OAuthValidatorCallbackHandler", "DEBUG");
    }

    /** The cluster id as seen by a client with these security settings: proves it authenticated. */
    static String clusterId(KafkaCluster cluster, Properties security) throws Exception {
        return clusterId(cluster, EXTERNAL, security);
    }

    /** The same through another listener. */
    static String clusterId(KafkaCluster cluster, String listener, Properties security) throws Exception {
        try (Admin admin = Admin.create(Clients.admin(cluster.bootstrapServers(listener), security))) {
            return admin.describeCluster().clusterId().get(20, TimeUnit.SECONDS);
        }
    }

    /** A fresh client of {@code idp} (so a fresh token) authenticating with claimgate's login handler. */
    static String clusterIdAs(KafkaCluster cluster, EmbeddedIdp idp, String clientId, String secret) throws Exception {
        return clusterId(cluster, Clients.claimgateOAuth(idp, clientId, secret, Map.of()));
    }

    /** The broker's refusal of exactly this token, as the client sees it. */
    static SaslAuthenticationException refused(KafkaCluster cluster, String token) {
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> clusterId(cluster, PresentedTokenLoginHandler.security(token)));
        return assertInstanceOf(SaslAuthenticationException.class, e.getCause());
    }

    static String get(String uri) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(uri)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(uri + " answered " + response.statusCode());
        }
        return response.body();
    }

    static void waitUntil(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + timeout);
            }
            Thread.sleep(200);
        }
    }

    /** Whether a fresh client of {@code idp} authenticates; false on a SASL refusal. */
    static boolean authenticates(KafkaCluster cluster, EmbeddedIdp idp, String clientId, String secret) {
        try {
            clusterIdAs(cluster, idp, clientId, secret);
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
