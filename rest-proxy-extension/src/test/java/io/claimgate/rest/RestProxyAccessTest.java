package io.claimgate.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every row of REST Proxy's access table (paths as in kafka-rest 8.5's v2 and v3 resources). */
class RestProxyAccessTest {
    static final String C = "v3/clusters/lkc-1";

    @ParameterizedTest(name = "{0} /{1} -> {4} on {2} {3}")
    @CsvSource({
            // v2
            "GET, '', CLUSTER, kafka-cluster, DESCRIBE",
            "GET, topics, CLUSTER, kafka-cluster, DESCRIBE",
            "GET, /topics/, CLUSTER, kafka-cluster, DESCRIBE",
            "GET, topics/orders, TOPIC, orders, DESCRIBE_CONFIGS",
            "HEAD, topics/orders, TOPIC, orders, DESCRIBE_CONFIGS",
            "POST, topics/orders, TOPIC, orders, WRITE",
            "POST, /topics/orders/, TOPIC, orders, WRITE",
            "GET, topics/orders/partitions, TOPIC, orders, DESCRIBE",
            "GET, topics/orders/partitions/0, TOPIC, orders, DESCRIBE",
            "POST, topics/orders/partitions/0, TOPIC, orders, WRITE",
            "GET, topics/orders/partitions/0/offsets, TOPIC, orders, DESCRIBE",
            "GET, brokers, CLUSTER, kafka-cluster, DESCRIBE",
            // v3 clusters
            "GET, v3/clusters, CLUSTER, kafka-cluster, DESCRIBE",
            "GET, v3/clusters/lkc-1, CLUSTER, kafka-cluster, DESCRIBE",
            // v3 topics
            "GET, v3/clusters/lkc-1/topics, CLUSTER, kafka-cluster, DESCRIBE",
            "POST, v3/clusters/lkc-1/topics, CLUSTER, kafka-cluster, CREATE",
            "GET, v3/clusters/lkc-1/topics/orders, TOPIC, orders, DESCRIBE",
            "PATCH, v3/clusters/lkc-1/topics/orders, TOPIC, orders, ALTER",
            "DELETE, v3/clusters/lkc-1/topics/orders, TOPIC, orders, DELETE",
            "GET, v3/clusters/lkc-1/topics/orders/configs, TOPIC, orders, DESCRIBE_CONFIGS",
            "GET, v3/clusters/lkc-1/topics/orders/configs/retention.ms, TOPIC, orders, DESCRIBE_CONFIGS",
            "PUT, v3/clusters/lkc-1/topics/orders/configs/retention.ms, TOPIC, orders, ALTER_CONFIGS",
            "DELETE, v3/clusters/lkc-1/topics/orders/configs/retention.ms, TOPIC, orders, ALTER_CONFIGS",
            "POST, v3/clusters/lkc-1/topics/orders/configs:alter, TOPIC, orders, ALTER_CONFIGS",
            "POST, v3/clusters/lkc-1/topics/orders/records, TOPIC, orders, WRITE",
            "POST, v3/clusters/lkc-1/topics/orders/records:batch, TOPIC, orders, WRITE",
            "GET, v3/clusters/lkc-1/topics/orders/partitions, TOPIC, orders, DESCRIBE",
            "GET, v3/clusters/lkc-1/topics/orders/partitions/3, TOPIC, orders, DESCRIBE",
            "GET, v3/clusters/lkc-1/topics/orders/partitions/3/offset, TOPIC, orders, DESCRIBE",
            "GET, v3/clusters/lkc-1/topics/orders/partitions/3/replicas, TOPIC, orders, DESCRIBE",
            "GET, v3/clusters/lkc-1/topics/orders/partitions/3/replicas/1, TOPIC, orders, DESCRIBE",
            "GET, v3/clusters/lkc-1/topics/orders/partitions/3/reassignment, CLUSTER, kafka-cluster, DESCRIBE",
            "GET, v3/clusters/lkc-1/topics/orders/partitions/-/reassignment, CLUSTER, kafka-cluster, DESCRIBE",
            "GET, v3/clusters/lkc-1/topics/-/configs, CLUSTER, kafka-cluster, DESCRIBE_CONFIGS",
            "GET, v3/clusters/lkc-1/topics/-/partitions/-/reassignment, CLUSTER, kafka-cluster, DESCRIBE",
            // v3 brokers and cluster-wide broker configs
            "GET, v3/clusters/lkc-1/brokers, CLUSTER, kafka-cluster, DESCRIBE",
            "GET, v3/clusters/lkc-1/brokers/1, CLUSTER, kafka-cluster, DESCRIBE",
            "GET, v3/clusters/lkc-1/brokers/1/partition-replicas, CLUSTER, kafka-cluster, DESCRIBE",
            "GET, v3/clusters/lkc-1/brokers/1/configs, CLUSTER, kafka-cluster, DESCRIBE_CONFIGS",
            "GET, v3/clusters/lkc-1/brokers/-/configs, CLUSTER, kafka-cluster, DESCRIBE_CONFIGS",
            "GET, v3/clusters/lkc-1/brokers/1/configs/log.retention.ms, CLUSTER, kafka-cluster, DESCRIBE_CONFIGS",
            "PUT, v3/clusters/lkc-1/brokers/1/configs/log.retention.ms, CLUSTER, kafka-cluster, ALTER_CONFIGS",
            "DELETE, v3/clusters/lkc-1/brokers/1/configs/log.retention.ms, CLUSTER, kafka-cluster, ALTER_CONFIGS",
            "POST, v3/clusters/lkc-1/brokers/1/configs:alter, CLUSTER, kafka-cluster, ALTER_CONFIGS",
            "GET, v3/clusters/lkc-1/broker-configs, CLUSTER, kafka-cluster, DESCRIBE_CONFIGS",
            "GET, v3/clusters/lkc-1/broker-configs/log.retention.ms, CLUSTER, kafka-cluster, DESCRIBE_CONFIGS",
            "PUT, v3/clusters/lkc-1/broker-configs/log.retention.ms, CLUSTER, kafka-cluster, ALTER_CONFIGS",
            "DELETE, v3/clusters/lkc-1/broker-configs/log.retention.ms, CLUSTER, kafka-cluster, ALTER_CONFIGS",
            "POST, v3/clusters/lkc-1/broker-configs:alter, CLUSTER, kafka-cluster, ALTER_CONFIGS",
            // v3 ACLs
            "GET, v3/clusters/lkc-1/acls, CLUSTER, kafka-cluster, DESCRIBE",
            "POST, v3/clusters/lkc-1/acls, CLUSTER, kafka-cluster, ALTER",
            "DELETE, v3/clusters/lkc-1/acls, CLUSTER, kafka-cluster, ALTER",
            "POST, v3/clusters/lkc-1/acls:batch, CLUSTER, kafka-cluster, ALTER",
            // v3 consumer groups
            "GET, v3/clusters/lkc-1/consumer-groups, CLUSTER, kafka-cluster, DESCRIBE",
            "GET, v3/clusters/lkc-1/consumer-groups/billing, GROUP, billing, DESCRIBE",
            "GET, v3/clusters/lkc-1/consumer-groups/billing/consumers, GROUP, billing, DESCRIBE",
            "GET, v3/clusters/lkc-1/consumer-groups/billing/consumers/c-1, GROUP, billing, DESCRIBE",
            "GET, v3/clusters/lkc-1/consumer-groups/billing/consumers/c-1/assignments, GROUP, billing, DESCRIBE",
            "GET, v3/clusters/lkc-1/consumer-groups/billing/consumers/c-1/assignments/orders/partitions/0, GROUP, billing, DESCRIBE",
            "GET, v3/clusters/lkc-1/consumer-groups/billing/lags, GROUP, billing, DESCRIBE",
            "GET, v3/clusters/lkc-1/consumer-groups/billing/lags/orders/partitions/0, GROUP, billing, DESCRIBE",
            "GET, v3/clusters/lkc-1/consumer-groups/billing/lag-summary, GROUP, billing, DESCRIBE",
            // names are percent-decoded per segment, as JAX-RS decodes path parameters
            "POST, v3/clusters/lkc-1/topics/my%2Etopic/records, TOPIC, my.topic, WRITE",
            "GET, v3/clusters/lkc-1/consumer-groups/team%2Fa, GROUP, team/a, DESCRIBE",
            "GET, v3/clusters/lkc-1/consumer-groups/caf%C3%A9, GROUP, café, DESCRIBE",
            "GET, v3/clusters/lkc-1/consumer-groups/a+b, GROUP, a+b, DESCRIBE",
    })
    void mapsEveryEndpoint(String method, String path, ResourceType type, String name, AclOperation operation) {
        RestAccess access = RestProxyAccess.of(method, path);
        assertEquals(new RestAccess(RestAccess.Kind.CHECK, type, name, operation), access);
    }

    @ParameterizedTest(name = "{0} /{1} is denied")
    @CsvSource({
            // the v2 consumer API names its topics in request bodies
            "POST, consumers/billing",
            "POST, consumers/billing/instances/i1/subscription",
            "GET, consumers/billing/instances/i1/records",
            "POST, consumers/billing/instances/i1/offsets",
            "POST, consumers/billing/instances/i1/assignments",
            "DELETE, consumers/billing/instances/i1",
            // topics named in the body
            "POST, v3/clusters/lkc-1/topics/-/configs:alter",
            // '-' means all topics only where REST Proxy says so
            "GET, v3/clusters/lkc-1/topics/-",
            "DELETE, v3/clusters/lkc-1/topics/-",
            "POST, v3/clusters/lkc-1/topics/-/records",
            "PUT, v3/clusters/lkc-1/topics/-/configs/retention.ms",
            // wrong methods
            "POST, ''",
            "DELETE, topics",
            "PUT, topics/orders",
            "DELETE, topics/orders/partitions/0",
            "POST, brokers",
            "POST, v3/clusters",
            "DELETE, v3/clusters/lkc-1",
            "PUT, v3/clusters/lkc-1/topics/orders",
            "GET, v3/clusters/lkc-1/topics/orders/records",
            "POST, v3/clusters/lkc-1/topics/orders/configs",
            "PATCH, v3/clusters/lkc-1/topics/orders/configs/retention.ms",
            "GET, v3/clusters/lkc-1/topics/orders/configs:alter",
            "POST, v3/clusters/lkc-1/topics/orders/partitions",
            "DELETE, v3/clusters/lkc-1/consumer-groups/billing",
            "PUT, v3/clusters/lkc-1/acls",
            "GET, v3/clusters/lkc-1/acls:batch",
            "PUT, v3/clusters/lkc-1/brokers/1",
            "DELETE, v3/clusters/lkc-1/broker-configs",
            "OPTIONS, topics",
            // unknown paths and shapes
            "GET, v3",
            "GET, v3/topics",
            "GET, v3/clusters/lkc-1/unknown",
            "GET, v3/clusters/lkc-1/topic-configs",
            "GET, v3/clusters/lkc-1/topics/orders/unknown",
            "GET, v3/clusters/lkc-1/topics/orders/partitions/0/unknown",
            "GET, v3/clusters/lkc-1/topics/orders/partitions/0/replicas/1/extra",
            "GET, v3/clusters/lkc-1/consumer-groups/billing/unknown",
            "GET, v3/clusters/lkc-1/consumer-groups/billing/consumers/c-1/other",
            "GET, v3/clusters/lkc-1/consumer-groups/billing/lags/orders",
            "GET, v3/clusters/lkc-1/brokers/1/configs/a/b",
            "GET, topics/orders/partitions/0/offsets/extra",
            "GET, topics/orders/unknown",
            "GET, metrics",
            "GET, topics/a/../../v3/clusters",
            // encoded literals are not the literals; encoded or empty names, matrix parameters
            "GET, v3/%63lusters",
            "POST, v3/clusters/lkc-1/topics/orders/records%3Abatch",
            "POST, v3/clusters/lkc-1/topics/orders%2Frecords",
            "POST, v3/clusters/lkc-1//records",
            "POST, v3/clusters/lkc-1/topics//records",
            "POST, topics/orders;x=1",
            "POST, v3/clusters/lkc-1/topics/orders/records;v=1",
            "GET, v3/clusters/lkc-1/consumer-groups/bad%ZZ",
            "GET, v3/clusters/lkc-1/consumer-groups/bad%C3",
            "GET, v3/clusters/lkc-1/consumer-groups/bad%2",
            // topic names Kafka refuses
            "POST, topics/a%20b",
            "POST, v3/clusters/lkc-1/topics/..",
            "POST, v3/clusters/lkc-1/topics/%2A/records",
    })
    void deniesWhatTheTableDoesNotKnow(String method, String path) {
        assertEquals(RestAccess.UNMAPPED, RestProxyAccess.of(method, path));
    }

    @Test
    void encodedSlashesStayInsideTheirSegment() {
        // "orders%2Fconfigs" is one topic name, not the configs sub-resource, and Kafka refuses it
        assertEquals(RestAccess.UNMAPPED, RestProxyAccess.of("GET", "v3/clusters/lkc-1/topics/orders%2Fconfigs"));
        assertEquals(RestAccess.group("a/lags", AclOperation.DESCRIBE),
                RestProxyAccess.of("GET", "v3/clusters/lkc-1/consumer-groups/a%2Flags"));
    }

    @Test
    void topicNamesFollowKafkasRules() {
        assertEquals("a.b_c-D9", RestProxyAccess.topicName("a.b_c-D9"));
        assertEquals("x".repeat(249), RestProxyAccess.topicName("x".repeat(249)));
        assertNull(RestProxyAccess.topicName("x".repeat(250)));
        assertNull(RestProxyAccess.topicName("."));
        assertNull(RestProxyAccess.topicName(""));
        assertNull(RestProxyAccess.topicName("é"));
    }
}
