package io.claimgate.it;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Objects;
import java.util.Set;

/**
 * What a {@link KafkaCluster} looks like; immutable, built with {@link #builder(String)}.
 *
 * <p>Every node is a combined broker+controller (KRaft, static {@code controller.quorum.voters},
 * node ids 1..n) with a {@code CONTROLLER} listener (PLAINTEXT), an inter-broker listener
 * ({@code INTERNAL}, PLAINTEXT unless replaced) and the client listeners added here.
 * Broker properties given here override the kit's defaults in server.properties; listener
 * properties are written last.
 */
public final class KafkaClusterSpec {

    public static final String CONTROLLER_LISTENER = "CONTROLLER";
    public static final String INTER_BROKER_LISTENER = "INTERNAL";

    /** Fast start on a small machine: C1 only, serial GC, small heap; a test broker needs no more. */
    public static final List<String> DEFAULT_JVM_OPTIONS = List.of(
            "-Xms64m", "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData",
            "-Djava.awt.headless=true");

    private final String name;
    private final int nodes;
    private final ListenerSpec interBrokerListener;
    private final List<ListenerSpec> clientListeners;
    private final ListenerSpec controllerListener;
    private final Map<String, String> brokerProperties;
    private final Map<String, String> systemProperties;
    private final Map<String, String> loggerLevels;
    private final List<String> jvmOptions;
    private final Map<Integer, List<String>> nodeJvmOptions;
    private final List<Path> extraClasspath;
    private final Duration startTimeout;
    private final Path baseDirectory;
    private final boolean deleteDataOnClose;
    private final Optional<String> kafkaVersion;

    private KafkaClusterSpec(Builder b) {
        this.name = b.name;
        this.nodes = b.nodes;
        this.interBrokerListener = b.interBrokerListener;
        this.clientListeners = List.copyOf(b.clientListeners);
        this.controllerListener = b.controllerListener;
        this.brokerProperties = Collections.unmodifiableMap(new LinkedHashMap<>(b.brokerProperties));
        this.systemProperties = Collections.unmodifiableMap(new LinkedHashMap<>(b.systemProperties));
        this.loggerLevels = Collections.unmodifiableMap(new LinkedHashMap<>(b.loggerLevels));
        this.jvmOptions = List.copyOf(b.jvmOptions);
        Map<Integer, List<String>> perNode = new LinkedHashMap<>();
        b.nodeJvmOptions.forEach((id, options) -> perNode.put(id, List.copyOf(options)));
        this.nodeJvmOptions = Collections.unmodifiableMap(perNode);
        this.extraClasspath = List.copyOf(b.extraClasspath);
        this.startTimeout = b.startTimeout;
        this.baseDirectory = b.baseDirectory;
        this.deleteDataOnClose = b.deleteDataOnClose;
        this.kafkaVersion = b.kafkaVersion;
    }

    /** {@code name} names the cluster's directory and shows in logs; letters, digits, '-', '_'. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    public String name() {
        return name;
    }

    public int nodes() {
        return nodes;
    }

    public ListenerSpec interBrokerListener() {
        return interBrokerListener;
    }

    public List<ListenerSpec> clientListeners() {
        return clientListeners;
    }

    /** Inter-broker listener first, then the client listeners; CONTROLLER is not included. */
    public List<ListenerSpec> brokerListeners() {
        List<ListenerSpec> all = new ArrayList<>();
        all.add(interBrokerListener);
        all.addAll(clientListeners);
        return all;
    }

    public Map<String, String> brokerProperties() {
        return brokerProperties;
    }

    public Map<String, String> systemProperties() {
        return systemProperties;
    }

    public Map<String, String> loggerLevels() {
        return loggerLevels;
    }

    public List<String> jvmOptions() {
        return jvmOptions;
    }

    /** JVM options of node {@code nodeId}'s broker JVM only (not its storage formatter), after {@link #jvmOptions()}. */
    public List<String> nodeJvmOptions(int nodeId) {
        return nodeJvmOptions.getOrDefault(nodeId, List.of());
    }

    public List<Path> extraClasspath() {
        return extraClasspath;
    }

    public Duration startTimeout() {
        return startTimeout;
    }

    public Path baseDirectory() {
        return baseDirectory;
    }

    public boolean deleteDataOnClose() {
        return deleteDataOnClose;
    }

    /**
     * The Kafka release the brokers run: empty for the one claimgate is built against, else an
     * older one from {@code src-it/older-kafka} ({@link BrokerRuntime#OLDER_KAFKA_VERSIONS}).
     */
    public Optional<String> kafkaVersion() {
        return kafkaVersion;
    }

    /** The {@code CONTROLLER} listener: PLAINTEXT unless {@link Builder#controllerListener} replaced it. */
    public ListenerSpec controllerListener() {
        return controllerListener;
    }

    /** A builder holding this spec's values, to derive a variant. */
    public Builder toBuilder() {
        Builder b = new Builder(name).nodes(nodes).interBrokerListener(interBrokerListener)
                .controllerListener(controllerListener)
                .startTimeout(startTimeout).baseDirectory(baseDirectory).deleteDataOnClose(deleteDataOnClose);
        b.kafkaVersion = kafkaVersion;
        clientListeners.forEach(b::listener);
        b.brokerProperties.putAll(brokerProperties);
        b.systemProperties.putAll(systemProperties);
        b.loggerLevels.putAll(loggerLevels);
        b.jvmOptions.clear();
        b.jvmOptions.addAll(jvmOptions);
        nodeJvmOptions.forEach((id, options) -> options.forEach(option -> b.nodeJvmOption(id, option)));
        b.extraClasspath.addAll(extraClasspath);
        return b;
    }

    /** Not thread-safe; build once, share the immutable spec. */
    public static final class Builder {
        private final String name;
        private int nodes = 1;
        private ListenerSpec interBrokerListener = ListenerSpec.plaintext(INTER_BROKER_LISTENER);
        private ListenerSpec controllerListener = ListenerSpec.plaintext(CONTROLLER_LISTENER);
        private final List<ListenerSpec> clientListeners = new ArrayList<>();
        private final Map<String, String> brokerProperties = new LinkedHashMap<>();
        private final Map<String, String> systemProperties = new LinkedHashMap<>();
        private final Map<String, String> loggerLevels = new LinkedHashMap<>(Map.of("io.claimgate", "DEBUG"));
        private final List<String> jvmOptions = new ArrayList<>(DEFAULT_JVM_OPTIONS);
        private final Map<Integer, List<String>> nodeJvmOptions = new LinkedHashMap<>();
        private final List<Path> extraClasspath = new ArrayList<>();
        private Duration startTimeout = Duration.ofSeconds(90);
        private Path baseDirectory = Path.of("target", "kafka-clusters");
        private boolean deleteDataOnClose = true;
        private Optional<String> kafkaVersion = Optional.empty();

        private Builder(String name) {
            if (!name.matches("[A-Za-z0-9_-]+")) {
                throw new IllegalArgumentException("cluster name must be letters, digits, '-' or '_': " + name);
            }
            this.name = name;
        }

        /** Number of combined broker+controller nodes (ids 1..n); 1 by default. */
        public Builder nodes(int nodes) {
            if (nodes < 1) {
                throw new IllegalArgumentException("nodes must be >= 1");
            }
            this.nodes = nodes;
            return this;
        }

        /** Replaces the default inter-broker listener ({@code INTERNAL}, PLAINTEXT). */
        public Builder interBrokerListener(ListenerSpec listener) {
            this.interBrokerListener = Objects.requireNonNull(listener);
            return this;
        }

        /**
         * Replaces the default controller listener (PLAINTEXT), e.g. with an OAUTHBEARER one; it must
         * be named {@value #CONTROLLER_LISTENER}. A SASL controller listener also needs
         * {@code sasl.mechanism.controller.protocol} as a broker property.
         */
        public Builder controllerListener(ListenerSpec listener) {
            if (!CONTROLLER_LISTENER.equals(listener.name())) {
                throw new IllegalArgumentException("the controller listener must be named " + CONTROLLER_LISTENER);
            }
            this.controllerListener = listener;
            return this;
        }

        /** Adds a client listener. */
        public Builder listener(ListenerSpec listener) {
            clientListeners.add(Objects.requireNonNull(listener));
            return this;
        }

        /** A server.properties entry; overrides the kit's default for the same key. */
        public Builder brokerProperty(String key, String value) {
            brokerProperties.put(key, Objects.requireNonNull(value, key));
            return this;
        }

        public Builder brokerProperties(Map<String, String> properties) {
            properties.forEach(this::brokerProperty);
            return this;
        }

        /**
         * A {@code -Dkey=value} for the broker JVM, e.g.
         * {@code org.apache.kafka.sasl.oauthbearer.allowed.urls} (see {@link EmbeddedIdp#allowedUrls()}).
         */
        public Builder systemProperty(String key, String value) {
            systemProperties.put(key, Objects.requireNonNull(value, key));
            return this;
        }

        /** A log4j2 level for one logger in the broker ({@code io.claimgate} is DEBUG by default). */
        public Builder loggerLevel(String logger, String level) {
            loggerLevels.put(logger, level);
            return this;
        }

        /** One more JVM option for the broker (after {@link #DEFAULT_JVM_OPTIONS}). */
        public Builder jvmOption(String option) {
            jvmOptions.add(option);
            return this;
        }

        /**
         * One more JVM option for node {@code nodeId}'s broker JVM only, e.g. a Prometheus JMX
         * exporter agent with a port of its own per node. Not given to the storage formatter.
         */
        public Builder nodeJvmOption(int nodeId, String option) {
            nodeJvmOptions.computeIfAbsent(nodeId, id -> new ArrayList<>()).add(Objects.requireNonNull(option));
            return this;
        }

        /** Removes the listener named {@code name} (e.g. to derive the spec a rolling restart moves to). */
        public Builder withoutListener(String name) {
            if (!clientListeners.removeIf(listener -> listener.name().equals(name))) {
                throw new IllegalArgumentException("no client listener " + name);
            }
            return this;
        }

        /** A jar or directory appended to the broker's classpath (after Kafka and claimgate-broker). */
        public Builder extraClasspath(Path entry) {
            extraClasspath.add(entry.toAbsolutePath());
            return this;
        }

        /** How long every node may take to report ready; 90 s by default. */
        public Builder startTimeout(Duration timeout) {
            this.startTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        /** Where cluster directories are created; {@code target/kafka-clusters} by default. */
        public Builder baseDirectory(Path directory) {
            this.baseDirectory = Objects.requireNonNull(directory);
            return this;
        }

        /** Whether {@code close()} deletes the nodes' data directories (logs and configs stay). */
        public Builder deleteDataOnClose(boolean delete) {
            this.deleteDataOnClose = delete;
            return this;
        }

        /** Run an older Kafka release's broker, one of {@link BrokerRuntime#OLDER_KAFKA_VERSIONS}. */
        public Builder kafkaVersion(String version) {
            if (!BrokerRuntime.OLDER_KAFKA_VERSIONS.contains(version)) {
                throw new IllegalArgumentException("no broker classpath for Kafka " + version + "; older releases"
                        + " built in src-it/older-kafka: " + BrokerRuntime.OLDER_KAFKA_VERSIONS);
            }
            this.kafkaVersion = Optional.of(version);
            return this;
        }

        public KafkaClusterSpec build() {
            Set<String> names = new HashSet<>();
            names.add(CONTROLLER_LISTENER);
            if (!names.add(interBrokerListener.name())) {
                throw new IllegalArgumentException("the inter-broker listener cannot be named " + CONTROLLER_LISTENER);
            }
            for (ListenerSpec listener : clientListeners) {
                if (!names.add(listener.name())) {
                    throw new IllegalArgumentException("duplicate or reserved listener name: " + listener.name());
                }
            }
            for (int id : nodeJvmOptions.keySet()) {
                if (id < 1 || id > nodes) {
                    throw new IllegalArgumentException("JVM options for node " + id + ", but the nodes are 1.." + nodes);
                }
            }
            return new KafkaClusterSpec(this);
        }
    }
}
