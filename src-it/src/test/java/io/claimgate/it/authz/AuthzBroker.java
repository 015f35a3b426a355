package io.claimgate.it.authz;

import io.claimgate.it.Clients;
import io.claimgate.it.EmbeddedIdp;
import io.claimgate.it.KafkaCluster;
import io.claimgate.it.KafkaClusterSpec;
import io.claimgate.it.ListenerSpec;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;

/** A broker as the headline scenario deploys it: validator, principal builder, ClaimAuthorizer. */
final class AuthzBroker {
    static final String EXTERNAL = "EXTERNAL";
    static final String AUTHORIZER = "io.claimgate.authorizer.ClaimAuthorizer";

    /** The sample policy file (samples/config/policy.yaml). */
    static final String HEADLINE_POLICY = io.claimgate.it.DesignPolicy.YAML;

    private AuthzBroker() {
    }

    static Path writePolicy(Path dir, String yaml) {
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve("policy.yaml");
            Path tmp = dir.resolve("policy.yaml.tmp");
            Files.writeString(tmp, yaml);
            // Atomic replace: the authorizer never reads a half-written file.
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static KafkaClusterSpec.Builder spec(String name, EmbeddedIdp idp, Path policy) {
        Map<String, String> validation = new LinkedHashMap<>();
        validation.put("oauth.jwks.endpoint.uri", idp.jwksUri());
        validation.put("oauth.valid.issuer.uri", idp.issuerUri());
        validation.put("oauth.valid.audience", EmbeddedIdp.DEFAULT_AUDIENCE);
        validation.put("oauth.username.claim", "client_id,sub");
        validation.put("oauth.groups.claim", "groups");
        return KafkaClusterSpec.builder(name)
                .listener(ListenerSpec.oauthBearer(EXTERNAL, "io.claimgate.server.OAuthValidatorCallbackHandler", validation))
                .brokerProperty("principal.builder.class", "io.claimgate.server.OAuthPrincipalBuilder")
                .brokerProperty("authorizer.class.name", AUTHORIZER)
                .brokerProperty("claimgate.policy.location", policy.toAbsolutePath().toString())
                .brokerProperty("claimgate.policy.reload.seconds", "1")
                // The PLAINTEXT inter-broker and controller listeners authenticate as ANONYMOUS.
                .brokerProperty("super.users", "User:ANONYMOUS")
                .systemProperty(Clients.ALLOWED_URLS_PROPERTY, idp.allowedUrls())
                .loggerLevel("io.claimgate", "INFO");
    }

    /** An admin on the PLAINTEXT inter-broker listener: ANONYMOUS, a super user. */
    static Admin operator(KafkaCluster cluster) {
        return Admin.create(Clients.admin(cluster.bootstrapServers(KafkaClusterSpec.INTER_BROKER_LISTENER),
                Clients.plaintext()));
    }

    static void createTopics(KafkaCluster cluster, List<String> topics) throws Exception {
        try (Admin admin = operator(cluster)) {
            admin.createTopics(topics.stream().map(t -> new NewTopic(t, 1, (short) 1)).toList()).all().get();
        }
    }

    static Properties login(EmbeddedIdp idp, String clientId, String secret, Map<String, String> more) {
        return Clients.claimgateOAuth(idp, clientId, secret, more);
    }

    /** Reads a partition from its start without a consumer group (client2 has no group rights). */
    static List<String> readAssigned(String bootstrap, Properties security, String topic, int atLeast) {
        Properties props = Clients.consumer(bootstrap, "unused", security);
        props.remove("group.id");
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (values.size() < atLeast && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(300))) {
                    values.add(record.value());
                }
            }
        }
        return values;
    }

    /** {@code action} fails with an authorization error, possibly wrapped (ExecutionException, a producer's KafkaException). */
    static void assertDenied(ThrowingRunnable action) {
        Throwable e = assertThrows(Throwable.class, action::run);
        Throwable cause = e;
        while (!(cause instanceof AuthorizationException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        assertInstanceOf(AuthorizationException.class, cause, String.valueOf(e));
    }

    /**
     * Runs {@code action} until it is not refused for authorization (at most {@code timeout}):
     * an ACL reaches each broker's authorizer through the metadata log, a moment after the admin
     * call that created it returned. Any other failure, or a refusal past the timeout, is thrown.
     */
    static void eventuallyAllowed(Duration timeout, ThrowingRunnable action) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                action.run();
                return;
            } catch (java.util.concurrent.ExecutionException e) {
                if (!(e.getCause() instanceof AuthorizationException) || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(300);
            }
        }
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }
}
