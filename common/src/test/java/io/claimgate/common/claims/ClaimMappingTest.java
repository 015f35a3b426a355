package io.claimgate.common.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.claimgate.common.config.InvalidOptionException;
import io.claimgate.common.config.OptionReader;
import io.claimgate.common.config.OptionSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClaimMappingTest {

    private static ClaimMapping read(Map<String, String> jaas, Map<String, String> kafka) {
        return ClaimMapping.from(new OptionReader(OptionSource.of(jaas, kafka, name -> null)));
    }

    @Test
    void firstClaimOfTheChainThatIsPresentWithPrefix() throws Exception {
        ClaimMapping mapping = new ClaimMapping(List.of("client_id", "azp", "sub"), "idp1/", Optional.empty(), "", ScopeClaim.of("scope"));
        assertEquals("idp1/app", mapping.principalName(Map.of("azp", "app", "sub", "user")));
        assertEquals("idp1/42", mapping.principalName(Map.of("client_id", 42L)));
        assertEquals("idp1/svc", mapping.principalName(Map.of("client_id", List.of("x"), "azp", "svc")));
    }

    @Test
    void noUsableClaimIsNoPrincipal() {
        ClaimMapping mapping = new ClaimMapping(List.of("sub"), "", Optional.empty(), "", ScopeClaim.of("scope"));
        UnmappableClaimsException e = assertThrows(UnmappableClaimsException.class,
                () -> mapping.principalName(Map.of("sub", List.of("a"))));
        assertFalse(e instanceof InvalidNameException);
        assertTrue(e.getMessage().contains("none of the claims [sub]"), e.getMessage());
    }

    /** The names of issue 14: each became {@code admin} by {@code strip()}, or passed as it was. */
    @ParameterizedTest
    @ValueSource(strings = {"admin\u3000", "\u2003admin", "admin\u2028", " admin", "admin\t", "ad\u200bmin",
            "ad\u202emin", "admin\n", "", "  ", "\ufeffadmin", "admin\ufe0f", "\u3164admin"})
    void aNameThatBreaksTheRulesIsRefusedNeverTrimmed(String name) {
        ClaimMapping mapping = new ClaimMapping(List.of("client_id", "sub"), "", Optional.empty(), "", ScopeClaim.of("scope"));
        InvalidNameException e = assertThrows(InvalidNameException.class,
                () -> mapping.principalName(Map.of("client_id", name, "sub", "admin")));
        assertTrue(e.getMessage().startsWith("claim 'client_id' (oauth.username.claim) is not a valid principal"
                + " name: it "), e.getMessage());
        assertTrue(e.getMessage().matches("[ -~]+"), "sanitised: " + e.getMessage());
    }

    @Test
    void groupsArePrefixedAndOneBadGroupRefusesTheToken() throws Exception {
        ClaimMapping mapping = new ClaimMapping(List.of("sub"), "corp/", Optional.of("groups"), "corp-groups/", ScopeClaim.of("scope"));
        assertEquals(List.of("corp-groups/kafka admins", "corp-groups/ops"),
                mapping.groups(Map.of("groups", List.of("kafka admins", "ops"))));
        InvalidNameException e = assertThrows(InvalidNameException.class,
                () -> mapping.groups(Map.of("groups", List.of("ops", "kafka-admins\u3000"))));
        assertTrue(e.getMessage().startsWith("group 1 of claim 'groups' (oauth.groups.claim) is not a valid group"
                + " name: it contains U+3000"), e.getMessage());
        assertThrows(InvalidNameException.class, () -> mapping.map(Map.of("sub", "u", "groups", List.of(" ops"))));
        assertThrows(InvalidNameException.class, () -> mapping.groups(Map.of("groups", List.of("a\u200bb"))));
    }

    /** A string groups claim is a list: its separators are not trimmed off a name into another name. */
    @Test
    void aStringGroupsClaimIsSplitNeverTrimmed() throws Exception {
        ClaimMapping mapping = new ClaimMapping(List.of("sub"), "", Optional.of("groups"), "", ScopeClaim.of("scope"));
        assertEquals(List.of("ops", "kafka-admins"), mapping.groups(Map.of("groups", "ops kafka-admins")));
        assertEquals(List.of("ops", "kafka-admins"), mapping.groups(Map.of("groups", "ops,kafka-admins")));
        for (String claim : List.of("kafka-admins\t", "\nkafka-admins", "ops kafka-admins\u3000", "ops,\tkafka-admins")) {
            assertThrows(InvalidNameException.class, () -> mapping.groups(Map.of("groups", claim)), claim);
        }
    }

    @Test
    void prefixesFollowTheNameRules() {
        InvalidOptionException e = assertThrows(InvalidOptionException.class,
                () -> read(Map.of("oauth.groups.prefix", "corp\u200b/"), Map.of()));
        assertTrue(e.getMessage().contains("'oauth.groups.prefix'") && e.getMessage().contains("U+200B"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new ClaimMapping(List.of("sub"), "\u3000", Optional.empty(), "", ScopeClaim.of("scope")));
    }

    @Test
    void groupsFromDottedPathAndScopesFromStringOrArray() throws Exception {
        ClaimMapping mapping = new ClaimMapping(List.of("sub"), "", Optional.of("realm_access.roles"), "", ScopeClaim.of("scp"));
        Map<String, Object> claims = new HashMap<>();
        claims.put("sub", "u");
        claims.put("realm_access", Map.of("roles", List.of("admins", "ops")));
        claims.put("scp", "read write");
        claims.put("nothing", null);
        MappedClaims mapped = mapping.map(claims);
        assertEquals("u", mapped.principalName());
        assertEquals(List.of("admins", "ops"), mapped.groups());
        assertEquals(List.of("read", "write"), mapped.scopes());
        assertTrue(mapped.claims().containsKey("nothing"));
        claims.put("scp", List.of("a", "b"));
        claims.put("realm_access", Map.of("roles", Map.of("not", "a list")));
        assertEquals(List.of("a", "b"), mapping.scopes(claims));
        assertEquals(List.of(), mapping.groups(claims));
    }

    @Test
    void readsTheBrokersOptionsWithKafkaFallbacks() {
        ClaimMapping mapping = read(Map.of("oauth.username.claim", "client_id, sub", "oauth.username.prefix", "p:",
                "oauth.groups.claim", "groups", "oauth.groups.prefix", "g:"), Map.of());
        assertEquals(List.of("client_id", "sub"), mapping.usernameClaims());
        assertEquals("p:", mapping.usernamePrefix());
        assertEquals(Optional.of("groups"), mapping.groupsClaim());
        assertEquals("g:", mapping.groupsPrefix());
        assertEquals("scope", mapping.scopeClaim().name());

        ClaimMapping fallback = read(Map.of(), Map.of("sasl.oauthbearer.sub.claim.name", "azp",
                "sasl.oauthbearer.scope.claim.name", "scp"));
        assertEquals(List.of("azp"), fallback.usernameClaims());
        assertEquals("scp", fallback.scopeClaim().name());

        assertEquals(List.of("sub"), read(Map.of(), Map.of()).usernameClaims());
        assertThrows(InvalidOptionException.class, () -> read(Map.of("oauth.username.claim", " , "), Map.of()));
    }
}
