package io.claimgate.it.rollout;

import io.claimgate.it.BrokerNode;
import io.claimgate.it.KafkaCluster;
import io.claimgate.it.KafkaClusterSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;

/**
 * A rolling restart as ROLLOUT.md describes it: one node at a time, and the next only once every
 * partition (internal topics included) has all its replicas in sync again and the applications'
 * traffic has moved on, so that at most one replica of anything is ever down.
 */
final class RollingRestart {
    private static final Duration IN_SYNC_TIMEOUT = Duration.ofSeconds(90);

    private RollingRestart() {
    }

    /** @param trafficFlows waits until the applications made progress (throws if they do not) */
    static void roll(KafkaCluster cluster, KafkaClusterSpec target, Admin admin, Checkpoint trafficFlows)
            throws Exception {
        for (BrokerNode node : cluster.nodes()) {
            cluster.reconfigureNode(node.id(), target);
            awaitAllInSync(admin);
            trafficFlows.run();
        }
    }

    /** Every partition's ISR is its full replica set: Kafka's UnderReplicatedPartitions is 0 on every node. */
    static void awaitAllInSync(Admin admin) throws Exception {
        long deadline = System.nanoTime() + IN_SYNC_TIMEOUT.toNanos();
        List<String> lagging;
        do {
            lagging = new ArrayList<>();
            Map<String, TopicDescription> described;
            try {
                Set<String> topics = admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get();
                described = admin.describeTopics(topics).allTopicNames().get();
            } catch (ExecutionException e) {
                lagging.add("(describe failed: " + e.getCause() + ")");   // e.g. a leader moving; ask again
                Thread.sleep(200);
                continue;
            }
            for (TopicDescription topic : described.values()) {
                for (TopicPartitionInfo partition : topic.partitions()) {
                    if (partition.isr().size() < partition.replicas().size()) {
                        lagging.add(topic.name() + "-" + partition.partition());
                    }
                }
            }
            if (lagging.isEmpty()) {
                return;
            }
            Thread.sleep(200);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("partitions not back in sync within " + IN_SYNC_TIMEOUT + ": " + lagging);
    }

    interface Checkpoint {
        void run() throws Exception;
    }
}
