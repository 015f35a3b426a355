package io.claimgate.common.metrics;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * The Kafka cluster id and node id of the broker or controller a plugin runs in, the two tags
 * ({@value #CLUSTER_ID_TAG}, {@value #NODE_ID_TAG}) every claimgate meter of that JVM carries.
 *
 * <p>Read from the configuration Kafka hands a plugin's {@code configure()}: {@code node.id}, and
 * the cluster id from {@code meta.properties} in the metadata log directory ({@code metadata.log.dir},
 * else the first of {@code log.dirs}, else {@code log.dir}), which {@code kafka-storage format}
 * writes before a KRaft node can start. Plugins get this at {@code configure()}, before they
 * register a meter; Kafka's own notifications of the cluster id ({@code ClusterResourceListener},
 * the authorizer's {@code start()}) come later. Empty outside a broker or controller (clients,
 * Connect, REST Proxy).
 */
public final class NodeIdentity {
    public static final String CLUSTER_ID_TAG = "cluster_id";
    public static final String NODE_ID_TAG = "node_id";

    private static final String DEFAULT_LOG_DIR = "/tmp/kafka-logs";   // Kafka's default log.dir
    /** Kafka's cluster ids are base64url UUIDs; anything else is not used as a tag. */
    private static final Pattern CLUSTER_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final String clusterId;
    private final String nodeId;

    public NodeIdentity(String clusterId, String nodeId) {
        this.clusterId = clusterId;
        this.nodeId = nodeId;
    }

    public String clusterId() {
        return clusterId;
    }

    public String nodeId() {
        return nodeId;
    }

    public static Optional<NodeIdentity> fromBrokerConfig(Map<String, ?> configs) {
        Object nodeId = configs.get("node.id");
        if (nodeId == null || !nodeId.toString().trim().matches("\\d{1,10}")) {
            return Optional.empty();
        }
        return clusterId(metadataDirectory(configs))
                .map(clusterId -> new NodeIdentity(clusterId, nodeId.toString().trim()));
    }

    private static Path metadataDirectory(Map<String, ?> configs) {
        Object metadata = configs.get("metadata.log.dir");
        if (metadata != null && !metadata.toString().isBlank()) {
            return Path.of(metadata.toString().trim());
        }
        Object logDirs = configs.get("log.dirs");
        if (logDirs instanceof Iterable<?> && ((Iterable<?>) logDirs).iterator().hasNext()) {
            return Path.of(((Iterable<?>) logDirs).iterator().next().toString().trim());   // parsed (handler configs)
        }
        if (logDirs != null && !logDirs.toString().isBlank()) {
            return Path.of(logDirs.toString().split(",")[0].trim());
        }
        Object logDir = configs.get("log.dir");
        return Path.of(logDir == null || logDir.toString().isBlank() ? DEFAULT_LOG_DIR : logDir.toString().trim());
    }

    private static Optional<String> clusterId(Path directory) {
        Path file = directory.resolve("meta.properties");
        Properties meta = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            meta.load(reader);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();   // not a formatted Kafka node: no identity tags
        }
        String id = meta.getProperty("cluster.id");
        return id != null && CLUSTER_ID.matcher(id.trim()).matches() ? Optional.of(id.trim()) : Optional.empty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NodeIdentity && Objects.equals(clusterId, ((NodeIdentity) o).clusterId)
                && Objects.equals(nodeId, ((NodeIdentity) o).nodeId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(clusterId, nodeId);
    }

    @Override
    public String toString() {
        return "NodeIdentity[clusterId=" + clusterId + ", nodeId=" + nodeId + "]";
    }
}
