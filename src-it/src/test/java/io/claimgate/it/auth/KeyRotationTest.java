package io.claimgate.it.auth;

import io.claimgate.it.Resources;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.SignedJWT;
import io.claimgate.it.BrokerLogOnFailure;
import io.claimgate.it.Clients;
import io.claimgate.it.EmbeddedIdp;
import io.claimgate.it.KafkaCluster;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The IdP rotates its signing key: tokens signed with the new key validate without a broker
 * restart. The first attempt with the new key is refused at once (UNKNOWN_KEY: the broker never
 * waits for the IdP while authenticating) and starts one background JWKS refresh; the client's next
 * attempt succeeds. The broker's periodic refresh is set to an hour so that only the on-demand
 * refresh can explain the success.
 */
@ExtendWith(BrokerLogOnFailure.class)
class KeyRotationTest {
    private static EmbeddedIdp idp;
    private static KafkaCluster cluster;

    @BeforeAll
    static void start() {
        idp = EmbeddedIdp.start();
        Map<String, String> options = ClaimgateBroker.validation(idp);
        options.put("oauth.jwks.refresh.seconds", "3600");
        cluster = KafkaCluster.start(ClaimgateBroker.spec("rotation", idp, options).build());
    }

    @AfterAll
    static void stop() {
        Resources.closeAll(cluster, idp);
    }

    /** As a client that reconnects after a refusal (as Kafka's clients do, after their backoff), for up to 15 s. */
    private static String clusterIdRetryingAs(String clientId, String secret) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (true) {
            try {
                return clusterIdAs(clientId, secret);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof SaslAuthenticationException refused)
                        || !refused.getMessage().contains("UNKNOWN_KEY") || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }

    private static String clusterIdAs(String clientId, String secret) throws Exception {
        try (Admin admin = Admin.create(Clients.admin(cluster.bootstrapServers(ClaimgateBroker.EXTERNAL),
                Clients.claimgateOAuth(idp, clientId, secret, Map.of())))) {
            return admin.describeCluster().clusterId().get();
        }
    }

    @Test
    void tokensSignedWithARotatedKeyValidateWithoutARestart() throws Exception {
        String before = clusterIdRetryingAs(EmbeddedIdp.CLIENT1, EmbeddedIdp.CLIENT1_SECRET);   // the other test may have rotated
        String oldKid = idp.currentKeyId();
        var pid = cluster.nodes().get(0).pid();

        String newKid = idp.rotateKey();
        idp.unpublishRetiredKeys();

        assertNotEquals(oldKid, newKid);
        assertEquals(before, clusterIdRetryingAs(EmbeddedIdp.CLIENT2, EmbeddedIdp.CLIENT2_SECRET));
        assertEquals(pid, cluster.nodes().get(0).pid(), "same broker process");
    }

    /**
     * An IdP moving from RSA to EC keys: once only the P-256 key is published, every successful
     * login is an ES256 token, verified in the broker by the shaded jar's ECDSA (Bouncy Castle,
     * relocated) rather than the JDK's.
     */
    @Test
    void anIdpMovingFromRsaToEcKeysNeedsNoRestart() throws Exception {
        String before = clusterIdRetryingAs(EmbeddedIdp.CLIENT1, EmbeddedIdp.CLIENT1_SECRET);   // the other test may have rotated
        var pid = cluster.nodes().get(0).pid();

        idp.rotateKey(JWSAlgorithm.ES256);
        idp.unpublishRetiredKeys();

        assertEquals(JWSAlgorithm.ES256, SignedJWT.parse(idp.issueToken(EmbeddedIdp.CLIENT2)).getHeader().getAlgorithm());
        assertEquals(before, clusterIdRetryingAs(EmbeddedIdp.CLIENT2, EmbeddedIdp.CLIENT2_SECRET));
        assertEquals(pid, cluster.nodes().get(0).pid(), "same broker process");
        idp.rotateKey(JWSAlgorithm.RS256);   // as the other test expects to start
    }
}
