package io.claimgate.samples.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import io.claimgate.it.Clients;
import io.claimgate.it.EmbeddedIdp;
import io.claimgate.samples.SampleConfig;
import io.claimgate.samples.deploy.Recipes;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;
import org.testcontainers.Testcontainers;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.ImageFromDockerfile;

/**
 * The quickstart's headline scenario against the image of deploy/docker/Dockerfile (built here from
 * the repository and the reactor's broker jar): client1 writes and reads, client2 sees only its
 * topics and may not write. The embedded IdP runs on the host; the broker in the container fetches
 * its keys through Testcontainers' host access. Only in the {@code docker} profile; skipped, not
 * failed, where no Docker engine answers.
 */
@org.testcontainers.junit.jupiter.Testcontainers(disabledWithoutDocker = true)
class DockerImageScenarioTest {
    private static final String HOST_FROM_CONTAINER = "host.testcontainers.internal";

    @Test
    void client1ReadsAndWritesClient2IsRestricted() throws Exception {
        try (EmbeddedIdp idp = EmbeddedIdp.start()) {
            Testcontainers.exposeHostPorts(idp.port());
            // The container reaches the IdP under another host name; tokens keep the host's issuer.
            String jwksFromContainer = idp.jwksUri().replaceFirst("//[^/:]+:", "//" + HOST_FROM_CONTAINER + ":");
            int port = freePort();
            try (GenericContainer<?> broker = new GenericContainer<>(image())
                    .withEnv("IDP_JWKS_URI", jwksFromContainer)
                    .withEnv("IDP_ISSUER", idp.issuerUri())
                    .withEnv("CLUSTER_ID", Uuid.randomUuid().toString())
                    // One port, the same inside and out, so the advertised address works from the host.
                    .withEnv("EXTERNAL_PORT", String.valueOf(port))
                    .withEnv("KAFKA_LISTENERS", "EXTERNAL://:" + port + ",INTERNAL://127.0.0.1:19092,CONTROLLER://127.0.0.1:9093")
                    .withEnv("KAFKA_ADVERTISED_LISTENERS", "EXTERNAL://localhost:" + port + ",INTERNAL://127.0.0.1:19092")
                    .withExposedPorts(port)
                    .withCreateContainerCmdModifier(cmd -> cmd.getHostConfig().withPortBindings(
                            new PortBinding(Ports.Binding.bindPort(port), new ExposedPort(port))))
                    .waitingFor(Wait.forLogMessage(".*Kafka Server started.*", 1).withStartupTimeout(Duration.ofMinutes(3)))) {
                broker.start();
                // The operator, a super user on the INTERNAL listener inside the container.
                for (String topic : List.of("topic", "payroll")) {
                    var created = broker.execInContainer("/opt/kafka/bin/kafka-topics.sh", "--bootstrap-server",
                            "127.0.0.1:19092", "--create", "--topic", topic, "--partitions", "1", "--replication-factor", "1");
                    assertEquals(0, created.getExitCode(), created.getStderr());
                }
                Clients.allowUrls(idp.allowedUrls());
                Map<String, String> vars = Map.of("BOOTSTRAP_SERVERS", "localhost:" + port,
                        "IDP_TOKEN_ENDPOINT", idp.tokenEndpoint(),
                        "CLIENT1_SECRET", EmbeddedIdp.CLIENT1_SECRET, "CLIENT2_SECRET", EmbeddedIdp.CLIENT2_SECRET);
                String bootstrap = vars.get("BOOTSTRAP_SERVERS");
                Properties client1 = SampleConfig.properties("client1.properties", vars);
                Properties client2 = SampleConfig.properties("client2.properties", vars);

                try (KafkaProducer<String, String> producer = new KafkaProducer<>(Clients.producer(bootstrap, client1))) {
                    producer.send(new ProducerRecord<>("topic", "order-1", "order shipped")).get();
                }
                assertEquals(List.of("order shipped"), consume(bootstrap, client1, "topic"));

                try (Admin admin = Admin.create(Clients.admin(bootstrap, client2))) {
                    assertEquals(Set.of("topic"), admin.listTopics().names().get(), "payroll is hidden from client2");
                }
                Properties plain = Clients.producer(bootstrap, client2);
                plain.put("enable.idempotence", "false");
                try (KafkaProducer<String, String> producer = new KafkaProducer<>(plain)) {
                    ExecutionException e = assertThrows(ExecutionException.class,
                            () -> producer.send(new ProducerRecord<>("topic", "k", "not allowed")).get());
                    assertInstanceOf(TopicAuthorizationException.class, e.getCause());
                }
            }
        }
    }

    /** The recipe's image, built from exactly the files its Dockerfile copies. */
    private static ImageFromDockerfile image() {
        ImageFromDockerfile image = new ImageFromDockerfile("claimgate-kafka-test", true)
                .withFileFromPath("Dockerfile", Recipes.DEPLOY.resolve("docker/Dockerfile"))
                .withBuildArg("CLAIMGATE_VERSION", Recipes.version());
        Recipes.dockerCopies(Recipes.DEPLOY.resolve("docker/Dockerfile")).keySet()
                .forEach(source -> image.withFileFromPath(source, Recipes.ROOT.resolve(source)));
        return image;
    }

    private static List<String> consume(String bootstrap, Properties security, String topic) {
        Properties props = Clients.consumer(bootstrap, "docker-client1", security);
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (values.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    values.add(record.value());
                }
            }
        }
        return values;
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
