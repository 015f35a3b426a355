package io.claimgate.it;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Kafka client program in a child JVM whose classpath is an older kafka-clients release plus the
 * shaded claimgate-client jar, as an application on that release deploys claimgate: this test
 * JVM's kafka-clients is not on it. The releases are modules of
 * {@code src-it/older-clients}, each writing {@code claimgate-it/client-kafka-<version>.classpath};
 * the jar's path is in {@code claimgate-it/client-jar.classpath} (see src-it/pom.xml).
 *
 * <p>The program itself comes from {@code programClasses} (a test-classes directory): it must use
 * only API that the older release has. Its stdout is returned; its stderr (the client's log) is
 * kept in a file and shown when it fails.
 */
public final class ClientJvm {
    private static final Logger LOG = LoggerFactory.getLogger(ClientJvm.class);
    /** kafka-clients releases with a classpath resource here. */
    public static final List<String> OLDER_CLIENT_VERSIONS = List.of("3.7.2", "3.9.1");

    private ClientJvm() {
    }

    /** What the program printed, and how it ended. */
    public static final class Result {
        private final int exitCode;
        private final List<String> stdout;
        private final Path stderr;
        private final Duration elapsed;

        Result(int exitCode, List<String> stdout, Path stderr, Duration elapsed) {
            this.exitCode = exitCode;
            this.stdout = List.copyOf(stdout);
            this.stderr = stderr;
            this.elapsed = elapsed;
        }

        public int exitCode() {
            return exitCode;
        }

        public List<String> stdout() {
            return stdout;
        }

        /** The stdout lines that start with {@code prefix}, without it. */
        public List<String> linesAfter(String prefix) {
            List<String> out = new ArrayList<>();
            for (String line : stdout) {
                if (line.startsWith(prefix)) {
                    out.add(line.substring(prefix.length()));
                }
            }
            return out;
        }

        /** Exit code, stdout and the tail of the client's log, for an assertion message. */
        public String describe() {
            String log;
            try {
                List<String> lines = Files.readAllLines(stderr, StandardCharsets.UTF_8);
                log = String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
            } catch (IOException e) {
                log = "(no log: " + e + ")";
            }
            return "exit code " + exitCode + " after " + elapsed.toMillis() + " ms\nstdout:\n" + String.join("\n", stdout) + "\nlog tail:\n" + log;
        }
    }

    /** The shaded claimgate-client jar, the one users copy next to their kafka-clients. */
    public static Path clientJar() {
        List<String> entries = BrokerRuntime.readClasspathResource("/claimgate-it/client-jar.classpath");
        if (entries.size() != 1) {
            throw new IllegalStateException("expected the claimgate-client jar alone in claimgate-it/client-jar.classpath, got "
                    + entries);
        }
        return Path.of(entries.get(0));
    }

    /**
     * Runs {@code mainClass} to its end (at most {@code timeout}, then it is killed) on kafka-clients
     * {@code kafkaVersion}, with {@code systemProperties} and {@code args}.
     */
    public static Result run(String kafkaVersion, Path programClasses, String mainClass, Map<String, String> systemProperties,
                             List<String> args, Path workDir, Duration timeout) {
        Set<String> classpath = new LinkedHashSet<>(
                BrokerRuntime.readClasspathResource("/claimgate-it/client-kafka-" + kafkaVersion + ".classpath"));
        classpath.add(clientJar().toString());
        classpath.add(programClasses.toString());
        for (String entry : classpath) {
            if (!Files.exists(Path.of(entry))) {
                throw new IllegalStateException("client classpath entry does not exist: " + entry
                        + " (rebuild: mvn -pl src-it -am verify)");
            }
        }
        List<String> command = new ArrayList<>();
        command.add(BrokerRuntime.javaBinary());
        command.add("-Dclaimgate.it.parent.pid=" + ProcessHandle.current().pid());
        systemProperties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-cp");
        command.add(String.join(File.pathSeparator, classpath));
        command.add(mainClass);
        command.addAll(args);
        try {
            Files.createDirectories(workDir);
            Path stdout = Files.createTempFile(workDir, "client-" + kafkaVersion + "-", ".out");
            Path stderr = Files.createTempFile(workDir, "client-" + kafkaVersion + "-", ".log");
            long started = System.nanoTime();
            Process process = new ProcessBuilder(command)
                    .redirectOutput(stdout.toFile())
                    .redirectError(stderr.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File(File.separatorChar == '\\' ? "NUL" : "/dev/null")))
                    .start();
            ChildProcesses.register(process);
            int exit;
            if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                exit = process.exitValue();
                ChildProcesses.stop(process, Duration.ZERO);   // ended: only leaves the registry
            } else {
                ChildProcesses.stop(process, Duration.ofSeconds(5));
                exit = -1;
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            LOG.info("client JVM on kafka-clients {} ({} {}) ended with {} after {} ms", kafkaVersion, mainClass,
                    args.isEmpty() ? "" : args.get(0), exit, elapsed.toMillis());
            return new Result(exit, Files.readAllLines(stdout, StandardCharsets.UTF_8), stderr, elapsed);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the client JVM ran", e);
        }
    }
}
