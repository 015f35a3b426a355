package io.claimgate.it.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.claimgate.it.BrokerLogOnFailure;
import io.claimgate.it.Clients;
import io.claimgate.it.EmbeddedIdp;
import io.claimgate.it.Jaas;
import io.claimgate.it.KafkaCluster;
import io.claimgate.it.Resources;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Workload identity on a real broker: a producer logs in with the jwt-bearer grant
 * ({@code oauth.grant.type=jwt_bearer}), its assertion read from a file as a Kubernetes projected
 * service-account token is. The file is then replaced as the kubelet does (new file moved over the
 * old), and the next refresh sends the new content: the IdP's request log shows it, and the broker
 * re-authenticates the same producer (KIP-368) as the new assertion's subject.
 */
@ExtendWith(BrokerLogOnFailure.class)
class JwtBearerLoginTest {
    private static EmbeddedIdp idp;
    private static KafkaCluster cluster;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        idp = EmbeddedIdp.start();
        Map<String, String> options = new LinkedHashMap<>();
        options.put("oauth.jwks.endpoint.uri", idp.jwksUri());
        options.put("oauth.valid.issuer.uri", idp.issuerUri());
        options.put("oauth.valid.audience", EmbeddedIdp.DEFAULT_AUDIENCE);
        // The principal is the assertion's subject, which the IdP copies into the token's sub.
        options.put("oauth.username.claim", "sub");
        cluster = KafkaCluster.start(ValidationBroker.spec("jwt-bearer-login", options, idp.allowedUrls())
                // Clients re-authenticate their connections with each new token.
                .brokerProperty("connections.max.reauth.ms", "600000")
                .build());
    }

    @AfterAll
    static void stop() {
        Resources.closeAll(cluster, idp);
    }

    /** What the kubelet projects: a JWT about a service account (the embedded IdP does not check its signature). */
    private static String serviceAccountToken(String subject) {
        Instant now = Instant.now();
        return idp.sign(Map.of("iss", "https://kubernetes.default.svc", "sub", subject, "aud", "kafka-idp",
                "iat", now, "exp", now.plus(Duration.ofHours(1))));
    }

    /** Replaces the file in one step, as the kubelet's symlink swap does: a reader sees old or new, never half. */
    private void project(Path file, String assertion) throws Exception {
        Path next = Files.writeString(dir.resolve("next"), assertion + "\n");
        Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** The {@code assertion} of every jwt-bearer request the IdP got since the last call, in order. */
    private static List<String> assertionsSent() {
        List<String> assertions = new ArrayList<>();
        while (true) {
            okhttp3.mockwebserver.RecordedRequest request;
            try {
                request = idp.server().takeRequest(200, TimeUnit.MILLISECONDS);
            } catch (RuntimeException none) {   // what takeRequest throws when none came
                return assertions;
            }
            if (request.getPath() != null && request.getPath().endsWith("/token")) {
                for (String pair : request.getBody().readUtf8().split("&")) {
                    String[] kv = pair.split("=", 2);
                    if (kv[0].equals("assertion")) {
                        assertions.add(URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
                    }
                }
            }
        }
    }

    @Test
    void aProducerLogsInWithItsAssertionFileAndTheNextRefreshReadsTheReplacedFile() throws Exception {
        String orders = serviceAccountToken("orders-sa");
        Path file = dir.resolve("kafka-token");
        project(file, orders);
        assertionsSent(); // forget what came before (the broker's JWKS requests)
        Clients.allowUrls(idp.allowedUrls());
        Properties security = Clients.oauthBearer("SASL_PLAINTEXT", Jaas.oauthBearer(Map.of(
                "oauth.token.endpoint.uri", idp.tokenEndpoint(),
                "oauth.client.id", EmbeddedIdp.CLIENT1,
                "oauth.grant.type", "jwt_bearer",
                "oauth.assertion.location", file.toString(),
                "oauth.client.auth.method", "none",
                "oauth.scope", "kafka")), Clients.CLAIMGATE_LOGIN_HANDLER);
        // Kafka's refresh defaults (60 s minimum period, 300 s buffer) assume long-lived tokens.
        security.put("sasl.login.refresh.min.period.seconds", "1");
        security.put("sasl.login.refresh.buffer.seconds", "1");
        idp.setTokenLifetime(Duration.ofSeconds(8));
        String bootstrap = cluster.bootstrapServers(ValidationBroker.EXTERNAL);
        String topic = "workload-identity";
        var mark = cluster.mark();
        try (Admin admin = Admin.create(Clients.admin(bootstrap, security))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Clients.producer(bootstrap, security),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "k", "as orders")).get(30, TimeUnit.SECONDS);
            cluster.awaitLogLine(mark, Pattern.compile("accepted a token for principal orders-sa"), Duration.ofSeconds(5));
            List<String> sent = assertionsSent();
            assertFalse(sent.isEmpty(), "the login used the jwt-bearer grant");
            assertEquals(List.of(orders), sent.stream().distinct().toList(), "the file's content, without its line end");

            // The kubelet rotates the token (here: another subject, to make it visible on the broker).
            String payments = serviceAccountToken("payments-sa");
            var rotated = cluster.mark();
            project(file, payments);
            // Kafka's refresh thread asks again at ~80 % of the 8 s lifetime; the producer's
            // connection re-authenticates with the new token.
            cluster.awaitLogLine(rotated, Pattern.compile("accepted a token for principal payments-sa"), Duration.ofSeconds(30));
            producer.send(new ProducerRecord<>(topic, "k", "as payments")).get(30, TimeUnit.SECONDS);

            List<String> after = assertionsSent();
            assertFalse(after.isEmpty(), "a refresh asked the IdP again");
            assertEquals(payments, after.get(after.size() - 1), "the refresh read the replaced file");
        } finally {
            idp.setTokenLifetime(Duration.ofHours(1));
        }
    }
}
