package io.claimgate.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real KRaft Kafka cluster, each node a child JVM started from the Maven-resolved Kafka jars plus
 * the shaded claimgate-broker jar, exactly as users deploy it.
 *
 * <pre>{@code
 * try (KafkaCluster cluster = KafkaCluster.start(KafkaClusterSpec.builder("smoke")
 *         .listener(ListenerSpec.plaintext("EXTERNAL")).build())) {
 *     String bootstrap = cluster.bootstrapServers("EXTERNAL");
 * }
 * }</pre>
 *
 * <p>Files live in {@code target/kafka-clusters/<name>-<timestamp>/node-<id>/} (see
 * {@link BrokerNode}) and stay after close for post-mortems (data directories are deleted unless
 * the spec says otherwise). Thread-safe. {@link #close()} stops only this cluster's processes,
 * by pid; a JVM shutdown hook stops any node still running when the test JVM exits.
 */
public final class KafkaCluster implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaCluster.class);
    private static final Set<KafkaCluster> OPEN = ConcurrentHashMap.newKeySet();

    private final KafkaClusterSpec spec;
    /** The spec each node runs now: {@link #spec} until {@link #reconfigureNode} gives it another. */
    private final Map<Integer, KafkaClusterSpec> nodeSpecs = new ConcurrentHashMap<>();
    private final Path directory;
    private final String clusterId;
    private final NodeProcesses processes;
    private final List<BrokerNode> nodes;
    private final Object lifecycle = new Object();
    private final ClusterLogs logs;
    private volatile boolean closed;
    private volatile long startupMillis = -1;

    private KafkaCluster(KafkaClusterSpec spec, Path directory, String clusterId, NodeProcesses processes) {
        this.spec = spec;
        this.directory = directory;
        this.clusterId = clusterId;
        this.processes = processes;
        this.nodes = processes.nodes();
        this.logs = new ClusterLogs(spec.name(), this.nodes);
        this.nodes.forEach(node -> nodeSpecs.put(node.id(), spec));
    }

    /**
     * Lays out, formats and starts every node, and returns once all are ready (see
     * {@link BrokerNode#pollReady}). On failure every process already started is stopped and a
     * {@link BrokerStartException} carrying the broker log's tail is thrown.
     */
    public static KafkaCluster start(KafkaClusterSpec spec) {
        long begin = System.nanoTime();
        Path directory = ClusterDirectory.create(spec);
        String clusterId = Uuid.randomUuid().toString();
        KafkaCluster cluster = new KafkaCluster(spec, directory, clusterId, NodeProcesses.allocate(spec, directory, clusterId));
        OPEN.add(cluster);
        try {
            cluster.nodes.forEach(node -> cluster.processes.layOut(node, spec));
            cluster.processes.format(spec);
            cluster.processes.start(cluster.nodes, NodeProcesses.listenerNames(spec), spec.startTimeout());
        } catch (RuntimeException | Error e) {
            cluster.close();
            throw e;
        }
        cluster.startupMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin);
        LOG.info("Kafka cluster {} ({} node(s), id {}) ready in {} ms (JVM start to ready: {} ms); listeners {}; files in {}",
                spec.name(), spec.nodes(), cluster.clusterId, cluster.startupMillis,
                cluster.nodes.stream().map(n -> String.valueOf(n.startupMillis())).collect(Collectors.joining("/")),
                cluster.nodes.get(0).ports(), directory.toAbsolutePath());
        return cluster;
    }

    /** Clusters started and not yet closed in this JVM (for {@link BrokerLogOnFailure}). */
    static Set<KafkaCluster> open() {
        return Set.copyOf(OPEN);
    }

    public String name() {
        return spec.name();
    }

    /** The spec the cluster was started with. */
    public KafkaClusterSpec spec() {
        return spec;
    }

    /** The spec node {@code id} runs now: {@link #spec()}, or the last one given to {@link #reconfigureNode}. */
    public KafkaClusterSpec nodeSpec(int id) {
        node(id);
        return nodeSpecs.get(id);
    }

    public String clusterId() {
        return clusterId;
    }

    /** {@code target/kafka-clusters/<name>-<timestamp>}. */
    public Path directory() {
        return directory;
    }

    public List<BrokerNode> nodes() {
        return nodes;
    }

    public BrokerNode node(int id) {
        return nodes.stream().filter(n -> n.id() == id).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no node " + id + " in cluster " + name()));
    }

    /** {@code 127.0.0.1:<port>} of every node for that listener, comma-separated. */
    public String bootstrapServers(String listener) {
        return nodes.stream().map(n -> "127.0.0.1:" + n.port(listener)).collect(Collectors.joining(","));
    }

    /** Wall time of {@link #start}: layout, storage format and broker start until ready. */
    public long startupMillis() {
        return startupMillis;
    }

    /** Node 1's broker.log (stdout and stderr of its JVM). */
    public Path brokerLog() {
        return nodes.get(0).brokerLog();
    }

    /** The last {@code lines} lines of every node's broker log, each under a header naming the file. */
    public String logTail(int lines) {
        return logs.tail(lines);
    }

    /** The current end of every node's log, to await only lines written after this point. */
    public LogMark mark() {
        return logs.mark();
    }

    /** Waits for a line matching {@code pattern} anywhere in any node's broker log. */
    public String awaitLogLine(Pattern pattern, Duration timeout) {
        return awaitLogLine(logs.start(), pattern, timeout);
    }

    /**
     * Waits for a line matching {@code pattern} (found with {@code Matcher.find}) written to any
     * node's broker log after {@code since}; returns the line. Fails with an {@link AssertionError}
     * carrying the logs' tails on timeout, so it reads as a test assertion.
     */
    public String awaitLogLine(LogMark since, Pattern pattern, Duration timeout) {
        return awaitLogLines(since, pattern, 1, timeout).get(0);
    }

    /**
     * Waits for {@code count} lines matching {@code pattern} written after {@code since}, counted
     * over all nodes' broker logs; returns them. E.g. a node running both roles has two authorizer
     * instances (the broker's and the controller's), each of which logs its own reload.
     */
    public List<String> awaitLogLines(LogMark since, Pattern pattern, int count, Duration timeout) {
        return logs.await(since, pattern, count, timeout);
    }

    /**
     * Every line matching {@code pattern} (found with {@code Matcher.find}) that the nodes wrote
     * between two marks, node by node; does not wait. E.g. the decision-log lines of one phase.
     */
    public List<String> logLines(LogMark since, LogMark until, Pattern pattern) {
        return logs.between(since, until, pattern);
    }

    /** Stops node {@code id} (SIGTERM, then SIGKILL after a grace period) and starts it again. */
    public void restartNode(int id) {
        synchronized (lifecycle) {
            ensureOpen();
            BrokerNode node = node(id);
            processes.stop(node);
            processes.start(List.of(node), NodeProcesses.listenerNames(nodeSpecs.get(id)), spec.startTimeout());
        }
    }

    /**
     * One step of a rolling restart that changes the configuration: stops node {@code id}
     * (SIGTERM: controlled shutdown), rewrites its server.properties, log4j2.xml and command line
     * from {@code newSpec}, starts it and waits until it is ready on {@code newSpec}'s listeners.
     * The other nodes keep running with what they have ({@link #nodeSpec}).
     *
     * <p>Listeners may be added and removed, broker properties, system properties, logger levels and
     * JVM options changed. A listener new to the cluster gets a port on every node at once (so
     * {@link #bootstrapServers} names all nodes, including those not yet rolled); a listener keeps
     * its port for the life of the cluster, also when removed and added again. The number of nodes,
     * the inter-broker listener's name and the Kafka release cannot change (the quorum and the
     * storage were laid out for them).
     */
    public void reconfigureNode(int id, KafkaClusterSpec newSpec) {
        synchronized (lifecycle) {
            ensureOpen();
            if (newSpec.nodes() != spec.nodes()
                    || !newSpec.interBrokerListener().name().equals(spec.interBrokerListener().name())
                    || !newSpec.kafkaVersion().equals(spec.kafkaVersion())) {
                throw new IllegalArgumentException("a reconfiguration keeps the number of nodes, the inter-broker"
                        + " listener's name and the Kafka release; " + spec + " vs " + newSpec);
            }
            processes.allocatePortsForNewListeners(newSpec);
            BrokerNode node = node(id);
            processes.stop(node);
            nodeSpecs.put(id, newSpec);
            processes.layOut(node, newSpec);
            processes.start(List.of(node), NodeProcesses.listenerNames(newSpec), spec.startTimeout());
        }
    }

    /** Stops node {@code id}, e.g. to test a cluster with a node down; {@link #restartNode} brings it back. */
    public void stopNode(int id) {
        synchronized (lifecycle) {
            ensureOpen();
            processes.stop(node(id));
        }
    }

    /**
     * Stops every node by its pid, in parallel: SIGTERM (controlled shutdown), SIGKILL after 20 s.
     * Idempotent. Deletes the data directories if the spec says so; logs and configs stay.
     */
    @Override
    public void close() {
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
        }
        processes.stopAll();
        OPEN.remove(this);
        if (spec.deleteDataOnClose()) {
            nodes.forEach(n -> ClusterDirectory.deleteRecursively(n.directory().resolve("data")));
        }
        LOG.info("Kafka cluster {} stopped; logs in {}", name(), directory.toAbsolutePath());
    }

    /** Byte offsets into every node's broker log; see {@link #mark()}. */
    public record LogMark(Map<Integer, Long> offsets) {
        public LogMark {
            offsets = Map.copyOf(offsets);
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("cluster " + name() + " is closed");
        }
    }

    @Override
    public String toString() {
        return "KafkaCluster[" + name() + ", " + nodes + "]";
    }
}
