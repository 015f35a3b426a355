package io.claimgate.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
    private static final Duration FORMAT_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);
    private static final long POLL_MILLIS = 100;

    private final KafkaClusterSpec spec;
    /** The spec each node runs now: {@link #spec} until {@link #reconfigureNode} gives it another. */
    private final Map<Integer, KafkaClusterSpec> nodeSpecs = new ConcurrentHashMap<>();
    private final Path directory;
    private final String clusterId;
    private final List<BrokerNode> nodes;
    private final Map<Integer, List<String>> commands = new ConcurrentHashMap<>();
    private final Object lifecycle = new Object();
    private final ClusterLogs logs;
    /** {@code controller.quorum.voters}: fixed at start. */
    private final String voters;
    private volatile boolean closed;
    private volatile long startupMillis = -1;

    private KafkaCluster(KafkaClusterSpec spec, Path directory, String clusterId, List<BrokerNode> nodes, String voters) {
        this.spec = spec;
        this.voters = voters;
        this.directory = directory;
        this.clusterId = clusterId;
        this.nodes = List.copyOf(nodes);
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
        List<String> brokerListeners = spec.brokerListeners().stream().map(ListenerSpec::name).collect(Collectors.toList());
        int portsPerNode = 1 + brokerListeners.size();
        List<Integer> ports = FreePorts.allocate(spec.nodes() * portsPerNode);

        List<BrokerNode> nodes = new ArrayList<>();
        StringBuilder voters = new StringBuilder();
        for (int id = 1; id <= spec.nodes(); id++) {
            int base = (id - 1) * portsPerNode;
            Map<String, Integer> nodePorts = new LinkedHashMap<>();
            nodePorts.put(KafkaClusterSpec.CONTROLLER_LISTENER, ports.get(base));
            for (int i = 0; i < brokerListeners.size(); i++) {
                nodePorts.put(brokerListeners.get(i), ports.get(base + 1 + i));
            }
            nodes.add(new BrokerNode(id, directory.resolve("node-" + id), nodePorts));
            voters.append(voters.length() == 0 ? "" : ",").append(id).append("@127.0.0.1:").append(ports.get(base));
        }

        KafkaCluster cluster = new KafkaCluster(spec, directory, Uuid.randomUuid().toString(), nodes, voters.toString());
        OPEN.add(cluster);
        try {
            cluster.nodes.forEach(cluster::layOut);
            cluster.format();
            cluster.launch(brokerListeners);
        } catch (RuntimeException | Error e) {
            cluster.close();
            throw e;
        }
        cluster.startupMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin);
        LOG.info("Kafka cluster {} ({} node(s), id {}) ready in {} ms (JVM start to ready: {} ms); listeners {}; files in {}",
                spec.name(), spec.nodes(), cluster.clusterId, cluster.startupMillis,
                nodes.stream().map(n -> String.valueOf(n.startupMillis())).collect(Collectors.joining("/")),
                nodes.get(0).ports(), directory.toAbsolutePath());
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
            node.stop(STOP_GRACE);
            node.start(commands.get(id));
            awaitReady(List.of(node), listenerNames(nodeSpecs.get(id)));
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
            allocatePortsForNewListeners(newSpec);
            BrokerNode node = node(id);
            node.stop(STOP_GRACE);
            nodeSpecs.put(id, newSpec);
            layOut(node);
            node.start(commands.get(id));
            awaitReady(List.of(node), listenerNames(newSpec));
        }
    }

    private void allocatePortsForNewListeners(KafkaClusterSpec newSpec) {
        List<String> added = listenerNames(newSpec).stream()
                .filter(name -> !nodes.get(0).ports().containsKey(name)).collect(Collectors.toList());
        if (added.isEmpty()) {
            return;
        }
        List<Integer> ports = FreePorts.allocate(nodes.size() * added.size());
        for (int n = 0; n < nodes.size(); n++) {
            Map<String, Integer> more = new LinkedHashMap<>();
            for (int l = 0; l < added.size(); l++) {
                more.put(added.get(l), ports.get(n * added.size() + l));
            }
            nodes.get(n).addPorts(more);
        }
    }

    private static List<String> listenerNames(KafkaClusterSpec spec) {
        return spec.brokerListeners().stream().map(ListenerSpec::name).collect(Collectors.toList());
    }

    /** Stops node {@code id}, e.g. to test a cluster with a node down; {@link #restartNode} brings it back. */
    public void stopNode(int id) {
        synchronized (lifecycle) {
            ensureOpen();
            node(id).stop(STOP_GRACE);
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
        List<Thread> stoppers = new ArrayList<>();
        for (BrokerNode node : nodes) {
            Thread t = new Thread(() -> node.stop(STOP_GRACE), "stop-" + name() + "-node-" + node.id());
            t.start();
            stoppers.add(t);
        }
        for (Thread t : stoppers) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
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

    // ---- start-up steps ----

    /** Writes node's server.properties and log4j2.xml from its spec, and its command line. */
    private void layOut(BrokerNode node) {
        KafkaClusterSpec nodeSpec = nodeSpecs.get(node.id());
        String classpath = BrokerRuntime.classpath(nodeSpec.kafkaVersion(), nodeSpec.extraClasspath());
        try {
            Files.createDirectories(node.directory().resolve("data"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ServerProperties.write(node.serverProperties(), ServerProperties.forNode(
                nodeSpec, node.id(), node.ports(), voters, node.directory().resolve("data")));
        Path log4j = node.directory().resolve("log4j2.xml");
        BrokerRuntime.writeLog4jConfig(log4j, nodeSpec.loggerLevels());
        commands.put(node.id(), BrokerRuntime.command(nodeSpec, nodeSpec.nodeJvmOptions(node.id()), log4j, classpath,
                "kafka.Kafka", List.of(node.serverProperties().toAbsolutePath().toString())));
    }

    /** {@code kafka.tools.StorageTool format -t <id> -c server.properties --ignore-formatted}, all nodes in parallel. */
    private void format() {
        String classpath = BrokerRuntime.classpath(spec.kafkaVersion(), spec.extraClasspath());
        Map<BrokerNode, Process> running = new LinkedHashMap<>();
        for (BrokerNode node : nodes) {
            List<String> command = BrokerRuntime.command(spec, List.of(), node.directory().resolve("log4j2.xml"), classpath,
                    "kafka.tools.StorageTool", List.of("format", "-t", clusterId, "-c",
                            node.serverProperties().toAbsolutePath().toString(), "--ignore-formatted"));
            Path formatLog = node.directory().resolve("format.log");
            try {
                Process process = new ProcessBuilder(command).directory(node.directory().toFile())
                        .redirectErrorStream(true).redirectOutput(formatLog.toFile()).start();
                ChildProcesses.register(process);
                running.put(node, process);
            } catch (IOException e) {
                throw new UncheckedIOException("could not run the storage formatter for node " + node.id(), e);
            }
        }
        for (Map.Entry<BrokerNode, Process> entry : running.entrySet()) {
            BrokerNode node = entry.getKey();
            Process process = entry.getValue();
            Path formatLog = node.directory().resolve("format.log");
            boolean exited = waitFor(process, FORMAT_TIMEOUT);
            int code = ChildProcesses.stop(process, Duration.ofSeconds(1));
            if (!exited || code != 0) {
                throw new BrokerStartException("formatting storage of node " + node.id()
                        + (exited ? " failed with exit code " + code : " timed out after " + FORMAT_TIMEOUT),
                        formatLog, new LogFile(formatLog).tail(BrokerStartException.TAIL_LINES));
            }
        }
    }

    private void launch(List<String> listeners) {
        // All nodes first: in a multi-node quorum each waits for the others' votes.
        nodes.forEach(node -> node.start(commands.get(node.id())));
        awaitReady(nodes, listeners);
    }

    private void awaitReady(List<BrokerNode> waitingFor, List<String> listeners) {
        long deadline = System.nanoTime() + spec.startTimeout().toNanos();
        List<BrokerNode> pending = new ArrayList<>(waitingFor);
        while (!pending.isEmpty()) {
            pending.removeIf(node -> node.pollReady(listeners));
            if (pending.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new BrokerStartException("broker node " + pending.get(0).id() + " of cluster " + name()
                        + " not ready within " + spec.startTimeout() + " (no '" + BrokerNode.STARTED
                        + "' line, or a listener port not accepting connections)", pending.get(0));
            }
            sleep(POLL_MILLIS);
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("cluster " + name() + " is closed");
        }
    }

    private static boolean waitFor(Process process, Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public String toString() {
        return "KafkaCluster[" + name() + ", " + nodes + "]";
    }
}
