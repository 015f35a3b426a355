package io.claimgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Three combined nodes with a static quorum, replication factor 3, and a node restart. Slow on a
 * 2-core machine, so off by default: {@code mvn -pl src-it verify -Dclaimgate.it.multiNode=true}.
 */
@ExtendWith(BrokerLogOnFailure.class)
@EnabledIfSystemProperty(named = "claimgate.it.multiNode", matches = "true")
class MultiNodeClusterTest {

    @Test
    void threeNodesReplicateAndSurviveARestart() throws Exception {
        List<ProcessHandle> processes;
        try (KafkaCluster cluster = KafkaCluster.start(KafkaClusterSpec.builder("three")
                .nodes(3).listener(ListenerSpec.plaintext("PLAIN")).build())) {
            processes = cluster.nodes().stream().map(BrokerNode::processHandle).collect(Collectors.toList());
            try (Admin admin = Admin.create(Clients.admin(cluster.bootstrapServers("PLAIN"), Clients.plaintext()))) {
                assertEquals(3, admin.describeCluster().nodes().get().size());
                admin.createTopics(List.of(new NewTopic("replicated", 1, (short) 3))).all().get();
                cluster.restartNode(2);
                TopicDescription topic = admin.describeTopics(Set.of("replicated")).allTopicNames().get().get("replicated");
                assertEquals(3, topic.partitions().get(0).replicas().size());
            }
        }
        processes.forEach(p -> assertFalse(p.isAlive(), "node JVM " + p.pid() + " alive after close"));
    }
}
