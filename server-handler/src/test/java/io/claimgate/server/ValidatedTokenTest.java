package io.claimgate.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ValidatedTokenTest {
    private static final Issuer ISSUER = new Issuer("default", Optional.of("https://idp"), Duration.ofSeconds(30), "", "");

    @Test
    void claimsCannotBeChangedThroughTheToken() {
        ValidatedToken token = ValidatedToken.builder("t", "client1", ISSUER)
                .claims(new HashMap<>(Map.of("sub", "client1", "aud", "kafka"))).build();
        assertThrows(UnsupportedOperationException.class, () -> token.claims().put("sub", "admin"));
        assertThrows(UnsupportedOperationException.class, () -> token.claims().remove("aud"));
    }

    @Test
    void claimsMayNotHoldNulls() {
        Map<String, Object> parsed = new HashMap<>();
        parsed.put("sub", null);
        ValidatedToken.Builder builder = ValidatedToken.builder("t", "client1", ISSUER).claims(parsed);
        assertThrows(NullPointerException.class, builder::build);
    }

    @Test
    void claimsFromElsewhereAreCopied() {
        Map<String, Object> shared = new HashMap<>(Map.of("sub", "client1"));
        ValidatedToken token = ValidatedToken.builder("t", "client1", ISSUER).claims(shared).build();
        shared.put("sub", "admin");
        assertEquals("client1", token.claims().get("sub"));
    }
}
