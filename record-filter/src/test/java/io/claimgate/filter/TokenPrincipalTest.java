package io.claimgate.filter;

import static io.claimgate.filter.Fixtures.header;
import static io.claimgate.filter.Fixtures.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.claimgate.common.token.IssuedTokens;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The principal comes from the token claimgate's login handler published for the same JAAS entry,
 * mapped with the broker's options from that entry; a refreshed token is picked up.
 */
class TokenPrincipalTest {
    @TempDir
    Path dir;

    private final Object login = new Object();

    private static Fixtures.Batch batch() {
        return new Fixtures.Batch().add("t", 0, "internal", header("internal", "true")).add("t", 0, "public");
    }

    @Test
    void filtersAsThePrincipalOfTheConsumersOwnToken() {
        Path policy = Fixtures.write(dir, Fixtures.DESIGN_POLICY);
        Map<String, Object> configs = Fixtures.oauthConsumer(policy, Map.of("oauth.username.claim", "client_id,sub"));
        Fixtures.Pair interceptor = Fixtures.interceptor(configs);   // before the login, as in Kafka
        IssuedTokens.Slot slot = Fixtures.slotOf(configs);

        slot.publish(login, Fixtures.jwt(Map.of("sub", "service-account-1", "client_id", "client1")));
        assertEquals(List.of("internal", "public"), values(interceptor.onConsume(batch().build())));

        slot.publish(login, Fixtures.jwt(Map.of("sub", "client1")));   // refreshed: no client_id, so sub... is client1 again
        assertEquals(List.of("internal", "public"), values(interceptor.onConsume(batch().build())));

        slot.publish(login, Fixtures.jwt(Map.of("client_id", "client2")));
        assertEquals(List.of("public"), values(interceptor.onConsume(batch().build())));

        slot.retract(login);   // login closed: no principal any more
        assertTrue(interceptor.onConsume(batch().build()).isEmpty());
        interceptor.close();
    }

    @Test
    void prefixGroupsAndScopesAreMappedAsOnTheBroker() {
        Path policy = Fixtures.write(dir, Fixtures.filters(Fixtures.filter("f", "[\"*\"]",
                "!(principal.name == 'corp/app' && 'ops' in groups && 'read' in scopes && claims.tier == 2)")));
        Map<String, Object> configs = Fixtures.oauthConsumer(policy, Map.of("oauth.username.prefix", "corp/",
                "oauth.groups.claim", "realm_access.roles", "oauth.scope.claim", "scp"));
        Fixtures.Pair interceptor = Fixtures.interceptor(configs);
        Fixtures.slotOf(configs).publish(login, Fixtures.jwt(Map.of("sub", "app", "scp", "read write", "tier", 2,
                "realm_access", Map.of("roles", List.of("ops", "dev")))));
        assertEquals(List.of("internal", "public"), values(interceptor.onConsume(batch().build())));
        interceptor.close();
    }

    @Test
    void anOpaqueOrUnmappableTokenMeansNoPrincipal() {
        Path policy = Fixtures.write(dir, Fixtures.DESIGN_POLICY);
        Map<String, Object> configs = Fixtures.oauthConsumer(policy, Map.of());
        Fixtures.Pair interceptor = Fixtures.interceptor(configs);
        IssuedTokens.Slot slot = Fixtures.slotOf(configs);
        slot.publish(login, "opaque-token-value");
        assertTrue(interceptor.onConsume(batch().build()).isEmpty());
        slot.publish(login, Fixtures.jwt(Map.of("client_id", "no-sub-claim")));
        assertTrue(interceptor.onConsume(batch().build()).isEmpty());
        interceptor.close();
    }

    @Test
    void theOverrideWinsOverTheToken() {
        Path policy = Fixtures.write(dir, Fixtures.DESIGN_POLICY);
        Map<String, Object> configs = Fixtures.oauthConsumer(policy, Map.of());
        configs.put("claimgate.filter.principal", "client1");
        Fixtures.Pair interceptor = Fixtures.interceptor(configs);
        Fixtures.slotOf(configs).publish(login, Fixtures.jwt(Map.of("sub", "client2")));
        assertEquals(List.of("internal", "public"), values(interceptor.onConsume(batch().build())));
        interceptor.close();
    }
}
