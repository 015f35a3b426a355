package io.claimgate.rest;

import static org.apache.kafka.common.acl.AclOperation.ALTER;
import static org.apache.kafka.common.acl.AclOperation.ALTER_CONFIGS;
import static org.apache.kafka.common.acl.AclOperation.CREATE;
import static org.apache.kafka.common.acl.AclOperation.DELETE;
import static org.apache.kafka.common.acl.AclOperation.DESCRIBE;
import static org.apache.kafka.common.acl.AclOperation.DESCRIBE_CONFIGS;
import static org.apache.kafka.common.acl.AclOperation.WRITE;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * What a Confluent REST Proxy request needs: one operation on one Kafka resource, chosen as Kafka
 * itself would authorize the Kafka request REST Proxy makes for it (documented in
 * docs/CONFIGURATION.md, "Confluent REST Proxy"). REST Proxy talks to Kafka with its own
 * credentials, so this check is the only one made for the caller.
 * <ul>
 *   <li>produce ({@code POST .../topics/{t}/records}, v2 {@code POST /topics/{t}[/partitions/{p}]}):
 *       {@code write} on the topic, as Kafka's Produce;</li>
 *   <li>a topic, its partitions, replicas and offsets: {@code describe} on the topic (Metadata,
 *       ListOffsets); its configs: {@code describe_configs} / {@code alter_configs} on the topic;
 *       v2 {@code GET /topics/{t}} returns the configs too, so it needs {@code describe_configs};
 *       adding partitions ({@code PATCH}) {@code alter}, deleting {@code delete} on the topic;</li>
 *   <li>creating a topic: the name is in the body, which the filter does not read, so
 *       {@code create} on the cluster (Kafka also accepts it for any topic);</li>
 *   <li>anything about all topics or all groups at once (lists, {@code topics/-/configs}, broker
 *       replica lists): the cluster operation. Kafka filters such answers per resource; the REST
 *       layer cannot, so it asks for the permission that covers all of them;</li>
 *   <li>partition reassignments: {@code describe} on the cluster (Kafka's
 *       ListPartitionReassignments);</li>
 *   <li>brokers and broker configs: the cluster's {@code describe}, {@code describe_configs},
 *       {@code alter_configs}; ACLs: {@code describe} (list) and {@code alter} (create, delete) on
 *       the cluster, as DescribeAcls/CreateAcls/DeleteAcls;</li>
 *   <li>a consumer group, its consumers, assignments, lags and lag summary: {@code describe} on the
 *       group (DescribeGroups, OffsetFetch).</li>
 * </ul>
 * Denied, on purpose: the v2 consumer API ({@code /consumers/...}), whose subscriptions, assignments
 * and offset commits name topics in request bodies, so a decision from the path alone would be
 * made without seeing the topics read; {@code POST .../topics/-/configs:alter}, which names its
 * topics in the body; every other path using {@code -} as a topic name (REST Proxy's "all topics");
 * path segments with matrix parameters ({@code ;}); topic names Kafka would refuse; and anything
 * not in the table (a REST Proxy version that adds endpoints gets them closed until mapped here).
 *
 * <p>Literal segments are compared still percent-encoded (JAX-RS matches {@code @Path} literals on
 * the encoded path, so an encoded literal never reaches the resource this table thinks it does);
 * names are percent-decoded segment by segment, as JAX-RS decodes {@code @PathParam}s, so
 * {@code my%2Etopic} is checked as {@code my.topic} and an encoded {@code /} stays inside its name.
 * The cluster id in v3 paths is not checked: REST Proxy serves one cluster.
 */
final class RestProxyAccess {
    private static final RestAccess CLUSTER_DESCRIBE = RestAccess.check(DESCRIBE);
    private static final RestAccess CLUSTER_DESCRIBE_CONFIGS = RestAccess.check(DESCRIBE_CONFIGS);
    private static final RestAccess CLUSTER_ALTER = RestAccess.check(ALTER);
    private static final RestAccess CLUSTER_ALTER_CONFIGS = RestAccess.check(ALTER_CONFIGS);
    private static final RestAccess CLUSTER_CREATE = RestAccess.check(CREATE);
    private static final RestAccess UNMAPPED = RestAccess.UNMAPPED;
    /** REST Proxy's "every topic / broker / partition" placeholder in v3 paths. */
    private static final String ALL = "-";
    private static final int MAX_TOPIC_NAME_LENGTH = 249;

    private RestProxyAccess() {
    }

    /**
     * @param method  HTTP method
     * @param rawPath the request path relative to the application root, percent-encoded, with or
     *                without leading and trailing slashes ({@code v3/clusters/c1/topics})
     */
    static RestAccess of(String method, String rawPath) {
        String m = method.toUpperCase(Locale.ROOT);
        List<String> s = ConnectAccess.segments(rawPath);
        for (String segment : s) {
            if (segment.indexOf(';') >= 0) {
                return UNMAPPED;   // matrix parameters: how a container strips them is not ours to guess
            }
        }
        boolean read = m.equals("GET") || m.equals("HEAD");
        if (s.isEmpty()) {
            return read ? CLUSTER_DESCRIBE : UNMAPPED;   // v2 root: a liveness no-op
        }
        return switch (s.get(0)) {
            case "v3" -> s.size() >= 2 && s.get(1).equals("clusters") ? v3(m, read, s) : UNMAPPED;
            case "topics" -> v2Topics(m, read, s);
            case "brokers" -> s.size() == 1 && read ? CLUSTER_DESCRIBE : UNMAPPED;
            // v2 consumer instances: topics are in the bodies (subscription, assignments, offsets).
            case "consumers" -> UNMAPPED;
            default -> UNMAPPED;
        };
    }

    /** v2: {@code /topics}, {@code /topics/{t}}, {@code /topics/{t}/partitions[/{p}[/offsets]]}. */
    private static RestAccess v2Topics(String m, boolean read, List<String> s) {
        int n = s.size();
        if (n == 1) {
            return read ? CLUSTER_DESCRIBE : UNMAPPED;
        }
        String topic = topicName(s.get(1));
        if (topic == null) {
            return UNMAPPED;
        }
        if (n == 2) {
            // GET answers with the topic's configs; POST produces
            return read ? RestAccess.topic(topic, DESCRIBE_CONFIGS) : m.equals("POST") ? RestAccess.topic(topic, WRITE)
                    : UNMAPPED;
        }
        if (!s.get(2).equals("partitions") || n > 5) {
            return UNMAPPED;
        }
        return switch (n) {
            case 3 -> read ? RestAccess.topic(topic, DESCRIBE) : UNMAPPED;
            case 4 -> read ? RestAccess.topic(topic, DESCRIBE) : m.equals("POST") ? RestAccess.topic(topic, WRITE)
                    : UNMAPPED;
            default -> read && s.get(4).equals("offsets") ? RestAccess.topic(topic, DESCRIBE) : UNMAPPED;
        };
    }

    /** v3: {@code /v3/clusters[/{c}[/...]]}. */
    private static RestAccess v3(String m, boolean read, List<String> s) {
        int n = s.size();
        if (n <= 3) {
            return read ? CLUSTER_DESCRIBE : UNMAPPED;   // list clusters, describe the cluster
        }
        return switch (s.get(3)) {
            case "topics" -> v3Topics(m, read, s);
            case "consumer-groups" -> v3Groups(read, s);
            case "brokers" -> v3Brokers(m, read, s);
            case "broker-configs" -> n == 4 ? (read ? CLUSTER_DESCRIBE_CONFIGS : UNMAPPED)
                    : n == 5 ? configEntry(m, read, CLUSTER_DESCRIBE_CONFIGS, CLUSTER_ALTER_CONFIGS) : UNMAPPED;
            case "broker-configs:alter" -> n == 4 && m.equals("POST") ? CLUSTER_ALTER_CONFIGS : UNMAPPED;
            case "acls" -> n != 4 ? UNMAPPED : read ? CLUSTER_DESCRIBE
                    : m.equals("POST") || m.equals("DELETE") ? CLUSTER_ALTER : UNMAPPED;
            case "acls:batch" -> n == 4 && m.equals("POST") ? CLUSTER_ALTER : UNMAPPED;
            default -> UNMAPPED;
        };
    }

    /** {@code .../topics[/{t}[/...]]}; segment 4 is the topic. */
    private static RestAccess v3Topics(String m, boolean read, List<String> s) {
        int n = s.size();
        if (n == 4) {
            return read ? CLUSTER_DESCRIBE : m.equals("POST") ? CLUSTER_CREATE : UNMAPPED;
        }
        if (s.get(4).equals(ALL)) {
            return allTopics(read, s);
        }
        String topic = topicName(s.get(4));
        if (topic == null) {
            return UNMAPPED;
        }
        if (n == 5) {
            return switch (m) {
                case "GET", "HEAD" -> RestAccess.topic(topic, DESCRIBE);
                case "PATCH" -> RestAccess.topic(topic, ALTER);   // partitions_count: CreatePartitions
                case "DELETE" -> RestAccess.topic(topic, DELETE);
                default -> UNMAPPED;
            };
        }
        return switch (s.get(5)) {
            case "configs" -> n == 6 ? (read ? RestAccess.topic(topic, DESCRIBE_CONFIGS) : UNMAPPED)
                    : n == 7 ? configEntry(m, read, RestAccess.topic(topic, DESCRIBE_CONFIGS),
                    RestAccess.topic(topic, ALTER_CONFIGS)) : UNMAPPED;
            case "configs:alter" -> n == 6 && m.equals("POST") ? RestAccess.topic(topic, ALTER_CONFIGS) : UNMAPPED;
            case "records", "records:batch" -> n == 6 && m.equals("POST") ? RestAccess.topic(topic, WRITE) : UNMAPPED;
            case "partitions" -> read ? partitions(topic, s) : UNMAPPED;
            default -> UNMAPPED;
        };
    }

    /** GET {@code .../topics/{t}/partitions[/{p}[/replicas[/{b}] | /offset | /reassignment]]}. */
    private static RestAccess partitions(String topic, List<String> s) {
        int n = s.size();
        if (n == 6 || n == 7) {
            return RestAccess.topic(topic, DESCRIBE);
        }
        String sub = s.get(7);
        if (n == 8 && sub.equals("reassignment")) {
            return CLUSTER_DESCRIBE;   // ListPartitionReassignments is a cluster operation in Kafka
        }
        if (n == 8 && (sub.equals("replicas") || sub.equals("offset")) || n == 9 && sub.equals("replicas")) {
            return RestAccess.topic(topic, DESCRIBE);
        }
        return UNMAPPED;
    }

    /** {@code .../topics/-/...}: only the two read-only "all topics" endpoints. */
    private static RestAccess allTopics(boolean read, List<String> s) {
        int n = s.size();
        if (read && n == 6 && s.get(5).equals("configs")) {
            return CLUSTER_DESCRIBE_CONFIGS;
        }
        if (read && n == 8 && s.get(5).equals("partitions") && s.get(6).equals(ALL)
                && s.get(7).equals("reassignment")) {
            return CLUSTER_DESCRIBE;
        }
        return UNMAPPED;   // includes POST topics/-/configs:alter, whose topics are in the body
    }

    /** {@code .../brokers[/{b}[/configs[/{name}] | /configs:alter | /partition-replicas]]}. */
    private static RestAccess v3Brokers(String m, boolean read, List<String> s) {
        int n = s.size();
        if (n <= 5) {
            return read ? CLUSTER_DESCRIBE : UNMAPPED;
        }
        return switch (s.get(5)) {
            case "configs" -> n == 6 ? (read ? CLUSTER_DESCRIBE_CONFIGS : UNMAPPED)
                    : n == 7 ? configEntry(m, read, CLUSTER_DESCRIBE_CONFIGS, CLUSTER_ALTER_CONFIGS) : UNMAPPED;
            case "configs:alter" -> n == 6 && m.equals("POST") ? CLUSTER_ALTER_CONFIGS : UNMAPPED;
            case "partition-replicas" -> n == 6 && read ? CLUSTER_DESCRIBE : UNMAPPED;
            default -> UNMAPPED;
        };
    }

    /** GET {@code .../consumer-groups[/{g}[/consumers[/{id}[/assignments[/{t}/partitions/{p}]]] | /lags... | /lag-summary]]}. */
    private static RestAccess v3Groups(boolean read, List<String> s) {
        int n = s.size();
        if (!read) {
            return UNMAPPED;   // REST Proxy has no writes on consumer groups
        }
        if (n == 4) {
            return CLUSTER_DESCRIBE;
        }
        String group = decode(s.get(4));
        if (group == null) {
            return UNMAPPED;
        }
        RestAccess describe = RestAccess.group(group, DESCRIBE);
        if (n == 5) {
            return describe;
        }
        boolean known = switch (s.get(5)) {
            case "consumers" -> n <= 7 || s.get(7).equals("assignments") && (n == 8
                    || n == 11 && topicName(s.get(8)) != null && s.get(9).equals("partitions"));
            case "lags" -> n == 6 || n == 9 && topicName(s.get(6)) != null && s.get(7).equals("partitions");
            case "lag-summary" -> n == 6;
            default -> false;
        };
        return known ? describe : UNMAPPED;
    }

    /** A single config entry: read, or set/reset it. */
    private static RestAccess configEntry(String m, boolean read, RestAccess describe, RestAccess alter) {
        return read ? describe : m.equals("PUT") || m.equals("DELETE") ? alter : UNMAPPED;
    }

    /** The decoded topic name, or null unless Kafka would accept it as one ([a-zA-Z0-9._-], at most 249). */
    static String topicName(String rawSegment) {
        String name = decode(rawSegment);
        if (name == null || name.length() > MAX_TOPIC_NAME_LENGTH || name.equals(".") || name.equals("..")) {
            return null;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean legal = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == '.' || c == '_' || c == '-';
            if (!legal) {
                return null;
            }
        }
        return name;
    }

    /** One path segment percent-decoded as UTF-8 ({@code +} stays {@code +}); null if empty or malformed. */
    static String decode(String rawSegment) {
        if (rawSegment.isEmpty()) {
            return null;
        }
        if (rawSegment.indexOf('%') < 0) {
            return rawSegment.chars().allMatch(c -> c < 0x80) ? rawSegment : null;   // as below: a raw path is ASCII
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(rawSegment.length());
        for (int i = 0; i < rawSegment.length(); i++) {
            char c = rawSegment.charAt(i);
            if (c == '%') {
                if (i + 2 >= rawSegment.length()) {
                    return null;
                }
                char high = rawSegment.charAt(i + 1);
                char low = rawSegment.charAt(i + 2);
                if (!HexFormat.isHexDigit(high) || !HexFormat.isHexDigit(low)) {
                    return null;   // ASCII only: Character.digit would take fullwidth digits, decoding what JAX-RS refuses
                }
                bytes.write(HexFormat.fromHexDigit(high) << 4 | HexFormat.fromHexDigit(low));
                i += 2;
            } else if (c < 0x80) {
                bytes.write(c);
            } else {
                return null;   // a raw path is ASCII; anything else was not encoded as a URI path
            }
        }
        try {
            String decoded = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
            return decoded.isEmpty() ? null : decoded;
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
