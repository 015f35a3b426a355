package io.claimgate.common.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Token-derived text in logs and client errors: printable ASCII, bounded, JSON-safe for Kafka. */
class SanitizerTest {
    @Test
    void controlAndNonAsciiCharactersBecomeQuestionMarks() {
        assertEquals("a?b?c?", Sanitizer.sanitize("a\nb\u001bc\u00e9"));
    }

    @Test
    void longValuesAreCut() {
        assertEquals("x".repeat(64) + "...", Sanitizer.sanitize("x".repeat(500)));
    }

    @Test
    void theClientStatusHasNoDoubleQuotesOrBackslashes() {
        assertEquals("invalid_token (kid '},'a':'b)", Sanitizer.forJsonStatus("invalid_token (kid \"},\"a\":\"b\\)", 400));
    }
}
