package io.claimgate.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which of a broker's threads serve which listener. Kafka gives every listener its own acceptor
 * and network threads ({@code num.network.threads} each), named after it, e.g.
 * {@code data-plane-kafka-network-thread-1-STORM_CLAIMGATE-SASL_PLAINTEXT-0}; SASL
 * authentication, the validator callback included, runs on those network threads. Their CPU time
 * is therefore the authentication's cost without the garbage collector's and the JIT compiler's,
 * which run on threads of their own and land in whichever block they happen to run in. The names
 * come from {@code jcmd <pid> Thread.print} (Linux truncates a thread's own name to 15 characters),
 * whose {@code nid} is the thread's Linux id. The threads are created at start-up and live as long as
 * the broker.
 */
final class BrokerThreads {
    private static final Pattern THREAD = Pattern.compile("^\"([^\"]*)\".* nid=(0x[0-9a-fA-F]+|\\d+)");
    /** Kafka 4.x: {@code ...-thread-1-STORM_FLOOR-SASL_PLAINTEXT-3}; older: {@code ...-ListenerName(STORM_FLOOR)-...}. */
    private static final Pattern LISTENER = Pattern.compile(
            "^data-plane-kafka-(?:network-thread-\\d+|socket-acceptor)-(?:ListenerName\\()?([A-Z0-9_]+)\\)?-[A-Z_]+-\\d+$");

    private BrokerThreads() {
    }

    /** Thread ids by listener name; empty when {@code jcmd} is not there or cannot attach. */
    static Map<String, Set<Long>> byListener(long pid) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        if (!Files.isExecutable(jcmd)) {
            System.err.println("AuthStorm: no " + jcmd + ": listener threads' CPU time not measured");
            return Map.of();
        }
        try {
            Process process = new ProcessBuilder(jcmd.toString(), String.valueOf(pid), "Thread.print")
                    .redirectErrorStream(true).start();
            String dump = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                System.err.println("AuthStorm: jcmd Thread.print failed: listener threads' CPU time not measured\n" + dump);
                return Map.of();
            }
            return parse(dump);
        } catch (IOException e) {
            System.err.println("AuthStorm: jcmd failed (" + e + "): listener threads' CPU time not measured");
            return Map.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Map.of();
        }
    }

    static Map<String, Set<Long>> parse(String threadDump) {
        Map<String, Set<Long>> threads = new HashMap<>();
        for (String line : threadDump.split("\n")) {
            Matcher thread = THREAD.matcher(line);
            if (!thread.find()) {
                continue;
            }
            Matcher listener = LISTENER.matcher(thread.group(1));
            if (listener.find()) {
                String nid = thread.group(2);
                long id = nid.startsWith("0x") ? Long.parseLong(nid.substring(2), 16) : Long.parseLong(nid);
                threads.computeIfAbsent(listener.group(1), name -> new HashSet<>()).add(id);
            }
        }
        threads.replaceAll((name, ids) -> Set.copyOf(ids));
        return Map.copyOf(threads);
    }
}
