package io.claimgate.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reading a cluster's broker logs: tails for failure messages, and waiting for lines written after
 * a {@link KafkaCluster.LogMark}. Stateless apart from the nodes it reads; thread-safe.
 */
final class ClusterLogs {
    private static final long POLL_MILLIS = 100;

    private final String clusterName;
    private final List<BrokerNode> nodes;

    ClusterLogs(String clusterName, List<BrokerNode> nodes) {
        this.clusterName = clusterName;
        this.nodes = List.copyOf(nodes);
    }

    String tail(int lines) {
        return nodes.stream().map(n -> "--- last " + lines + " lines of " + n.brokerLog() + " ---\n" + n.logTail(lines))
                .collect(Collectors.joining("\n"));
    }

    KafkaCluster.LogMark mark() {
        Map<Integer, Long> offsets = new LinkedHashMap<>();
        nodes.forEach(n -> offsets.put(n.id(), n.log().size()));
        return new KafkaCluster.LogMark(offsets);
    }

    KafkaCluster.LogMark start() {
        Map<Integer, Long> zero = new LinkedHashMap<>();
        nodes.forEach(n -> zero.put(n.id(), 0L));
        return new KafkaCluster.LogMark(zero);
    }

    /** Every complete line matching {@code pattern} written between two marks, node by node, without waiting. */
    List<String> between(KafkaCluster.LogMark since, KafkaCluster.LogMark until, Pattern pattern) {
        List<String> found = new ArrayList<>();
        for (BrokerNode node : nodes) {
            long offset = since.offsets().getOrDefault(node.id(), 0L);
            long end = until.offsets().getOrDefault(node.id(), 0L);
            while (offset < end) {
                LogFile.Scan scan = node.log().scan(offset, pattern);
                if (scan.match().isEmpty() || scan.next() > end) {
                    break;
                }
                found.add(scan.match().get());
                offset = scan.next();
            }
        }
        return found;
    }

    List<String> await(KafkaCluster.LogMark since, Pattern pattern, int count, Duration timeout) {
        Map<Integer, Long> offsets = new LinkedHashMap<>(since.offsets());
        List<String> found = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (BrokerNode node : nodes) {
                Optional<String> match;
                do {
                    LogFile.Scan scan = node.log().scan(offsets.getOrDefault(node.id(), 0L), pattern);
                    offsets.put(node.id(), scan.next());
                    match = scan.match();
                    match.ifPresent(found::add);
                } while (match.isPresent() && found.size() < count);
                if (found.size() >= count) {
                    return found;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(found.size() + " of " + count + " broker log lines matching /" + pattern
                        + "/ within " + timeout + " in cluster " + clusterName + "\n" + tail(40));
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }
}
