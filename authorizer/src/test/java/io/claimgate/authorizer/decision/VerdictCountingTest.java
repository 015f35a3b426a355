package io.claimgate.authorizer.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.ThreadMXBean;
import io.claimgate.authorizer.config.AuthorizerMode;
import io.claimgate.authorizer.metrics.AuthorizerMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.server.authorizer.AuthorizationResult;
import org.junit.jupiter.api.Test;

/**
 * Counting a cached verdict on the request path: per-topic counters are resolved at the first
 * telling, and every later one allocates nothing (a byte count, not a timing).
 */
class VerdictCountingTest {
    private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();

    @Test
    void countingACachedVerdictOnAKnownTopicAllocatesNothing() {
        AuthorizerMetrics metrics = AuthorizerMetrics.on(new SimpleMeterRegistry());   // this test's own meters
        Verdict allowed = Verdict.of(Decision.allow("test"), AuthorizerMode.ENFORCE, AclOperation.READ,
                ResourceType.TOPIC, "verdict-alloc-topic", metrics);
        Verdict denied = Verdict.of(Decision.deny("test", true), AuthorizerMode.ENFORCE, AclOperation.WRITE,
                ResourceType.TOPIC, "verdict-alloc-topic", metrics);
        for (int i = 0; i < 20_000; i++) {   // resolve the counters; let the JIT settle
            allowed.count(true);
            denied.count(true);
        }
        long before = THREADS.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 100_000; i++) {
            allowed.count(true);
            denied.count(true);
        }
        long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
        // A few hundred bytes of measuring noise at most; one object per decision would be >= 1.6 MB.
        assertTrue(allocated < 16_000, allocated + " bytes for 200000 counted decisions");
        assertEquals(AuthorizationResult.DENIED, denied.count(true));
        assertEquals(120_001, metrics.topic("verdict-alloc-topic").decisions(false, AclOperation.WRITE).sum());
    }
}
