package io.claimgate.it.validation;

import io.claimgate.it.Resources;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.claimgate.it.BrokerLogOnFailure;
import io.claimgate.it.Clients;
import io.claimgate.it.EmbeddedIdp;
import io.claimgate.it.KafkaCluster;
import io.claimgate.it.PresentedTokenLoginHandler;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * KIP-368 session expiry with {@code connections.max.reauth.ms} set on the broker (10 minutes
 * here): the session lifetime the broker enforces is bounded by the token's {@code exp}, so with
 * short-lived tokens a client that refreshes its token re-authenticates seamlessly on the same
 * connection, and a client holding a static token that expires is cut off and cannot continue.
 */
@ExtendWith(BrokerLogOnFailure.class)
class SessionExpiryTest {
    private static EmbeddedIdp idp;
    private static KafkaCluster cluster;

    @BeforeAll
    static void start() {
        idp = EmbeddedIdp.start();
        Map<String, String> options = new LinkedHashMap<>();
        options.put("oauth.jwks.endpoint.uri", idp.jwksUri());
        options.put("oauth.valid.issuer.uri", idp.issuerUri());
        options.put("oauth.valid.audience", EmbeddedIdp.DEFAULT_AUDIENCE);
        options.put("oauth.username.claim", "client_id,sub");
        options.put("oauth.clock.skew.seconds", "0");
        cluster = KafkaCluster.start(ValidationBroker.spec("session-expiry", options, idp.allowedUrls())
                .brokerProperty("connections.max.reauth.ms", "600000")
                .build());
    }

    @AfterAll
    static void stop() {
        Resources.closeAll(cluster, idp);
    }

    @Test
    void aClientRefreshingItsTokenReauthenticatesSeamlessly() throws Exception {
        idp.setTokenLifetime(Duration.ofSeconds(6));
        Properties security = Clients.claimgateOAuth(idp, EmbeddedIdp.CLIENT1, EmbeddedIdp.CLIENT1_SECRET, Map.of());
        // Kafka's login refresh defaults (60 s minimum period, 300 s buffer) assume long-lived tokens.
        security.put("sasl.login.refresh.min.period.seconds", "1");
        security.put("sasl.login.refresh.buffer.seconds", "1");
        int tokensBefore = idp.tokenRequestCount(EmbeddedIdp.CLIENT1);
        var mark = cluster.mark();
        try (Admin admin = Admin.create(Clients.admin(cluster.bootstrapServers(ValidationBroker.EXTERNAL), security))) {
            String clusterId = admin.describeCluster().clusterId().get(20, TimeUnit.SECONDS);
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(16);
            while (System.nanoTime() < end) {   // well past the first tokens' expiry
                assertEquals(clusterId, admin.describeCluster().clusterId().get(20, TimeUnit.SECONDS));
                Thread.sleep(500);
            }
        } finally {
            idp.setTokenLifetime(Duration.ofMinutes(5));
        }
        assertTrue(idp.tokenRequestCount(EmbeddedIdp.CLIENT1) - tokensBefore >= 3, "the client refreshed its token");
        assertTrue(cluster.logTail(5000).lines().skip(0).noneMatch(l -> l.contains("rejected a token: EXPIRED")
                && l.contains("principal=client1")), "no session ran on an expired token");
        cluster.awaitLogLine(mark, Pattern.compile("accepted a token for principal client1"), Duration.ofSeconds(1));
    }

    @Test
    void aClientWithAStaticTokenIsCutOffWhenItExpires() throws Exception {
        String token = idp.issueToken(EmbeddedIdp.CLIENT2, Map.of(), Duration.ofSeconds(5));
        var mark = cluster.mark();
        try (Admin admin = Admin.create(Clients.admin(cluster.bootstrapServers(ValidationBroker.EXTERNAL),
                PresentedTokenLoginHandler.security(token)))) {
            admin.describeCluster().clusterId().get(20, TimeUnit.SECONDS);

            cluster.awaitLogLine(mark, Pattern.compile("rejected a token: EXPIRED"), Duration.ofSeconds(30));
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> admin.describeCluster().clusterId().get(20, TimeUnit.SECONDS));
            assertInstanceOf(SaslAuthenticationException.class, e.getCause(), e.toString());
        }
    }
}
