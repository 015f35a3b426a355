package io.claimgate.common.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

class ClaimMappingTest {

    private static ClaimMapping read(Map<String, String> jaas, Map<String, String> kafka) {
        return ClaimMapping.from(new OptionReader(OptionSource.of(jaas, kafka, name -> null)));
    }

    @Test
    void firstUsableClaimOfTheChainWithPrefix() throws Exception {
        ClaimMapping mapping = new ClaimMapping(List.of("client_id", "azp", "sub"), "idp1/", Optional.empty(), ScopeClaim.of("scope"));
        assertEquals("idp1/app", mapping.principalName(Map.of("azp", "app", "sub", "user")));
        assertEquals("idp1/42", mapping.principalName(Map.of("client_id", 42L)));
        assertEquals("idp1/svc", mapping.principalName(Map.of("client_id", "  ", "azp", " svc ")));
    }

    @Test
    void noUsableClaimOrControlCharactersAreRefused() {
        ClaimMapping mapping = new ClaimMapping(List.of("sub"), "", Optional.empty(), ScopeClaim.of("scope"));
        assertTrue(assertThrows(UnmappableClaimsException.class, () -> mapping.principalName(Map.of("sub", List.of("a"))))
                .getMessage().contains("none of the claims [sub]"));
        assertTrue(assertThrows(UnmappableClaimsException.class, () -> mapping.principalName(Map.of("sub", "a\nb")))
                .getMessage().contains("control characters"));
    }

    @Test
    void groupsFromDottedPathAndScopesFromStringOrArray() throws Exception {
        ClaimMapping mapping = new ClaimMapping(List.of("sub"), "", Optional.of("realm_access.roles"), ScopeClaim.of("scp"));
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
                "oauth.groups.claim", "groups"), Map.of());
        assertEquals(List.of("client_id", "sub"), mapping.usernameClaims());
        assertEquals("p:", mapping.usernamePrefix());
        assertEquals(Optional.of("groups"), mapping.groupsClaim());
        assertEquals("scope", mapping.scopeClaim().name());

        ClaimMapping fallback = read(Map.of(), Map.of("sasl.oauthbearer.sub.claim.name", "azp",
                "sasl.oauthbearer.scope.claim.name", "scp"));
        assertEquals(List.of("azp"), fallback.usernameClaims());
        assertEquals("scp", fallback.scopeClaim().name());

        assertEquals(List.of("sub"), read(Map.of(), Map.of()).usernameClaims());
        assertThrows(InvalidOptionException.class, () -> read(Map.of("oauth.username.claim", " , "), Map.of()));
    }
}
