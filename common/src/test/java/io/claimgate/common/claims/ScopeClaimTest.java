package io.claimgate.common.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.claimgate.common.config.InvalidOptionException;
import io.claimgate.common.config.OptionReader;
import io.claimgate.common.config.OptionSource;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScopeClaimTest {
    private static final ScopeClaim SPACES = ScopeClaim.of("scope");
    private static final ScopeClaim COMMAS_TOO = new ScopeClaim("scope", true);

    @Test
    void aStringIsSplitOnSpacesOnly() {
        assertEquals(List.of("kafka:read,admin"), SPACES.scopes(Map.of("scope", "kafka:read,admin")));
        assertEquals(List.of("a", "b", "c"), SPACES.scopes(Map.of("scope", "  a b   c ")));
        for (String other : List.of("\t", "\n", "\r", "\f", "\u000b", "\u00a0", "\u2003", "\u3000", "\u2028", "\u200b")) {
            assertEquals(List.of("a" + other + "b"), SPACES.scopes(Map.of("scope", "a" + other + "b")), other);
            assertEquals(List.of("admin" + other), SPACES.scopes(Map.of("scope", "admin" + other)), other);
        }
        assertEquals(List.of(), SPACES.scopes(Map.of("scope", "   ")));
    }

    @Test
    void commasSeparateOnlyWhenAsked() {
        assertEquals(List.of("kafka:read", "admin"), COMMAS_TOO.scopes(Map.of("scope", "kafka:read,admin")));
        assertEquals(List.of("a", "b", "c"), COMMAS_TOO.scopes(Map.of("scope", ",a, b,,c ,")));
        assertEquals(List.of("a\t", "b"), COMMAS_TOO.scopes(Map.of("scope", "a\t,b")));
    }

    @Test
    void anArrayIsTakenAsItIs() {
        assertEquals(List.of("a,b", " c", "d e"), COMMAS_TOO.scopes(Map.of("scope", List.of("a,b", " c", "d e"))));
        assertEquals(List.of("a"), SPACES.scopes(Map.of("scope", Arrays.asList("a", 1L, null, true, List.of("b"), ""))));
        assertEquals(List.of(), SPACES.scopes(Map.of("scope", 42L)));
        assertEquals(List.of(), SPACES.scopes(Map.of("scope", Map.of("a", "b"))));
        assertEquals(List.of(), SPACES.scopes(Map.of()));
        assertEquals(List.of("x"), ScopeClaim.of("realm.scopes").scopes(Map.of("realm", Map.of("scopes", "x"))));
    }

    @Test
    void options() {
        assertEquals(SPACES, read(Map.of()));
        assertEquals(new ScopeClaim("scp", false), read(Map.of("oauth.scope.claim", "scp", "oauth.scope.claim.separators", "space")));
        assertEquals(COMMAS_TOO, read(Map.of("oauth.scope.claim.separators", "space,comma")));
        assertEquals(COMMAS_TOO, read(Map.of("oauth.scope.claim.separators", " comma  Space ")));
        assertEquals(SPACES, read(Map.of("oauth.scope.claim.separators", " ")), "blank is unset, as for every option");
        for (String bad : List.of("comma", ",", "space,tab", "space;comma")) {
            InvalidOptionException e = assertThrows(InvalidOptionException.class,
                    () -> read(Map.of("oauth.scope.claim.separators", bad)), bad);
            assertEquals("oauth.scope.claim.separators", e.option());
        }
        assertEquals(COMMAS_TOO, ClaimMapping.from(reader(Map.of("oauth.scope.claim.separators", "space,comma")))
                .scopeClaim(), "the record filter reads the option too");
    }

    @Test
    void aTokenRequestOrResponseScopeIsSplitOnSpaces() {
        assertEquals(List.of("openid", "kafka:read,admin"), ScopeClaim.split(" openid  kafka:read,admin"));
    }

    private static ScopeClaim read(Map<String, String> jaas) {
        return ScopeClaim.from(reader(jaas));
    }

    private static OptionReader reader(Map<String, String> jaas) {
        return new OptionReader(OptionSource.of(jaas, Map.of(), name -> null));
    }
}
