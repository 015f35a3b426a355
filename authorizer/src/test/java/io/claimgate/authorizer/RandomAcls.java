package io.claimgate.authorizer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.security.auth.KafkaPrincipal;
import org.apache.kafka.metadata.authorizer.StandardAcl;
import org.apache.kafka.server.authorizer.Action;
import org.apache.kafka.server.authorizer.AuthorizableRequestContext;

/**
 * Random broker configurations, ACLs, requesters and actions for the differential test, drawn from
 * a small vocabulary so that names, prefixes, principals, hosts and operations collide often: a
 * random ACL set over a large vocabulary would almost never decide anything but "no ACL".
 * Deterministic for a given {@link Random}, so a seed replays a run.
 */
final class RandomAcls {
    static final List<ResourceType> TYPES = List.of(ResourceType.TOPIC, ResourceType.GROUP, ResourceType.CLUSTER,
            ResourceType.TRANSACTIONAL_ID, ResourceType.DELEGATION_TOKEN, ResourceType.USER);
    /** Every operation an ACL can hold or a request can ask for (ANY and UNKNOWN are filter values). */
    static final List<AclOperation> OPERATIONS = Arrays.stream(AclOperation.values())
            .filter(op -> op != AclOperation.ANY && op != AclOperation.UNKNOWN).toList();
    /** {@code User:*} is Kafka's wildcard principal; {@code Group:*} is not a wildcard, only a name. */
    static final List<String> ACL_PRINCIPALS = List.of("User:alice", "User:bob", "User:*", "Group:ops", "Group:*",
            "User:carol");
    /** Kafka compares hosts as strings: {@code ::1} never matches a client, whose address reads {@code 0:0:0:0:0:0:0:1}. */
    static final List<String> ACL_HOSTS = List.of("*", "10.0.0.1", "10.0.0.2", "0:0:0:0:0:0:0:1", "::1");
    static final List<String> CLIENT_HOSTS = List.of("10.0.0.1", "10.0.0.2", "10.0.0.3", "::1");
    /**
     * Requesters as a principal builder may produce them: users, a principal of another type, one
     * without any ACL, token principals, and {@code User:*} (a principal literally named {@code *}).
     * Token groups are claimgate's extension, unknown to StandardAuthorizer: the one token principal
     * with a group has a group that no ACL names, which must change nothing.
     */
    static final List<KafkaPrincipal> REQUESTERS = List.of(new KafkaPrincipal("User", "alice"),
            new KafkaPrincipal("User", "bob"), new KafkaPrincipal("Group", "ops"), new KafkaPrincipal("User", "dave"),
            TestBroker.user("alice"), TestBroker.user("bob", List.of("eng"), Set.of("kafka"), Map.of("sub", "bob")),
            new KafkaPrincipal("User", "*"));
    static final List<String> SUPER_USER_CANDIDATES = List.of("User:alice", "User:bob", "Group:ops", "User:*",
            "User:dave");
    /** Short names over a tiny alphabet share prefixes; the specials are Kafka's wildcard, a literal star, Kafka's probe name. */
    private static final String ALPHABET = "ab-";
    private static final List<String> SPECIAL_NAMES = List.of("*", "a*", "hardcode", "kafka-cluster");
    private static final List<ApiKeys> APIS = List.of(ApiKeys.METADATA, ApiKeys.PRODUCE, ApiKeys.FETCH,
            ApiKeys.INIT_PRODUCER_ID, ApiKeys.CREATE_TOPICS);

    private final Random random;

    RandomAcls(Random random) {
        this.random = random;
    }

    /**
     * Node properties both authorizers read: {@code super.users} (with Kafka's tolerated spacing and
     * empty entries), {@code allow.everyone.if.no.acl.found} set either way or absent, and, for
     * claimgate only, its decision cache on or off.
     */
    Map<String, Object> configs() {
        Map<String, Object> configs = new HashMap<>();
        configs.put("node.id", "1");
        List<String> superUsers = new ArrayList<>();
        for (int i = random.nextInt(3); i > 0; i--) {
            superUsers.add(pick(SUPER_USER_CANDIDATES));
        }
        if (!superUsers.isEmpty() || random.nextBoolean()) {
            configs.put("super.users", String.join(random.nextBoolean() ? ";" : " ; ", superUsers)
                    + (random.nextInt(4) == 0 ? ";" : ""));
        }
        switch (random.nextInt(3)) {
            case 0 -> configs.put("allow.everyone.if.no.acl.found", "true");
            case 1 -> configs.put("allow.everyone.if.no.acl.found", "false");
            default -> { }
        }
        if (random.nextBoolean()) {
            configs.put("claimgate.authorizer.cache.max.entries", "0");
        }
        return configs;
    }

    /** Up to {@code max} distinct ACLs (Kafka refuses two ACLs with equal contents). */
    List<StandardAcl> acls(int max) {
        Set<StandardAcl> acls = new LinkedHashSet<>();
        for (int i = random.nextInt(max + 1); i > 0; i--) {
            acls.add(acl());
        }
        return new ArrayList<>(acls);
    }

    StandardAcl acl() {
        ResourceType type = pick(TYPES);
        PatternType pattern = random.nextInt(3) == 0 ? PatternType.PREFIXED : PatternType.LITERAL;
        String name = pattern == PatternType.LITERAL && random.nextInt(6) == 0 ? ResourcePattern.WILDCARD_RESOURCE
                : name();
        AclPermissionType permission = random.nextInt(3) == 0 ? AclPermissionType.DENY : AclPermissionType.ALLOW;
        return new StandardAcl(type, name, pattern, pick(ACL_PRINCIPALS), pick(ACL_HOSTS), pick(OPERATIONS),
                permission);
    }

    /** Random ids, as the controller assigns them. */
    static Map<Uuid, StandardAcl> withIds(List<StandardAcl> acls) {
        Map<Uuid, StandardAcl> byId = new LinkedHashMap<>();
        acls.forEach(acl -> byId.put(Uuid.randomUuid(), acl));
        return byId;
    }

    Uuid id() {
        return new Uuid(random.nextLong(), random.nextLong());
    }

    AuthorizableRequestContext request() {
        return TestBroker.request(pick(REQUESTERS), pick(CLIENT_HOSTS), pick(APIS));
    }

    /** One to three actions on literal resources, named like, around, or apart from the ACLs' names. */
    List<Action> actions(List<StandardAcl> acls) {
        List<Action> actions = new ArrayList<>();
        for (int i = 1 + random.nextInt(3); i > 0; i--) {
            ResourceType type = pick(TYPES);
            ResourcePattern resource = new ResourcePattern(type, requestedName(acls, type), PatternType.LITERAL);
            actions.add(new Action(pick(OPERATIONS), resource, 1, random.nextBoolean(), random.nextBoolean()));
        }
        return actions;
    }

    AclOperation operation() {
        return pick(OPERATIONS);
    }

    ResourceType type() {
        return pick(TYPES);
    }

    boolean chance(int oneIn) {
        return random.nextInt(oneIn) == 0;
    }

    <T> T pick(List<T> from) {
        return from.get(random.nextInt(from.size()));
    }

    /** An ACL's name, that name extended or cut (prefix relations), or any name. */
    private String requestedName(List<StandardAcl> acls, ResourceType type) {
        List<String> names = acls.stream().filter(acl -> acl.resourceType() == type).map(StandardAcl::resourceName)
                .toList();
        if (names.isEmpty() || random.nextInt(4) == 0) {
            return name();
        }
        String base = pick(names);
        return switch (random.nextInt(3)) {
            case 0 -> base;
            case 1 -> base + word(1 + random.nextInt(2));
            default -> base.length() > 1 ? base.substring(0, 1 + random.nextInt(base.length() - 1)) : base;
        };
    }

    private String name() {
        return random.nextInt(8) == 0 ? pick(SPECIAL_NAMES) : word(1 + random.nextInt(4));
    }

    private String word(int length) {
        StringBuilder word = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            word.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return word.toString();
    }
}
