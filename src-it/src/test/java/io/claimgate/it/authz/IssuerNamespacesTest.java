package io.claimgate.it.authz;

import io.claimgate.it.BrokerLogOnFailure;
import io.claimgate.it.Clients;
import io.claimgate.it.EmbeddedIdp;
import io.claimgate.it.KafkaCluster;
import io.claimgate.it.KafkaClusterSpec;
import io.claimgate.it.ListenerSpec;
import io.claimgate.it.Resources;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issuers keep their own namespaces, on a real broker: {@code oauth.issuers=corp,partner} with a
 * shared {@code oauth.groups.claim} and a {@code Group:corp/kafka-admins} ACL created with the
 * Admin API. A corp token carrying {@code kafka-admins} gets the access; a partner token carrying
 * the very same group (and the same client_id) does not: it is {@code Group:partner/kafka-admins}.
 */
@ExtendWith(BrokerLogOnFailure.class)
class IssuerNamespacesTest {
    private static final String TOPIC = "corp-admin-topic";
    private static EmbeddedIdp corp;
    private static EmbeddedIdp partner;
    private static KafkaCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        corp = EmbeddedIdp.builder().issuerId("corp")
                .client("ops-app", "ops-secret", Map.of("groups", List.of("kafka-admins"))).start();
        partner = EmbeddedIdp.builder().issuerId("partner")
                .client("ops-app", "ops-secret", Map.of("groups", List.of("kafka-admins"))).start();
        Map<String, String> validation = new LinkedHashMap<>();
        validation.put("oauth.issuers", "corp,partner");
        validation.put("oauth.issuer.corp.jwks.endpoint.uri", corp.jwksUri());
        validation.put("oauth.issuer.corp.valid.issuer.uri", corp.issuerUri());
        validation.put("oauth.issuer.corp.username.prefix", "corp/");
        validation.put("oauth.issuer.corp.groups.prefix", "corp/");
        validation.put("oauth.issuer.partner.jwks.endpoint.uri", partner.jwksUri());
        validation.put("oauth.issuer.partner.valid.issuer.uri", partner.issuerUri());
        validation.put("oauth.issuer.partner.username.prefix", "partner/");
        validation.put("oauth.issuer.partner.groups.prefix", "partner/");
        validation.put("oauth.valid.audience", EmbeddedIdp.DEFAULT_AUDIENCE);
        validation.put("oauth.username.claim", "client_id,sub");
        validation.put("oauth.groups.claim", "groups");   // top level: shared by both issuers, as in issue 14
        cluster = KafkaCluster.start(KafkaClusterSpec.builder("issuer-namespaces")
                .listener(ListenerSpec.oauthBearer(AuthzBroker.EXTERNAL, "io.claimgate.server.OAuthValidatorCallbackHandler",
                        validation))
                .brokerProperty("principal.builder.class", "io.claimgate.server.OAuthPrincipalBuilder")
                .brokerProperty("authorizer.class.name", AuthzBroker.AUTHORIZER)
                .brokerProperty("super.users", "User:ANONYMOUS")
                .systemProperty(Clients.ALLOWED_URLS_PROPERTY, corp.allowedUrls() + "," + partner.allowedUrls())
                .loggerLevel("io.claimgate", "INFO")
                .build());
        AuthzBroker.createTopics(cluster, List.of(TOPIC));
        try (Admin admin = AuthzBroker.operator(cluster)) {
            admin.createAcls(List.of(new AclBinding(new ResourcePattern(ResourceType.TOPIC, TOPIC, PatternType.LITERAL),
                    new AccessControlEntry("Group:corp/kafka-admins", "*", AclOperation.WRITE,
                            AclPermissionType.ALLOW)))).all().get(20, TimeUnit.SECONDS);
        }
    }

    @AfterAll
    static void stop() {
        Resources.closeAll(cluster, corp, partner);
    }

    private static void produce(Properties security) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Clients.producer(cluster.bootstrapServers(AuthzBroker.EXTERNAL), security))) {
            producer.send(new ProducerRecord<>(TOPIC, "k", "v")).get(20, TimeUnit.SECONDS);
        }
    }

    @Test
    void theCorpGroupGetsTheCorpGroupsAcl() throws Exception {
        // The ACL reaches the authorizer through the metadata log a moment after createAcls returned.
        AuthzBroker.eventuallyAllowed(Duration.ofSeconds(15),
                () -> produce(AuthzBroker.login(corp, "ops-app", "ops-secret", Map.of())));
    }

    @Test
    void aPartnerTokenWithTheSameGroupDoesNot() throws Exception {
        AuthzBroker.eventuallyAllowed(Duration.ofSeconds(15),
                () -> produce(AuthzBroker.login(corp, "ops-app", "ops-secret", Map.of())));   // the ACL is in force

        AuthzBroker.assertDenied(() -> produce(AuthzBroker.login(partner, "ops-app", "ops-secret", Map.of())));
    }
}
