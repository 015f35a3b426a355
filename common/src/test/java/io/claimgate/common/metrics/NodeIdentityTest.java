package io.claimgate.common.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cluster id and node id tags: read from a formatted node's meta.properties and node.id. */
class NodeIdentityTest {
    @TempDir
    Path dir;

    private Path formatted(String name, String clusterId) throws Exception {
        Path data = Files.createDirectories(dir.resolve(name));
        Files.writeString(data.resolve("meta.properties"), "#\nnode.id=3\ndirectory.id=x\nversion=1\ncluster.id="
                + clusterId + "\n");
        return data;
    }

    @Test
    void brokerConfigurationAsKafkaHandsItToPlugins() throws Exception {
        Path data = formatted("data", "MkU3OEVBNTcwNTJENDM2Qk");
        // originals (authorizer): strings
        assertEquals(Optional.of(new NodeIdentity("MkU3OEVBNTcwNTJENDM2Qk", "3")),
                NodeIdentity.fromBrokerConfig(Map.of("node.id", "3", "log.dirs", data + ",/elsewhere")));
        // parsed values (callback handlers, principal builder): Integer and List
        assertEquals(Optional.of(new NodeIdentity("MkU3OEVBNTcwNTJENDM2Qk", "3")),
                NodeIdentity.fromBrokerConfig(Map.of("node.id", 3, "log.dirs", List.of(data.toString()))));
        Path metadata = formatted("metadata", "OtherClusterId0000000A");
        assertEquals("OtherClusterId0000000A", NodeIdentity.fromBrokerConfig(Map.of("node.id", "3",
                "log.dirs", data.toString(), "metadata.log.dir", metadata.toString())).orElseThrow().clusterId());
    }

    @Test
    void withoutANodeIdOrAFormattedDirectoryThereIsNoIdentity() throws Exception {
        Path data = formatted("data", "MkU3OEVBNTcwNTJENDM2Qk");
        assertTrue(NodeIdentity.fromBrokerConfig(Map.of("log.dirs", data.toString())).isEmpty(), "a client");
        assertTrue(NodeIdentity.fromBrokerConfig(Map.of("node.id", "1", "log.dirs", dir.resolve("none").toString()))
                .isEmpty(), "not formatted");
        Path odd = formatted("odd", "a,b=c");
        assertTrue(NodeIdentity.fromBrokerConfig(Map.of("node.id", "1", "log.dirs", odd.toString())).isEmpty(),
                "not a Kafka cluster id");
    }

    @Test
    void everyMeterRegisteredAfterwardsCarriesBothTags() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        assertTrue(ClaimgateMetrics.identify(registry, new NodeIdentity("MkU3OEVBNTcwNTJENDM2Qk", "3")));
        Counter counter = Counter.builder("authorizer.decisions").tag("result", "allowed").register(registry);
        assertEquals("MkU3OEVBNTcwNTJENDM2Qk", counter.getId().getTag(NodeIdentity.CLUSTER_ID_TAG));
        assertEquals("3", counter.getId().getTag(NodeIdentity.NODE_ID_TAG));
        assertEquals("allowed", counter.getId().getTag("result"));
    }
}
