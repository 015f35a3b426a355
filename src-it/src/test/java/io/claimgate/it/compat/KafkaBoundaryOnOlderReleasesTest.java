package io.claimgate.it.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.claimgate.authorizer.kafka.AuthorizerBoundaryContract;
import io.claimgate.filter.kafka.RecordFilterBoundaryContract;
import io.claimgate.it.BrokerRuntime;
import io.claimgate.it.ClientJvm;
import io.claimgate.server.kafka.KafkaBoundaryContract;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contracts of the Kafka internals the broker plugins use (docs/KAFKA-COMPATIBILITY.md): the
 * validator's and principal builder's ({@link KafkaBoundaryContract}) and the authorizer's
 * ({@link AuthorizerBoundaryContract}), on every Kafka release claimgate supports: each run in a JVM of
 * its own whose classpath is that release's broker classpath with the shaded broker jar, as a user
 * deploys it (resolved in {@code src-it/older-kafka}; "current" is the build's release). No broker
 * is started: a few seconds per release. The record filter's ({@link RecordFilterBoundaryContract})
 * runs there too, with the shaded client jar added, for that release's kafka-clients (its 3.x
 * releases: {@code filter/OlderKafkaClientsTest}).
 */
class KafkaBoundaryOnOlderReleasesTest {

    static Stream<String> releases() {
        return Stream.concat(Stream.of("current"), BrokerRuntime.OLDER_KAFKA_VERSIONS.stream());
    }

    @ParameterizedTest(name = "Kafka {0}")
    @MethodSource("releases")
    void theServerHandlersContractHolds(String release) throws Exception {
        run(release, KafkaBoundaryContract.class, "Kafka boundary contract holds", List.of());
    }

    @ParameterizedTest(name = "Kafka {0}")
    @MethodSource("releases")
    void theAuthorizersContractHolds(String release) throws Exception {
        run(release, AuthorizerBoundaryContract.class, "Authorizer Kafka boundary contract holds", List.of());
    }

    @ParameterizedTest(name = "kafka-clients {0}")
    @MethodSource("releases")
    void theRecordFiltersContractHolds(String release) throws Exception {
        run(release, RecordFilterBoundaryContract.class, "Record filter Kafka boundary contract holds on kafka-clients "
                + (release.equals("current") ? "" : release), List.of(ClientJvm.clientJar()));
    }

    /** Runs {@code contract}'s main on {@code release}'s broker classpath with its own test classes and {@code jars} added. */
    private static void run(String release, Class<?> contract, String holds, List<Path> jars) throws Exception {
        Path classes = Path.of(contract.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Path> extra = new ArrayList<>(jars);
        extra.add(classes);
        String classpath = BrokerRuntime.classpath(release.equals("current") ? Optional.empty() : Optional.of(release),
                extra);
        Process process = new ProcessBuilder(BrokerRuntime.javaBinary(), "-cp", classpath, contract.getName())
                .redirectErrorStream(true).start();
        try {
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the contract check did not finish within 60 s");
            String output = read(process);
            assertEquals(0, process.exitValue(), output);
            assertTrue(output.contains(holds), output);
        } finally {
            process.destroyForcibly();
        }
    }

    private static String read(Process process) throws IOException {
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
}
