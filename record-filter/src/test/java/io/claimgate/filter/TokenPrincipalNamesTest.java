package io.claimgate.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.claimgate.policy.cel.CelVariables;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The record filter maps the consumer's own token with the broker's name rules and prefixes: a
 * name the broker would refuse gives no principal (the filter then fails closed), never a trimmed
 * one; groups carry {@code oauth.groups.prefix} as on the broker.
 */
class TokenPrincipalNamesTest {
    @TempDir
    Path dir;

    private final Object login = new Object();

    /** The consumer's principal source after its login published a token with {@code claims}. */
    private PrincipalSource afterLogin(Map<String, String> jaasOptions, Map<String, Object> claims) {
        Map<String, Object> configs = Fixtures.oauthConsumer(Fixtures.write(dir, Fixtures.DESIGN_POLICY), jaasOptions);
        PrincipalSource source = PrincipalSources.from(configs, FilterOptions.from(configs, name -> null), name -> null);
        Fixtures.slotOf(configs).publish(login, Fixtures.jwt(claims));
        return source;
    }

    @ParameterizedTest
    @ValueSource(strings = {"client1\u3000", "\u2003client1", "client1\u2028", " client1", "client1\t",
            "cli\u200bent1", "cli\u202eent1", "", "client1\ufe0f"})
    void aNameTheBrokerRefusesIsNoPrincipalNotATrimmedOne(String name) {
        assertNull(afterLogin(Map.of("oauth.username.claim", "client_id,sub"),
                Map.of("client_id", name, "sub", "client1")).current());
    }

    @Test
    void aGroupTheBrokerRefusesIsNoPrincipal() {
        assertNull(afterLogin(Map.of("oauth.groups.claim", "groups"),
                Map.of("sub", "client1", "groups", List.of("ops", "ops\u3000"))).current());
    }

    @Test
    void prefixesAreAppliedAsOnTheBroker() {
        FilterPrincipal principal = afterLogin(Map.of("oauth.username.prefix", "partner/", "oauth.groups.claim",
                "groups", "oauth.groups.prefix", "partner/"), Map.of("sub", "app", "groups",
                List.of("kafka admins"))).current();

        assertEquals("partner/app", principal.name());
        assertEquals(List.of("partner/kafka admins"), principal.variables().get(CelVariables.GROUPS));
    }
}
