package io.claimgate.samples;

import io.claimgate.it.Clients;
import io.claimgate.it.EmbeddedIdp;
import io.claimgate.it.KafkaCluster;
import io.claimgate.it.KafkaClusterSpec;
import io.claimgate.it.ListenerSpec;
import io.claimgate.it.PresentedTokenLoginHandler;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The quickstart ({@code ./quickstart.sh}): an embedded IdP and a real Kafka broker (KRaft, child
 * JVM) carrying the claimgate jar, configured from the files in {@code samples/config/}; then
 * clients show what is accepted and what is refused, in plain words. Exit code 0 when everything
 * behaved as expected.
 */
public final class Quickstart {
    static final String EXTERNAL = "EXTERNAL";
    static final List<String> TOPICS = List.of("topic", "topic-encrypted", "extra_topic", "payroll");

    private final Narrator out;
    private final Path workDirectory;

    public Quickstart(PrintStream out, Path workDirectory) {
        this.out = new Narrator(out);
        this.workDirectory = workDirectory;
    }

    public static void main(String[] args) {
        Path dir = Path.of(System.getProperty("claimgate.quickstart.dir", "samples/target/quickstart"));
        System.exit(new Quickstart(System.out, dir).run());
    }

    /** Runs the whole scenario; returns 0 if every step behaved as expected. */
    public int run() {
        out.title("claimgate quickstart");
        try (EmbeddedIdp idp = startIdp(); KafkaCluster broker = startBroker(idp)) {
            Map<String, String> vars = new java.util.HashMap<>(clientVariables(idp, broker));
            vars.put("POLICY_FILE", workDirectory.resolve("policy.yaml").toAbsolutePath().toString());
            Scenario scenario = new Scenario(out, vars, workDirectory);
            scenario.operatorCreatesTopics(broker, TOPICS);
            scenario.client1ProducesAndConsumes("topic");
            scenario.client2SeesOnlyItsTopics(List.of("topic", "topic-encrypted", "extra_topic"));
            scenario.client2Reads("topic");
            scenario.client2Denied();
            scenario.tokenFileClientLists(idp.issueToken(EmbeddedIdp.CLIENT2));
            scenario.refused("a forged token (right key id, wrong signature)", "static-token-client.properties",
                    Map.of("ACCESS_TOKEN", idp.issueForgedToken(EmbeddedIdp.CLIENT1, Map.of(), Duration.ofMinutes(5))),
                    "BAD_SIGNATURE");
            scenario.refused("an expired token", PresentedTokenLoginHandler.security(
                    idp.issueToken(EmbeddedIdp.CLIENT1, Map.of(), Duration.ofMinutes(-5))), "EXPIRED");
            scenario.refused("something that is not a token at all",
                    PresentedTokenLoginHandler.security("hello-broker"), "MALFORMED");
            out.blank();
            out.say("Cleaning up: stopping the broker (pid " + broker.nodes().get(0).pid().orElse(-1)
                    + ") and the identity provider.");
            return out.summary();
        } catch (Exception e) {
            out.fail("the quickstart could not run: " + e);
            return 1;
        }
    }

    private EmbeddedIdp startIdp() {
        out.step("Starting an identity provider (mock-oauth2-server) with clients client1 and client2");
        EmbeddedIdp idp = EmbeddedIdp.start();
        out.say("issuer " + idp.issuerUri() + ", tokens from " + idp.tokenEndpoint() + ", keys at " + idp.jwksUri());
        return idp;
    }

    private KafkaCluster startBroker(EmbeddedIdp idp) {
        out.step("Starting a Kafka broker with claimgate's validator, principal builder and ClaimAuthorizer"
                + " (samples/config/server.properties, policies from samples/config/policy.yaml)");
        Properties server = SampleConfig.properties("server.properties", serverVariables(idp, policyFile()));
        Map<String, String> brokerProperties = new HashMap<>();
        server.stringPropertyNames().forEach(k -> brokerProperties.put(k, server.getProperty(k)));
        KafkaCluster cluster = KafkaCluster.start(KafkaClusterSpec.builder("quickstart")
                .baseDirectory(workDirectory)
                .deleteDataOnClose(true)
                .listener(ListenerSpec.of(EXTERNAL, "SASL_PLAINTEXT"))
                // Listeners, ports, node id and log.dirs of the sample are replaced by free ones.
                .brokerProperties(brokerProperties)
                .systemProperty(Clients.ALLOWED_URLS_PROPERTY, idp.allowedUrls())
                .build());
        out.say("broker up at " + cluster.bootstrapServers(EXTERNAL) + " in " + cluster.startupMillis() + " ms;"
                + " its log: " + cluster.brokerLog());
        return cluster;
    }

    /** Values for server.properties; the structural ones are replaced by the test kit. */
    private Map<String, String> serverVariables(EmbeddedIdp idp, Path policy) {
        return Map.of("IDP_JWKS_URI", idp.jwksUri(), "IDP_ISSUER", idp.issuerUri(),
                "POLICY_FILE", policy.toAbsolutePath().toString(),
                "CONTROLLER_PORT", "0", "EXTERNAL_PORT", "0", "INTERNAL_PORT", "0",
                "LOG_DIR", workDirectory.resolve("unused").toString());
    }

    private static Map<String, String> clientVariables(EmbeddedIdp idp, KafkaCluster broker) {
        Clients.allowUrls(idp.allowedUrls());
        return Map.of("BOOTSTRAP_SERVERS", broker.bootstrapServers(EXTERNAL),
                "IDP_TOKEN_ENDPOINT", idp.tokenEndpoint(),
                "CLIENT1_SECRET", EmbeddedIdp.CLIENT1_SECRET,
                "CLIENT2_SECRET", EmbeddedIdp.CLIENT2_SECRET);
    }

    /** The sample policy file, copied where the broker (and the consumers) read it. */
    private Path policyFile() {
        try {
            Files.createDirectories(workDirectory);
            return Files.writeString(workDirectory.resolve("policy.yaml"), SampleConfig.text("policy.yaml"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static Path tokenFile(Path dir, String token) throws IOException {
        Files.createDirectories(dir);
        Path file = Files.createTempFile(dir, "token", ".jwt");
        Files.writeString(file, token);
        return file;
    }
}
