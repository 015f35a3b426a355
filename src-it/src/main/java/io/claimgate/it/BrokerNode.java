package io.claimgate.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * One combined broker+controller of a {@link KafkaCluster}: its directory, ports and child JVM.
 *
 * <p>Layout of {@code node-<id>/}: {@code server.properties}, {@code log4j2.xml},
 * {@code format.log} (storage formatting), {@code broker.log} (the broker's stdout and stderr),
 * {@code data/} (log.dirs and the metadata log). Thread-safe: the process handle and the (immutable)
 * port map are only replaced under the node's lock, and every other field is immutable.
 */
public final class BrokerNode {

    /** What KafkaRaftServer logs once startup is complete (KafkaBroker.STARTED_MESSAGE in 4.3.1). */
    static final Pattern STARTED = Pattern.compile("Kafka Server started");

    private final int id;
    private final Path directory;
    /** Grows when a reconfiguration adds a listener; a listener's port never changes. */
    private volatile Map<String, Integer> ports;
    private final LogFile brokerLog;
    private Process process;
    private long startedAtNanos;
    private long readyAfterMillis = -1;
    private long logScanOffset;
    private boolean startedLineSeen;

    BrokerNode(int id, Path directory, Map<String, Integer> ports) {
        this.id = id;
        this.directory = directory;
        this.ports = Collections.unmodifiableMap(new LinkedHashMap<>(ports));
        this.brokerLog = new LogFile(directory.resolve("broker.log"));
    }

    public int id() {
        return id;
    }

    /** {@code <cluster dir>/node-<id>}. */
    public Path directory() {
        return directory;
    }

    public Path brokerLog() {
        return brokerLog.path();
    }

    public Path serverProperties() {
        return directory.resolve("server.properties");
    }

    /** The port of a listener of this node (client listeners, {@code INTERNAL}, {@code CONTROLLER}). */
    public int port(String listener) {
        Integer port = ports.get(listener);
        if (port == null) {
            throw new IllegalArgumentException("node " + id + " has no listener " + listener + "; it has " + ports.keySet());
        }
        return port;
    }

    /** Every listener's port this node has had (a removed listener keeps its port, for re-adding). */
    public Map<String, Integer> ports() {
        return ports;
    }

    /** Ports for listeners this node did not have before (see {@link KafkaCluster#reconfigureNode}). */
    synchronized void addPorts(Map<String, Integer> more) {
        Map<String, Integer> copy = new LinkedHashMap<>(ports);
        more.forEach((listener, port) -> {
            if (copy.putIfAbsent(listener, port) != null) {
                throw new IllegalStateException("node " + id + " already has a port for " + listener);
            }
        });
        ports = Collections.unmodifiableMap(copy);
    }

    /** The pid of the broker JVM, empty before start. */
    public synchronized OptionalLong pid() {
        return process == null ? OptionalLong.empty() : OptionalLong.of(process.pid());
    }

    /** The broker JVM's process handle, to assert that it is gone after close. */
    public synchronized ProcessHandle processHandle() {
        if (process == null) {
            throw new IllegalStateException("node " + id + " was never started");
        }
        return process.toHandle();
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Milliseconds from launching the JVM to ready, or -1 if not (yet) ready. */
    public synchronized long startupMillis() {
        return readyAfterMillis;
    }

    public String logTail(int lines) {
        return brokerLog.tail(lines);
    }

    LogFile log() {
        return brokerLog;
    }

    /** Launches the JVM; stdout and stderr are appended to broker.log (kept across restarts). */
    synchronized void start(List<String> command) {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("node " + id + " is already running");
        }
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(brokerLog.path().toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(nullFile()));
        try {
            startedAtNanos = System.nanoTime();
            readyAfterMillis = -1;
            startedLineSeen = false;
            logScanOffset = brokerLog.size();
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start broker node " + id, e);
        }
        ChildProcesses.register(process);
    }

    /**
     * One readiness poll: ready once this start's part of broker.log shows {@link #STARTED} and
     * every given listener accepts TCP connections (the log line alone comes a moment before the
     * acceptors take connections on some paths; the port alone would accept before the broker is
     * unfenced). Throws {@link BrokerStartException} if the JVM has died.
     */
    synchronized boolean pollReady(List<String> listeners) {
        if (readyAfterMillis >= 0) {
            return true;
        }
        if (!process.isAlive()) {
            throw new BrokerStartException("broker node " + id + " exited with code " + process.exitValue()
                    + " before it was ready", this);
        }
        if (!startedLineSeen) {
            LogFile.Scan scan = brokerLog.scan(logScanOffset, STARTED);
            logScanOffset = scan.next();
            if (scan.match().isEmpty()) {
                return false;
            }
            startedLineSeen = true;
        }
        for (String listener : listeners) {
            if (!accepts(port(listener))) {
                return false;
            }
        }
        readyAfterMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAtNanos);
        return true;
    }

    /** Stops the JVM: SIGTERM, then SIGKILL after {@code grace}. Returns its exit code (-1 if unknown). */
    synchronized int stop(Duration grace) {
        if (process == null) {
            return -1;
        }
        return ChildProcesses.stop(process, grace);
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static java.io.File nullFile() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    @Override
    public String toString() {
        return "node-" + id + ports;
    }
}
