package io.claimgate.benchmarks;

import io.claimgate.it.BrokerNode;
import io.claimgate.it.KafkaCluster;
import io.claimgate.it.KafkaClusterSpec;
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

    private StormBroker(KafkaCluster cluster) {
        this.cluster = cluster;
        this.node = cluster.nodes().get(0);
    }

    /** @param extraJvmOptions after {@link #JVM_OPTIONS}, e.g. a profiler */
    static StormBroker start(StormValidator validator, String jwksUrl, List<String> extraJvmOptions) {
        KafkaClusterSpec.Builder spec = KafkaClusterSpec.builder("auth-storm-" + validator.label())
                .listener(validator.listener(jwksUrl))
                // Kafka's defaults (the kit lowers them for tests); SASL authentication runs on the network threads
                .brokerProperty("num.network.threads", "3")
                .brokerProperty("num.io.threads", "8")
                .brokerProperties(validator.brokerProperties(jwksUrl))
                .systemProperty(Handlers.ALLOWED_URLS, jwksUrl)
                .loggerLevel("io.claimgate", "INFO")
                // the unsecured validator logs every token it accepts at INFO: a floor that pays for a log line is no floor
                .loggerLevel("org.apache.kafka.common.security.oauthbearer.internals.unsecured", "WARN")
                .startTimeout(Duration.ofSeconds(180))
                // not the kit's target/kafka-clusters under whatever directory the run starts in
                .baseDirectory(TokenPool.directory().resolve("kafka-clusters"));
        JVM_OPTIONS.forEach(spec::jvmOption);
        extraJvmOptions.forEach(spec::jvmOption);
        validator.extraClasspath().forEach(spec::extraClasspath);
        return new StormBroker(KafkaCluster.start(spec.build()));
    }

    /** {@code 127.0.0.1:<port>} of the OAUTHBEARER listener. */
    String hostPort() {
        return cluster.bootstrapServers(StormValidator.LISTENER);
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
