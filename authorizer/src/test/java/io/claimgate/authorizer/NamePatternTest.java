package io.claimgate.authorizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.claimgate.policy.NamePattern;
import io.claimgate.policy.NamePattern.Kind;
import org.junit.jupiter.api.Test;

/** Names in policies: {@code *} any run of characters, {@code ?} one character, otherwise exact. */
class NamePatternTest {

    @Test
    void globsAreClassifiedForTheIndex() {
        assertEquals(Kind.ANY, NamePattern.glob("*").kind());
        assertEquals(Kind.EXACT, NamePattern.glob("orders").kind());
        assertEquals(Kind.PREFIX, NamePattern.glob("orders-*").kind());
        assertEquals(Kind.GLOB, NamePattern.glob("*-orders").kind());
        assertEquals(Kind.GLOB, NamePattern.glob("t?pic*").kind());
    }

    @Test
    void globsMatchWholeNames() {
        assertTrue(NamePattern.glob("orders-*").matches("orders-"));
        assertTrue(NamePattern.glob("orders-*").matches("orders-eu"));
        assertFalse(NamePattern.glob("orders-*").matches("order"));
        assertTrue(NamePattern.glob("*-orders").matches("eu-orders"));
        assertFalse(NamePattern.glob("*-orders").matches("eu-orders-x"));
        assertTrue(NamePattern.glob("t?pic").matches("topic"));
        assertFalse(NamePattern.glob("t?pic").matches("tpic"));
        assertTrue(NamePattern.glob("a*b*c").matches("a-b-b-c"));
        assertFalse(NamePattern.glob("a*b*c").matches("a-c-b"));
        assertFalse(NamePattern.glob("orders").matches("orders2"));
        // Pathological patterns stay linear-ish: no regex backtracking.
        assertFalse(NamePattern.glob("*a*a*a*a*a*a*a*a*b").matches("a".repeat(5_000)));
    }

    @Test
    void aDenyCoversAnAllowWhenItMatchesEverythingTheAllowMatches() {
        assertTrue(NamePattern.any().covers(NamePattern.glob("x*")));
        assertTrue(NamePattern.glob("app-*").covers(NamePattern.glob("app-1")));
        assertTrue(NamePattern.glob("app-*").covers(NamePattern.glob("app-eu-*")));
        assertTrue(NamePattern.glob("app-*").covers(NamePattern.glob("app-?-x")));
        assertFalse(NamePattern.glob("app-*").covers(NamePattern.glob("ap*")));
        assertFalse(NamePattern.glob("app-1").covers(NamePattern.glob("app-*")));
        assertTrue(NamePattern.glob("*-1").covers(NamePattern.glob("app-1")));
        assertFalse(NamePattern.glob("*-1").covers(NamePattern.glob("app-*")));
    }
}
