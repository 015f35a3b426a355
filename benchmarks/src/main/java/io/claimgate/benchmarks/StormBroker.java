package io.claimgate.benchmarks;

import io.claimgate.it.BrokerNode;
import io.claimgate.it.KafkaCluster;
import io.claimgate.it.KafkaClusterSpec;
import io.claimgate.it.ListenerSpec;
import java.time.Duration;
import java.util.List;

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

    private StormBroker(KafkaCluster cluster, String listener) {
        this.cluster = cluster;
        this.node = cluster.nodes().get(0);
        this.listener = listener;
    }

    /**
     * The broker for {@code validator}, with {@code options}' broker JVM options after {@link #JVM_OPTIONS}
     * (e.g. a profiler) and, in the {@code reauth} scenario, the listener's {@code connections.max.reauth.ms}.
     */
    static StormBroker start(StormValidator validator, String jwksUrl, AuthStormOptions options) {
        ListenerSpec listener = validator.listener(jwksUrl);
        if (options.scenario() == AuthStormOptions.Scenario.REAUTH) {
            // listener.name.storm.oauthbearer.connections.max.reauth.ms: KIP-368 on this listener only
            listener = listener.with("oauthbearer.connections.max.reauth.ms", String.valueOf(options.reauthMillis()));
        }
        KafkaClusterSpec.Builder spec = productionSpec(options.scenario().fileName() + "-" + validator.label(), jwksUrl,
                options.brokerJvmOptions())
                .listener(listener)
                .brokerProperties(validator.brokerProperties(jwksUrl));
        validator.extraClasspath().forEach(spec::extraClasspath);
        StormBroker broker = start(spec.build(), StormValidator.LISTENER);
        if (!options.brokerCpus().isEmpty()) {
            CpuPinning.pin(broker.node.pid().orElseThrow(), options.brokerCpus());
        }
        return broker;
    }

    /** A broker of {@code spec} (from {@link #productionSpec}), measured on its listener {@code listener}. */
    static StormBroker start(KafkaClusterSpec spec, String listener) {
        return new StormBroker(KafkaCluster.start(spec), listener);
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

    /** {@code 127.0.0.1:<port>} of the measured listener. */
    String hostPort() {
        return cluster.bootstrapServers(listener);
    }

    /** The PLAINTEXT inter-broker listener: ANONYMOUS, which the benchmarks make a super user where there is an authorizer. */
    String operatorBootstrap() {
        return cluster.bootstrapServers(KafkaClusterSpec.INTER_BROKER_LISTENER);
    }

    /** CPU time (user + system, all threads) the broker JVM has used so far. */
    Duration cpuTime() {
        return node.processHandle().info().totalCpuDuration()
                .orElseThrow(() -> new IllegalStateException("the OS does not report the broker's CPU time"));
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
        cluster.close();
    }
}
