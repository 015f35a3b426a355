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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The node JVMs of one {@link KafkaCluster}: which ports each node listens on, the files and the
 * command line each node runs from its spec, storage formatting, start, waiting until ready, and
 * stop by pid. {@link KafkaCluster} decides when (start, restart, rolling reconfiguration, close);
 * this class knows how. Thread-safe for the cluster's use (its lifecycle lock serialises changes).
 */
final class NodeProcesses {
    private static final Duration FORMAT_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);
    private static final long POLL_MILLIS = 100;

    private final String clusterName;
    private final String clusterId;
    private final List<BrokerNode> nodes;
    /** {@code controller.quorum.voters}: fixed at start. */
    private final String voters;
    private final Map<Integer, List<String>> commands = new ConcurrentHashMap<>();

    private NodeProcesses(String clusterName, String clusterId, List<BrokerNode> nodes, String voters) {
        this.clusterName = clusterName;
        this.clusterId = clusterId;
        this.nodes = List.copyOf(nodes);
        this.voters = voters;
    }

    /**
     * One node per {@code spec.nodes()}, in {@code directory/node-<id>}, each with a free port for the
     * controller and for every broker listener of the spec.
     */
    static NodeProcesses allocate(KafkaClusterSpec spec, Path directory, String clusterId) {
        List<String> brokerListeners = listenerNames(spec);
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
        return new NodeProcesses(spec.name(), clusterId, nodes, voters.toString());
    }

    List<BrokerNode> nodes() {
        return nodes;
    }

    static List<String> listenerNames(KafkaClusterSpec spec) {
        return spec.brokerListeners().stream().map(ListenerSpec::name).collect(Collectors.toList());
    }

    /**
     * A listener new to the cluster gets a port on every node at once (so bootstrap servers name all
     * nodes, including those not yet rolled); a listener keeps its port for the life of the cluster.
     */
    void allocatePortsForNewListeners(KafkaClusterSpec newSpec) {
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

    /** Writes node's server.properties and log4j2.xml from {@code nodeSpec}, and its command line. */
    void layOut(BrokerNode node, KafkaClusterSpec nodeSpec) {
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
    void format(KafkaClusterSpec spec) {
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

    /** Starts {@code which} (all at once: in a multi-node quorum each waits for the others' votes) and waits until ready. */
    void start(List<BrokerNode> which, List<String> listeners, Duration timeout) {
        which.forEach(node -> node.start(commands.get(node.id())));
        awaitReady(which, listeners, timeout);
    }

    /** Stops node (SIGTERM: controlled shutdown, then SIGKILL after a grace period). */
    void stop(BrokerNode node) {
        node.stop(STOP_GRACE);
    }

    /** Stops every node by its pid, in parallel. */
    void stopAll() {
        List<Thread> stoppers = new ArrayList<>();
        for (BrokerNode node : nodes) {
            Thread t = new Thread(() -> node.stop(STOP_GRACE), "stop-" + clusterName + "-node-" + node.id());
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
    }

    private void awaitReady(List<BrokerNode> waitingFor, List<String> listeners, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<BrokerNode> pending = new ArrayList<>(waitingFor);
        while (!pending.isEmpty()) {
            pending.removeIf(node -> node.pollReady(listeners));
            if (pending.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new BrokerStartException("broker node " + pending.get(0).id() + " of cluster " + clusterName
                        + " not ready within " + timeout + " (no '" + BrokerNode.STARTED
                        + "' line, or a listener port not accepting connections)", pending.get(0));
            }
            sleep(POLL_MILLIS);
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
}
