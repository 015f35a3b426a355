package io.claimgate.it.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.claimgate.filter.kafka.RecordFilterBoundaryContract;
import io.claimgate.it.BrokerLogOnFailure;
import io.claimgate.it.ClientJvm;
import io.claimgate.it.Clients;
import io.claimgate.it.EmbeddedIdp;
import io.claimgate.it.KafkaCluster;
import io.claimgate.it.Resources;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * claimgate's client jar in applications on kafka-clients 3.7 and 3.9, against a 4.3.1 broker:
 * each client is a child JVM whose classpath is that release's kafka-clients plus the shaded
 * claimgate-client jar, nothing else of Kafka ({@link ClientJvm}). A producer logs in with
 * claimgate's login handler and sends one record with header {@code internal=true} and one
 * without; with the sample policy (samples/config/policy.yaml), a consumer of client2 with the record filter receives only the
 * second and commits past both, while client1 receives both. On 4.x the filter builds batches with
 * next offsets, on 3.x without ({@code io.claimgate.filter.kafka.ConsumerRecordsFactory}); either way
 * the consumer's principal comes from the token claimgate's login handler got for it. The record
 * filter's Kafka boundary contract ({@link RecordFilterBoundaryContract}) runs in such a JVM too.
 */
@ExtendWith(BrokerLogOnFailure.class)
class OlderKafkaClientsTest {
    private static final Duration CLIENT_LIMIT = Duration.ofSeconds(120);

    @TempDir
    static Path dir;
    private static EmbeddedIdp idp;
    private static KafkaCluster cluster;

    static Stream<String> versions() {
        return ClientJvm.OLDER_CLIENT_VERSIONS.stream();
    }

    @BeforeAll
    static void start() throws Exception {
        idp = EmbeddedIdp.start();
        cluster = FilterBroker.start("older-clients", idp);
        FilterBroker.createTopics(cluster, versions().map(OlderKafkaClientsTest::topic).toArray(String[]::new));
    }

    @AfterAll
    static void stop() {
        Resources.closeAll(cluster, idp);
    }

    private static String topic(String version) {
        return "older-clients-" + version;
    }

    @ParameterizedTest(name = "kafka-clients {0}")
    @MethodSource("versions")
    void loginAndRecordFilterWorkOnAnOlderKafkaClientsRelease(String version) {
        String topic = topic(version);
        Path policy = FilterBroker.writePolicy(dir.resolve("policy-" + version + ".yaml"), FilterBroker.DESIGN_POLICY);

        Properties producer = Clients.producer(cluster.bootstrapServers(FilterBroker.EXTERNAL),
                FilterBroker.login(idp, EmbeddedIdp.CLIENT1, EmbeddedIdp.CLIENT1_SECRET));
        ClientJvm.Result produced = run(version, "produce", producer, topic, "internal:internal", "public");
        assertEquals(0, produced.exitCode(), produced.describe());
        assertEquals(List.of(version), produced.linesAfter("kafka-clients "), "the client JVM runs the old release");
        assertEquals(List.of("internal", "public"), produced.linesAfter("acked "), produced.describe());

        // The two consumers are independent (own groups): their JVMs run side by side.
        Properties client1Config = FilterBroker.filteringConsumer(cluster, "client1-" + version,
                FilterBroker.login(idp, EmbeddedIdp.CLIENT1, EmbeddedIdp.CLIENT1_SECRET), policy);
        CompletableFuture<ClientJvm.Result> client1Run = CompletableFuture.supplyAsync(
                () -> run(version, "consume", client1Config, topic, "2"));
        ClientJvm.Result client2 = run(version, "consume", FilterBroker.filteringConsumer(cluster, "client2-" + version,
                FilterBroker.login(idp, EmbeddedIdp.CLIENT2, EmbeddedIdp.CLIENT2_SECRET), policy), topic, "2");
        ClientJvm.Result client1 = client1Run.join();
        assertEquals(0, client2.exitCode(), client2.describe());
        assertEquals(List.of("public"), client2.linesAfter("value "), client2.describe());
        assertEquals(List.of("2"), client2.linesAfter("committed "), "committed past the withheld record");

        assertEquals(0, client1.exitCode(), client1.describe());
        assertEquals(List.of("internal", "public"), client1.linesAfter("value "),
                "client1 may see internal records: the filter judges by the consumer's own principal");
        assertTrue(client1.linesAfter("kafka-clients ").contains(version));
    }

    /**
     * What the record filter relies on of kafka-clients internals ({@code io.claimgate.filter.kafka}),
     * checked on the release itself: the contract's own jar (record-filter's test-jar) next to that
     * release's kafka-clients and the client jar, no broker.
     */
    @ParameterizedTest(name = "kafka-clients {0}")
    @MethodSource("versions")
    void theRecordFiltersKafkaBoundaryContractHolds(String version) {
        ClientJvm.Result result = ClientJvm.run(version, classesOf(RecordFilterBoundaryContract.class),
                RecordFilterBoundaryContract.class.getName(), Map.of(), List.of(version), dir.resolve("contract"),
                Duration.ofSeconds(60));
        assertEquals(0, result.exitCode(), result.describe());
        assertEquals(List.of(version), result.linesAfter("Record filter Kafka boundary contract holds on kafka-clients "),
                result.describe());
    }

    private static ClientJvm.Result run(String version, String mode, Properties config, String topic, String... more) {
        Path configFile;
        try {
            configFile = Files.createTempFile(dir, mode + "-" + version + "-", ".properties");
            try (OutputStream out = Files.newOutputStream(configFile)) {
                config.store(out, null);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> args = new ArrayList<>(List.of(mode, configFile.toString(), topic));
        args.addAll(List.of(more));
        return ClientJvm.run(version, classesOf(OlderClientProgram.class), OlderClientProgram.class.getName(),
                Map.of(Clients.ALLOWED_URLS_PROPERTY, idp.allowedUrls()), args, dir.resolve("clients"), CLIENT_LIMIT);
    }

    /**
     * Where {@code program} was compiled to (test-classes, or the contract's test-jar): only it is
     * used from there.
     */
    private static Path classesOf(Class<?> program) {
        try {
            return Path.of(program.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
