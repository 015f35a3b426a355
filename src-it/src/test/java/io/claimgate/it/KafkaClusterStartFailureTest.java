package io.claimgate.it;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A broker that cannot start is reported quickly, with the reason from its log, and leaves no process. */
class KafkaClusterStartFailureTest {

    @Test
    void aBrokerThatDiesAtStartFailsFastWithItsLogTail() {
        long begin = System.nanoTime();
        BrokerStartException e = assertThrows(BrokerStartException.class, () -> KafkaCluster.start(
                KafkaClusterSpec.builder("bad-plugin")
                        .listener(ListenerSpec.oauthBearer("EXTERNAL", "io.claimgate.it.NoSuchCallbackHandler", Map.of()))
                        .startTimeout(Duration.ofSeconds(60))
                        .build()));
        Duration took = Duration.ofNanos(System.nanoTime() - begin);
        assertTrue(e.getMessage().contains("exited with code"), e.getMessage());
        assertTrue(e.logTail().contains("io.claimgate.it.NoSuchCallbackHandler"), e.logTail());
        assertTrue(took.compareTo(Duration.ofSeconds(30)) < 0, "early death detected, not the timeout: " + took);
        assertTrue(KafkaCluster.open().stream().noneMatch(c -> c.name().equals("bad-plugin")), "a failed cluster is closed");
    }
}
