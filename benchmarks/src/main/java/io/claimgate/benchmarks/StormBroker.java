package io.claimgate.benchmarks;

import io.claimgate.it.BrokerMBeans;
import io.claimgate.it.BrokerNode;
import io.claimgate.it.KafkaCluster;
import io.claimgate.it.KafkaClusterSpec;
import io.claimgate.it.ListenerSpec;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A fresh single-node KRaft broker (child JVM, from the src-it kit) whose OAUTHBEARER listener is
 * validated by one {@link StormValidator}, run as a production broker rather than the kit's test
 * defaults: C2 compiler, G1 with a 1 GiB heap (Kafka's own start script's settings), Kafka's default
 * network and I/O threads, claimgate logging at INFO (the kit's DEBUG would cost claimgate alone).
 */
final class StormBroker implements AutoCloseable {
    /** After the kit's defaults (-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xmx512m), so these win. */
    static final List<String> JVM_OPTIONS = List.of("-Xms1g", "-Xmx1g", "-XX:-UseSerialGC", "-XX:+UseG1GC",
            "-XX:MaxGCPauseMillis=20", "-XX:InitiatingHeapOccupancyPercent=35", "-XX:TieredStopAtLevel=4");

    private final KafkaCluster cluster;
    private final BrokerNode node;
    private final String listener;
    /** With {@link #startShared}: the listener of each validator. */
    private final Map<StormValidator, String> validatorListeners;
    private final ProcessCpu cpu;
    /** The acceptor and network threads of each listener ({@link BrokerThreads}), by listener name. */
    private final Map<String, Set<Long>> listenerThreads;
    private BrokerMBeans jmx;   // opened on first use, by the storm's main thread only

    /** A client listener: where clients connect, and the broker threads that serve it (empty if unknown). */
    record Listener(String name, String hostPort, Set<Long> threads) {
    }

    private StormBroker(KafkaCluster cluster, String listener, Map<StormValidator, String> validatorListeners) {
        this.cluster = cluster;
        this.node = cluster.nodes().get(0);
        this.listener = listener;
        this.validatorListeners = Map.copyOf(validatorListeners);
        this.cpu = new ProcessCpu(node.pid().orElseThrow());
        this.listenerThreads = BrokerThreads.byListener(node.pid().orElseThrow());
    }

    /**
     * The broker for {@code validator}, with {@code options}' broker JVM options after {@link #JVM_OPTIONS}
     * (e.g. a profiler) and, in the {@code reauth} scenario, the listener's {@code connections.max.reauth.ms}.
     */
    static StormBroker start(StormValidator validator, String jwksUrl, AuthStormOptions options) {
        ListenerSpec listener = validator.listener(jwksUrl, options.claimgateOptions());
        if (options.scenario() == AuthStormOptions.Scenario.REAUTH) {
            // listener.name.storm.oauthbearer.connections.max.reauth.ms: KIP-368 on this listener only
            listener = listener.with("oauthbearer.connections.max.reauth.ms", String.valueOf(options.reauthMillis()));
        }
        KafkaClusterSpec.Builder spec = productionSpec(options.scenario().fileName() + "-" + validator.label(), jwksUrl,
                options.brokerJvmOptions())
                .listener(listener)
                .brokerProperties(validator.brokerProperties(jwksUrl));
        validator.extraClasspath().forEach(spec::extraClasspath);
        return pinned(start(spec.build(), StormValidator.LISTENER), options);
    }

    /**
     * One broker for all of {@code validators}: a listener of its own for each
     * ({@link StormValidator#sharedListener()}), so that a storm can alternate between them in short
     * blocks on the same JVM, with the same JIT state, heap and CPU speed ({@code --broker=shared}).
     */
    static StormBroker startShared(List<StormValidator> validators, String jwksUrl, AuthStormOptions options) {
        KafkaClusterSpec.Builder spec = productionSpec(options.scenario().fileName() + "-shared", jwksUrl,
                options.brokerJvmOptions());
        Map<StormValidator, String> listeners = new LinkedHashMap<>();
        for (StormValidator validator : validators) {
            ListenerSpec listener = validator.listener(validator.sharedListener(), jwksUrl, options.claimgateOptions());
            if (options.scenario() == AuthStormOptions.Scenario.REAUTH) {
                listener = listener.with("oauthbearer.connections.max.reauth.ms", String.valueOf(options.reauthMillis()));
            }
            spec.listener(listener).brokerProperties(validator.brokerProperties(jwksUrl));
            validator.extraClasspath().forEach(spec::extraClasspath);
            listeners.put(validator, validator.sharedListener());
        }
        String first = listeners.values().iterator().next();
        return pinned(new StormBroker(KafkaCluster.start(spec.build()), first, listeners), options);
    }

    private static StormBroker pinned(StormBroker broker, AuthStormOptions options) {
        return broker.pinnedTo(options.brokerCpus());
    }

    /** Pins the broker JVM to {@code cpus} ({@link CpuPinning}); nothing if empty. */
    StormBroker pinnedTo(String cpus) {
        if (!cpus.isEmpty()) {
            CpuPinning.pin(node.pid().orElseThrow(), cpus);
        }
        return this;
    }

    /** A broker of {@code spec} (from {@link #productionSpec}), measured on its listener {@code listener}. */
    static StormBroker start(KafkaClusterSpec spec, String listener) {
        return new StormBroker(KafkaCluster.start(spec), listener, Map.of());
    }

    /**
     * A single-node broker set up as in production, without listener: {@link #JVM_OPTIONS}, then
     * {@code extraJvmOptions}; trusts {@code jwksUrl}.
     */
    static KafkaClusterSpec.Builder productionSpec(String name, String jwksUrl, List<String> extraJvmOptions) {
        KafkaClusterSpec.Builder spec = KafkaClusterSpec.builder(name)
                // Kafka's defaults (the kit lowers them for tests); SASL authentication runs on the network threads
                .brokerProperty("num.network.threads", "3")
                .brokerProperty("num.io.threads", "8")
                .systemProperty(Handlers.ALLOWED_URLS, jwksUrl)
                .loggerLevel("io.claimgate", "INFO")
                // the unsecured validator logs every token it accepts at INFO: a floor that pays for a log line is no floor
                .loggerLevel("org.apache.kafka.common.security.oauthbearer.internals.unsecured", "WARN")
                .startTimeout(Duration.ofSeconds(180))
                // not the kit's target/kafka-clusters under whatever directory the run starts in
                .baseDirectory(TokenPool.directory().resolve("kafka-clusters"));
        JVM_OPTIONS.forEach(spec::jvmOption);
        extraJvmOptions.forEach(spec::jvmOption);
        return spec;
    }

    /** {@code 127.0.0.1:<port>} of the measured listener (with {@link #startShared}: the first validator's). */
    String hostPort() {
        return cluster.bootstrapServers(listener);
    }

    /** The measured listener (with {@link #startShared}: the first validator's). */
    Listener listener() {
        return listener(listener);
    }

    /** {@code validator}'s listener on a shared broker. */
    Listener listener(StormValidator validator) {
        String name = validatorListeners.get(validator);
        if (name == null) {
            throw new IllegalArgumentException("this broker has no listener for " + validator.label());
        }
        return listener(name);
    }

    /** {@code 127.0.0.1:<port>} of the listener {@code name}. */
    String hostPort(String name) {
        return cluster.bootstrapServers(name);
    }

    private Listener listener(String name) {
        return new Listener(name, cluster.bootstrapServers(name), listenerThreads.getOrDefault(name, Set.of()));
    }

    /** The PLAINTEXT inter-broker listener: ANONYMOUS, which the benchmarks make a super user where there is an authorizer. */
    String operatorBootstrap() {
        return cluster.bootstrapServers(KafkaClusterSpec.INTER_BROKER_LISTENER);
    }

    /**
     * claimgate's token cache lookups so far, {@code [hits, misses]}, from the broker's MBeans (summed
     * over its claimgate handlers).
     */
    long[] claimgateCacheLookups() {
        if (jmx == null) {
            jmx = BrokerMBeans.of(node);
        }
        return new long[] {jmx.count(BrokerMBeans.TOKEN_CACHE_HITS), jmx.count(BrokerMBeans.TOKEN_CACHE_MISSES)};
    }

    /** The broker JVM's CPU time (all threads) now; {@link #cpuSince} gives what it used after. */
    ProcessCpu.Mark cpuMark() {
        return cpu.mark();
    }

    Duration cpuSince(ProcessCpu.Mark mark) {
        return cpu.since(mark);
    }

    /** What the broker's JIT compiler threads used since {@code mark} ({@link JitCompilers}). */
    Duration jitCpuSince(ProcessCpu.Mark mark) {
        return JitCompilers.cpuBetween(cpu, mark, cpu.mark());
    }

    /** Where {@link #cpuSince} reads from: {@code schedstat} (ns) or {@code ticks} (10 ms). */
    String cpuSource() {
        return cpu.source();
    }

    /** Where the broker's log and configuration are. */
    java.nio.file.Path directory() {
        return cluster.directory();
    }

    String logTail() {
        return cluster.logTail(40);
    }

    @Override
    public void close() {
        if (jmx != null) {
            try {
                jmx.close();
            } catch (java.io.IOException e) {
                System.err.println("AuthStorm: closing the JMX connection: " + e);
            }
        }
        cluster.close();
    }
}
