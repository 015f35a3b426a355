package io.claimgate.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ValidatedTokenTest {
    private static final Issuer ISSUER = new Issuer("default", Optional.of("https://idp"), Duration.ofSeconds(30), "", "");

    @Test
    void claimsHandedOverAreNotCopiedButCannotBeChangedThroughTheToken() {
        Map<String, Object> parsed = new LinkedHashMap<>();
        parsed.put("sub", "client1");
        parsed.put("aud", "kafka");
        parsed.put("exp", 2_000_000_000L);
        ValidatedToken token = ValidatedToken.builder("t", "client1", ISSUER).ownedClaims(parsed).build();

        assertEquals(List.of("sub", "aud", "exp"), List.copyOf(token.claims().keySet()), "document order is kept");
        assertThrows(UnsupportedOperationException.class, () -> token.claims().put("sub", "admin"));
        assertThrows(UnsupportedOperationException.class, () -> token.claims().remove("aud"));
    }

    @Test
    void claimsHandedOverMayNotHoldNulls() {
        Map<String, Object> parsed = new HashMap<>();
        parsed.put("sub", null);
        ValidatedToken.Builder builder = ValidatedToken.builder("t", "client1", ISSUER);
        assertThrows(NullPointerException.class, () -> builder.ownedClaims(parsed));
    }

    @Test
    void claimsFromElsewhereAreCopied() {
        Map<String, Object> shared = new HashMap<>(Map.of("sub", "client1"));
        ValidatedToken token = ValidatedToken.builder("t", "client1", ISSUER).claims(shared).build();
        shared.put("sub", "admin");
        assertEquals("client1", token.claims().get("sub"));
    }
}
