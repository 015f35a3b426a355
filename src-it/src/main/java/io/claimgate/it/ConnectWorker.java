package io.claimgate.it;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A real Kafka Connect worker, standalone ({@link #start}) or distributed ({@link #startDistributed}),
 * in a child JVM whose classpath is what a user deploys: connect-runtime 4.3.1 with its runtime,
 * connect-file, log4j2, and the shaded claimgate-broker jar (resource
 * {@code claimgate-it/connect.classpath}, written by the {@code claimgate-it-connect-classpath}
 * module). Its output goes to {@code connect.log} in its directory. {@link #close()} stops it;
 * {@link ChildProcesses} stops it if a test does not.
 */
public final class ConnectWorker implements AutoCloseable {
    static final String CLASSPATH_RESOURCE = "/claimgate-it/connect.classpath";
    private static final Duration STOP_GRACE = Duration.ofSeconds(15);
    /** Connect's log line for each completed rebalance; its assignment names the group's leader. */
    private static final Pattern JOINED = Pattern.compile(
            "Joined group at generation (\\d+) .*leaderUrl='([^']*)'");

    /** How the worker runs: its main class, and the log lines that together say it is ready. */
    private enum Mode {
        STANDALONE("org.apache.kafka.connect.cli.ConnectStandalone", List.of("INFO Kafka Connect started")),
        // A distributed worker's REST server is up before it has joined its group, and until then it
        // can serve no write; ready means it has also completed its first rebalance.
        DISTRIBUTED("org.apache.kafka.connect.cli.ConnectDistributed",
                List.of("INFO Kafka Connect started", "Joined group at generation "));

        final String main;
        final List<String> readyLines;

        Mode(String main, List<String> readyLines) {
            this.main = main;
            this.readyLines = readyLines;
        }
    }

    /**
     * One completed rebalance as the worker logged it.
     *
     * @param generation the group generation it joined
     * @param leaderUrl  the REST URL of the group's leader, which performs every write
     */
    public record GroupJoin(int generation, URI leaderUrl) {
    }

    private final Process process;
    private final URI restUri;
    private final Path log;
    private final Mode mode;

    private ConnectWorker(Process process, URI restUri, Path log, Mode mode) {
        this.process = process;
        this.restUri = restUri;
        this.log = log;
        this.mode = mode;
    }

    /**
     * Starts a standalone worker on a free loopback port and waits until Connect logs that it
     * started and its REST server answers (any HTTP status counts: with an authenticating extension
     * an anonymous probe gets 401). A worker that exits first fails the start with its log's tail.
     *
     * @param directory      where its properties, offsets file and log go (created)
     * @param bootstrap      the Kafka cluster's bootstrap servers (a PLAINTEXT listener)
     * @param extraProperties worker properties added after the kit's defaults
     */
    public static ConnectWorker start(Path directory, String bootstrap, Map<String, String> extraProperties,
                                      Duration timeout) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("offset.storage.file.filename", directory.resolve("offsets").toString());
        props.putAll(extraProperties);
        return launch(Mode.STANDALONE, directory, bootstrap, props, timeout);
    }

    /**
     * Starts a distributed worker ({@code connect.protocol} left at Connect's default,
     * {@code sessioned}: workers sign their internal requests) on a free loopback port, and waits as
     * {@link #start} does and, in addition, until it has joined its group. Workers started with
     * the same {@code groupId} and bootstrap servers form one Connect cluster; its internal topics
     * are {@code <groupId>-configs}, {@code -offsets} and {@code -status}.
     *
     * @param directory       where its properties and log go (created)
     * @param bootstrap       the Kafka cluster's bootstrap servers (a PLAINTEXT listener)
     * @param groupId         the Connect cluster's {@code group.id}
     * @param extraProperties worker properties added after the kit's defaults
     */
    public static ConnectWorker startDistributed(Path directory, String bootstrap, String groupId,
                                                 Map<String, String> extraProperties, Duration timeout) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("group.id", groupId);
        props.put("config.storage.topic", groupId + "-configs");
        props.put("offset.storage.topic", groupId + "-offsets");
        props.put("status.storage.topic", groupId + "-status");
        // -1: the broker's default.replication.factor, which the kit sizes to the cluster (1 for one broker).
        props.put("config.storage.replication.factor", "-1");
        props.put("offset.storage.replication.factor", "-1");
        props.put("status.storage.replication.factor", "-1");
        // Connect's defaults (25 and 5 partitions) only slow topic creation on a test broker.
        props.put("offset.storage.partitions", "1");
        props.put("status.storage.partitions", "1");
        props.putAll(extraProperties);
        return launch(Mode.DISTRIBUTED, directory, bootstrap, props, timeout);
    }

    private static ConnectWorker launch(Mode mode, Path directory, String bootstrap, Map<String, String> modeProperties,
                                        Duration timeout) {
        int port = FreePorts.allocate(1).get(0);
        URI rest = URI.create("http://127.0.0.1:" + port + "/");
        Map<String, String> props = new LinkedHashMap<>();
        props.put("bootstrap.servers", bootstrap);
        props.put("listeners", "http://127.0.0.1:" + port);
        props.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        props.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
        props.put("offset.flush.interval.ms", "1000");
        props.putAll(modeProperties);
        Path log = directory.resolve("connect.log");
        try {
            Files.createDirectories(directory);
            Path workerProperties = directory.resolve("worker.properties");
            StringBuilder text = new StringBuilder();
            props.forEach((k, v) -> text.append(k).append('=').append(v.replace("\\", "\\\\")).append('\n'));
            Files.writeString(workerProperties, text.toString(), StandardCharsets.UTF_8);
            Path log4j = directory.resolve("log4j2.xml");
            BrokerRuntime.writeLog4jConfig(log4j, Map.of("io.claimgate", "DEBUG",
                    "org.reflections", "ERROR", "org.apache.kafka.connect.runtime.isolation", "WARN"));
            List<String> command = new ArrayList<>();
            command.add(BrokerRuntime.javaBinary());
            command.addAll(KafkaClusterSpec.DEFAULT_JVM_OPTIONS);
            command.add("-Dlog4j2.configurationFile=" + log4j.toAbsolutePath());
            command.add("-Dclaimgate.it.parent.pid=" + ProcessHandle.current().pid());
            command.add("-cp");
            command.add(classpath());
            command.add(mode.main);
            command.add(workerProperties.toString());
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File(File.separatorChar == '\\' ? "NUL" : "/dev/null")))
                    .start();
            ChildProcesses.register(process);
            ConnectWorker worker = new ConnectWorker(process, rest, log, mode);
            try {
                worker.awaitReady(timeout);
            } catch (RuntimeException | Error e) {
                worker.close();
                throw e;
            }
            return worker;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code http://127.0.0.1:<port>/} */
    public URI restUri() {
        return restUri;
    }

    public Path log() {
        return log;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public ProcessHandle processHandle() {
        return process.toHandle();
    }

    /** The last {@code lines} lines of the worker's log, for failure messages. */
    public String logTail(int lines) {
        try (Stream<String> all = Files.lines(log, StandardCharsets.UTF_8)) {
            List<String> list = all.toList();
            return String.join("\n", list.subList(Math.max(0, list.size() - lines), list.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no log: " + e + ")";
        }
    }

    private void awaitReady(Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Connect worker exited with " + process.exitValue()
                        + " before its REST server answered; log tail:\n" + logTail(60));
            }
            // Connect's REST server answers before the REST extensions are configured (an
            // extension that fails stops the worker a moment later): ready means Connect has said
            // it started (and, distributed, joined its group), then the REST server answers.
            if (!loggedReady()) {
                sleep(200);
                continue;
            }
            try {
                http.send(HttpRequest.newBuilder(restUri).timeout(Duration.ofSeconds(2)).GET().build(),
                        HttpResponse.BodyHandlers.discarding());
                return;
            } catch (IOException e) {
                sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        throw new IllegalStateException("Connect worker was not ready (log lines " + mode.readyLines
                + ", then REST answering) within " + timeout + "; log tail:\n" + logTail(60));
    }

    /**
     * Whether the log has each of the mode's ready lines: Connect's "started" line, which follows
     * the REST extensions' set-up, and for a distributed worker its first join.
     */
    private boolean loggedReady() {
        try (Stream<String> lines = Files.lines(log, StandardCharsets.UTF_8)) {
            Set<String> missing = new HashSet<>(mode.readyLines);
            lines.forEach(line -> missing.removeIf(line::contains));
            return missing.isEmpty();
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
    }

    /**
     * The last rebalance this (distributed) worker completed, from its log; empty before the first.
     * Workers of one group agree on the leader once they report the same generation.
     */
    public Optional<GroupJoin> lastGroupJoin() {
        try (Stream<String> lines = Files.lines(log, StandardCharsets.UTF_8)) {
            return lines.map(JOINED::matcher).filter(Matcher::find).reduce((first, second) -> second)
                    .map(m -> new GroupJoin(Integer.parseInt(m.group(1)), URI.create(m.group(2))));
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty();
        }
    }

    static String classpath() {
        try (InputStream in = ConnectWorker.class.getResourceAsStream(CLASSPATH_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(CLASSPATH_RESOURCE + " is missing: build src-it/connect-classpath"
                        + " (mvn -pl src-it -am install -DskipTests)");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            for (String entry : text.split(File.pathSeparator)) {
                if (!Files.exists(Path.of(entry))) {
                    throw new IllegalStateException("Connect classpath entry does not exist: " + entry);
                }
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the worker (SIGTERM, then SIGKILL after a grace period). Idempotent. */
    @Override
    public void close() {
        ChildProcesses.stop(process, STOP_GRACE);
    }
}
