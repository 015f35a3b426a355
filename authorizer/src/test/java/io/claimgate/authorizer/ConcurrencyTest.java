package io.claimgate.authorizer;

import static io.claimgate.authorizer.TestBroker.user;
import static org.apache.kafka.common.acl.AclOperation.READ;
import static org.apache.kafka.common.resource.ResourceType.TOPIC;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.common.Uuid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Request threads keep authorizing while the metadata thread adds and removes ACLs and the policy
 * file is swapped: no exception, and a grant that never changes is never lost.
 */
class ConcurrencyTest {
    @TempDir
    Path dir;

    @Test
    void decisionsStayConsistentWhileAclsAndPoliciesChange() throws Exception {
        try (TestBroker broker = TestBroker.withPolicy(dir, HotReloadTest.ORDERS,
                Map.of("claimgate.policy.reload.seconds", "0"))) {
            broker.allowAcl("User:carol", READ, TOPIC, "stable");
            AtomicBoolean stop = new AtomicBoolean();
            ExecutorService pool = Executors.newFixedThreadPool(5);
            List<Future<?>> readers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                readers.add(pool.submit(() -> {
                    while (!stop.get()) {
                        assertTrue(broker.allowed(user("carol"), READ, "stable"));
                        assertFalse(broker.allowed(user("mallory"), READ, "stable"));
                        broker.allowed(user("bob"), READ, "orders");
                    }
                    return null;
                }));
            }
            Future<?> writer = pool.submit(() -> {
                for (int i = 0; i < 300; i++) {
                    Uuid id = broker.allowAcl("User:dave", READ, TOPIC, "t-" + i);
                    if (i % 2 == 0) {
                        broker.authorizer.removeAcl(id);
                    }
                    if (i % 50 == 0) {
                        Files.writeString(dir.resolve("policies.yaml"), i % 100 == 0 ? HotReloadTest.AUDITS : HotReloadTest.ORDERS);
                        broker.authorizer.checkPolicyFileNow();
                    }
                }
                return null;
            });
            writer.get(60, TimeUnit.SECONDS);
            stop.set(true);
            for (Future<?> reader : readers) {
                reader.get(10, TimeUnit.SECONDS);
            }
            pool.shutdown();
            assertTrue(broker.allowed(user("dave"), READ, "t-299"));
            assertFalse(broker.allowed(user("dave"), READ, "t-298"));
        }
    }
}
