package io.claimgate.authorizer.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.claimgate.policy.OAuthKafkaPrincipal;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.security.auth.KafkaPrincipal;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.server.authorizer.AuthorizableRequestContext;
import org.junit.jupiter.api.Test;

/**
 * Requesters get one canonical key (so the decision cache compares them by identity), but a key is
 * only ever reused for a request that equals it in every part.
 */
class SubjectKeysTest {
    private final SubjectKeys keys = new SubjectKeys(1_000);

    @Test
    void equalRequestersShareOneKeyWhateverTheirInstances() throws Exception {
        SubjectKey first = keys.of(context(token("alice", Map.of("sub", "alice", "tier", "gold")), "10.0.0.1"));
        SubjectKey again = keys.of(context(token("alice", Map.of("sub", "alice", "tier", "gold")), "10.0.0.1"));
        assertSame(first, again);
    }

    @Test
    void aSessionsClaimsMapIsOnlyReusedWhenEveryOtherPartMatches() throws Exception {
        Map<String, Object> claims = Map.of("sub", "alice", "tier", "gold");
        SubjectKey alice = keys.of(context(token("alice", claims), "10.0.0.1"));

        SubjectKey otherName = keys.of(context(token("mallory", claims), "10.0.0.1"));
        SubjectKey otherAddress = keys.of(context(token("alice", claims), "10.0.0.2"));
        SubjectKey otherGroups = keys.of(context(new OAuthKafkaPrincipal(KafkaPrincipal.USER_TYPE, "alice",
                List.of("admins"), Set.of(), claims), "10.0.0.1"));

        assertNotEquals(alice, otherName);
        assertEquals("mallory", otherName.name);
        assertNotEquals(alice, otherAddress);
        assertNotEquals(alice, otherGroups);
        assertSame(alice, keys.of(context(token("alice", claims), "10.0.0.1")));
    }

    @Test
    void differentClaimsMakeDifferentKeys() throws Exception {
        SubjectKey gold = keys.of(context(token("alice", Map.of("sub", "alice", "tier", "gold")), "10.0.0.1"));
        SubjectKey bronze = keys.of(context(token("alice", Map.of("sub", "alice", "tier", "bronze")), "10.0.0.1"));
        assertNotEquals(gold, bronze);
    }

    @Test
    void principalsWithoutATokenAreKeyedByTypeAndName() throws Exception {
        SubjectKey one = keys.of(context(new KafkaPrincipal(KafkaPrincipal.USER_TYPE, "svc"), "10.0.0.1"));
        SubjectKey two = keys.of(context(new KafkaPrincipal(KafkaPrincipal.USER_TYPE, "svc"), "10.0.0.1"));
        assertEquals(one, two);
        assertNotEquals(one, keys.of(context(new KafkaPrincipal(KafkaPrincipal.USER_TYPE, "other"), "10.0.0.1")));
    }

    private static OAuthKafkaPrincipal token(String name, Map<String, Object> claims) {
        return new OAuthKafkaPrincipal(KafkaPrincipal.USER_TYPE, name, List.of(), Set.of(), claims);
    }

    private static AuthorizableRequestContext context(KafkaPrincipal principal, String address) throws Exception {
        return new Context(principal, InetAddress.getByName(address));
    }

    /** A request context as Kafka hands it to the authorizer; also used by {@link DecisionLogTest}. */
    record Context(KafkaPrincipal principal, InetAddress clientAddress) implements AuthorizableRequestContext {
        @Override
        public String listenerName() {
            return "SASL_SSL";
        }

        @Override
        public SecurityProtocol securityProtocol() {
            return SecurityProtocol.SASL_SSL;
        }

        @Override
        public int requestType() {
            return 0;
        }

        @Override
        public int requestVersion() {
            return 0;
        }

        @Override
        public String clientId() {
            return "test";
        }

        @Override
        public int correlationId() {
            return 0;
        }
    }
}
