package io.claimgate.authorizer;

import static org.apache.kafka.common.acl.AclOperation.READ;
import static org.apache.kafka.common.acl.AclPermissionType.ALLOW;
import static org.apache.kafka.common.acl.AclPermissionType.DENY;
import static org.apache.kafka.common.resource.PatternType.LITERAL;
import static org.apache.kafka.common.resource.PatternType.PREFIXED;
import static org.apache.kafka.common.resource.ResourceType.GROUP;
import static org.apache.kafka.common.resource.ResourceType.TOPIC;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.security.auth.KafkaPrincipal;
import org.apache.kafka.metadata.authorizer.StandardAcl;
import org.apache.kafka.server.authorizer.AuthorizableRequestContext;
import org.junit.jupiter.api.Test;

/**
 * The cases where {@link StandardAuthorizerDifferentialTest} found ClaimAuthorizer (without
 * policies) and Kafka's StandardAuthorizer apart, each pinned with what claimgate does and what
 * Kafka 4.3.1 does.
 */
class KafkaParityTest {
    static final KafkaPrincipal NAMED_STAR = new KafkaPrincipal(KafkaPrincipal.USER_TYPE, "*");
    static final KafkaPrincipal ALICE = new KafkaPrincipal(KafkaPrincipal.USER_TYPE, "alice");

    /**
     * Found by the differential test: claimgate treated a requester named {@code *} (a token with
     * {@code sub: "*"}, say) as holder of every {@code User:*} ACL, and of everything under
     * {@code allow.everyone.if.no.acl.found}. Kafka refuses it: its principal set would hold
     * {@code User:*} twice ({@code Set.of} throws). claimgate now denies it, after super users and
     * the not-ready check, as Kafka does.
     */
    @Test
    void aRequesterNamedUserStarIsDeniedWhereKafkaRefusesIt() {
        List<StandardAcl> acls = List.of(acl("User:*", ALLOW, READ, TOPIC, "t", LITERAL));
        try (AuthorizerPair pair = AuthorizerPair.loaded(Map.of("node.id", "1"), acls)) {
            assertEquals(answers("[DENIED]", "threw IllegalArgumentException"), read(pair, NAMED_STAR, TOPIC, "t"));
            assertEquals(answers("[ALLOWED]", "[ALLOWED]"), read(pair, ALICE, TOPIC, "t"), "User:* ACLs are for everyone");
            assertEquals(answers("DENIED", "threw IllegalArgumentException"), byType(pair, NAMED_STAR, READ, TOPIC));
        }
        try (AuthorizerPair pair = AuthorizerPair.loaded(Map.of("node.id", "1", "allow.everyone.if.no.acl.found", "true"),
                List.of())) {
            assertEquals(answers("[DENIED]", "threw IllegalArgumentException"), read(pair, NAMED_STAR, TOPIC, "t"));
            assertEquals(answers("DENIED", "threw IllegalArgumentException"), byType(pair, NAMED_STAR, READ, TOPIC));
        }
        try (AuthorizerPair pair = AuthorizerPair.loaded(Map.of("node.id", "1", "super.users", "User:*"), List.of())) {
            assertEquals(answers("[ALLOWED]", "[ALLOWED]"), read(pair, NAMED_STAR, TOPIC, "t"), "super users come first");
        }
    }

    /**
     * Found by the differential test, and a Kafka bug rather than a claimgate one: StandardAuthorizer
     * (4.3.1) skips LITERAL {@code *} ACLs for a resource name that starts with {@code *} and is
     * longer, because its sorted scan takes the wildcard for a literal ACL on a prefix of the name.
     * A wildcard DENY is then escaped by a consumer group or transactional id named {@code *x}.
     * Kafka documents {@code *} as "every resource", and claimgate keeps it so: deny by default,
     * nothing fails open. (The differential test compares such names against a StandardAuthorizer
     * given the wildcard ACLs spelled out as literal ones; if this test fails because Kafka fixed
     * its side, that correction can go.)
     */
    @Test
    void wildcardAclsCoverNamesThatStartWithAStarUnlikeInKafka() {
        List<StandardAcl> acls = List.of(acl("User:alice", ALLOW, READ, GROUP, "*", PREFIXED),
                acl("User:*", DENY, READ, GROUP, "*", LITERAL));
        try (AuthorizerPair pair = AuthorizerPair.loaded(Map.of("node.id", "1"), acls)) {
            assertEquals(answers("[DENIED]", "[DENIED]"), read(pair, ALICE, GROUP, "*"));
            assertEquals(answers("[DENIED]", "[ALLOWED]"), read(pair, ALICE, GROUP, "*x"), "Kafka misses the wildcard deny");
            assertEquals(answers("[DENIED]", "[DENIED]"), read(pair, ALICE, GROUP, "x*"));
        }
        try (AuthorizerPair pair = AuthorizerPair.loaded(Map.of("node.id", "1"),
                List.of(acl("User:alice", ALLOW, READ, GROUP, "*", LITERAL)))) {
            assertEquals(answers("[ALLOWED]", "[DENIED]"), read(pair, ALICE, GROUP, "**"), "Kafka misses the wildcard allow");
        }
    }

    private static AuthorizerPair.Answers read(AuthorizerPair pair, KafkaPrincipal principal, ResourceType type,
                                               String name) {
        AuthorizableRequestContext request = TestBroker.request(principal);
        return pair.ask(authorizer -> authorizer.authorize(request, List.of(TestBroker.action(READ, type, name))));
    }

    private static AuthorizerPair.Answers byType(AuthorizerPair pair, KafkaPrincipal principal, AclOperation op,
                                                 ResourceType type) {
        AuthorizableRequestContext request = TestBroker.request(principal);
        return pair.ask(authorizer -> authorizer.authorizeByResourceType(request, op, type));
    }

    private static AuthorizerPair.Answers answers(String claimgate, String kafka) {
        return new AuthorizerPair.Answers(claimgate, kafka);
    }

    private static StandardAcl acl(String principal, AclPermissionType permission, AclOperation op, ResourceType type,
                                   String name, PatternType pattern) {
        return new StandardAcl(type, name, pattern, principal, "*", op, permission);
    }
}
