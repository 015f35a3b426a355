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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A real Kafka Connect worker in standalone mode, in a child JVM whose classpath is what a user
 * deploys: connect-runtime 4.3.1 with its runtime, connect-file, log4j2, and the shaded
 * claimgate-broker jar (resource {@code claimgate-it/connect.classpath}, written by the
 * {@code claimgate-it-connect-classpath} module). Its output goes to {@code connect.log} in its
 * directory. {@link #close()} stops it; {@link ChildProcesses} stops it if a test does not.
 */
public final class ConnectWorker implements AutoCloseable {
    static final String CLASSPATH_RESOURCE = "/claimgate-it/connect.classpath";
    private static final String MAIN = "org.apache.kafka.connect.cli.ConnectStandalone";
    private static final Duration STOP_GRACE = Duration.ofSeconds(15);

    private final Process process;
    private final URI restUri;
    private final Path log;

    private ConnectWorker(Process process, URI restUri, Path log) {
        this.process = process;
        this.restUri = restUri;
        this.log = log;
    }

    /**
     * Starts a worker on a free loopback port and waits until Connect logs that it started and its
     * REST server answers (any HTTP status counts: with an authenticating extension an anonymous
     * probe gets 401). A worker that exits first fails the start with its log's tail.
     *
     * @param directory      where its properties, offsets file and log go (created)
     * @param bootstrap      the Kafka cluster's bootstrap servers (a PLAINTEXT listener)
     * @param extraProperties worker properties added after the kit's defaults
     */
    public static ConnectWorker start(Path directory, String bootstrap, Map<String, String> extraProperties,
                                      Duration timeout) {
        int port = FreePorts.allocate(1).get(0);
        URI rest = URI.create("http://127.0.0.1:" + port + "/");
        Map<String, String> props = new LinkedHashMap<>();
        props.put("bootstrap.servers", bootstrap);
        props.put("listeners", "http://127.0.0.1:" + port);
        props.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        props.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
        props.put("offset.storage.file.filename", directory.resolve("offsets").toString());
        props.put("offset.flush.interval.ms", "1000");
        props.putAll(extraProperties);
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
            command.add(MAIN);
            command.add(workerProperties.toString());
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File(File.separatorChar == '\\' ? "NUL" : "/dev/null")))
                    .start();
            ChildProcesses.register(process);
            ConnectWorker worker = new ConnectWorker(process, rest, log);
            try {
                worker.awaitRest(timeout);
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

    private void awaitRest(Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Connect worker exited with " + process.exitValue()
                        + " before its REST server answered; log tail:\n" + logTail(60));
            }
            // Connect's REST server answers before the REST extensions are configured (an
            // extension that fails stops the worker a moment later): ready means Connect has said
            // it started, then the REST server answers.
            if (!started()) {
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
        throw new IllegalStateException("Connect worker's REST server did not answer within " + timeout
                + "; log tail:\n" + logTail(60));
    }

    /** Whether the log has Connect's "started" line, which follows the REST extensions' set-up. */
    private boolean started() {
        try (Stream<String> lines = Files.lines(log, StandardCharsets.UTF_8)) {
            return lines.anyMatch(line -> line.contains("INFO Kafka Connect started"));
        } catch (IOException | UncheckedIOException e) {
            return false;
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
