package io.claimgate.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The server.properties of one node, derived from the spec and the ports chosen for the cluster.
 *
 * <p>Order of precedence, later wins: the kit's defaults (tuned for a fast, small test cluster),
 * the spec's broker properties, the listeners' properties. The structural keys (node id,
 * roles, listeners, quorum) are written last and cannot be overridden, since the kit relies on them.
 */
final class ServerProperties {

    private ServerProperties() {
    }

    /**
     * @param ports listener name -> port of this node (CONTROLLER and every broker listener)
     * @param voters {@code controller.quorum.voters} of the cluster
     */
    static Map<String, String> forNode(KafkaClusterSpec spec, int nodeId, Map<String, Integer> ports, String voters, Path dataDir) {
        int replication = Math.min(3, spec.nodes());
        Map<String, String> p = new LinkedHashMap<>();
        // Defaults for a test cluster: small, fast to start, nothing waits.
        p.put("num.partitions", "1");
        p.put("default.replication.factor", String.valueOf(replication));
        p.put("min.insync.replicas", "1");
        p.put("offsets.topic.replication.factor", String.valueOf(replication));
        p.put("offsets.topic.num.partitions", "1");
        p.put("transaction.state.log.replication.factor", String.valueOf(replication));
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "1");
        p.put("share.coordinator.state.topic.replication.factor", String.valueOf(replication));
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "4");
        p.put("background.threads", "2");
        p.put("num.recovery.threads.per.data.dir", "1");
        p.put("num.replica.fetchers", "1");
        p.put("auto.create.topics.enable", "true");

        p.putAll(spec.brokerProperties());
        p.putAll(spec.controllerListener().brokerProperties());
        for (ListenerSpec listener : spec.brokerListeners()) {
            p.putAll(listener.brokerProperties());
        }

        // Structure: fixed by the kit.
        List<ListenerSpec> brokerListeners = spec.brokerListeners();
        p.put("node.id", String.valueOf(nodeId));
        p.put("process.roles", "broker,controller");
        p.put("controller.quorum.voters", voters);
        p.put("controller.listener.names", KafkaClusterSpec.CONTROLLER_LISTENER);
        p.put("inter.broker.listener.name", spec.interBrokerListener().name());
        p.put("listeners", KafkaClusterSpec.CONTROLLER_LISTENER + "://127.0.0.1:" + ports.get(KafkaClusterSpec.CONTROLLER_LISTENER)
                + "," + brokerListeners.stream().map(l -> l.name() + "://127.0.0.1:" + ports.get(l.name()))
                .collect(Collectors.joining(",")));
        p.put("advertised.listeners", brokerListeners.stream().map(l -> l.name() + "://127.0.0.1:" + ports.get(l.name()))
                .collect(Collectors.joining(",")));
        p.put("listener.security.protocol.map", KafkaClusterSpec.CONTROLLER_LISTENER + ":" + spec.controllerListener().securityProtocol() + ","
                + brokerListeners.stream().map(l -> l.name() + ":" + l.securityProtocol()).collect(Collectors.joining(",")));
        p.put("log.dirs", dataDir.toAbsolutePath().toString());
        return p;
    }

    static void write(Path file, Map<String, String> properties) {
        StringBuilder out = new StringBuilder("# written by io.claimgate.it.KafkaCluster\n");
        properties.forEach((key, value) -> out.append(escape(key, true)).append('=').append(escape(value, false)).append('\n'));
        try {
            Files.writeString(file, out.toString(), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** java.util.Properties escaping (backslash, separators in keys, non-Latin-1 as unicode escapes). */
    private static String escape(String text, boolean key) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '=', ':', '#', '!' -> out.append(key ? "\\" + c : String.valueOf(c));
                case ' ' -> out.append(key || i == 0 ? "\\ " : " ");
                default -> {
                    if (c > 0xff) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
