package io.claimgate.common.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Fuzzes the parser every token header and claims set goes through. Without {@code JAZZER_FUZZ}
 * this runs the seeds in {@code JsonObjectParserFuzzTestInputs/parse/} (docs/SECURITY.md, "Fuzzing").
 * <ul>
 *   <li>the only exception is {@link ParseException}, its offset inside the text;</li>
 *   <li>it accepts exactly what strict RFC 8259 (Gson, bundled in Nimbus) accepts, minus duplicate
 *       keys at any level and nesting deeper than {@link JsonObjectParser#MAX_DEPTH}, with equal
 *       values;</li>
 *   <li>what it accepts, Nimbus' own parser ({@link Json#parseObject}) reads as the same value;</li>
 *   <li>the value holds only the documented types.</li>
 * </ul>
 */
class JsonObjectParserFuzzTest {
    /**
     * Gson's reader takes an integer literal whose running value wraps to exactly 0 in a long
     * (e.g. {@code 1234} followed by 64 zeros and more digits) for a number with a leading zero,
     * and refuses it (found by this test; seed {@code gson-refuses-long-integer}). Such texts are
     * only checked for exceptions and types, not compared.
     */
    private static final Pattern LONG_DIGITS = Pattern.compile("[0-9]{20}");

    @FuzzTest(maxDuration = "5m")
    void parse(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        Map<String, Object> ours;
        try {
            ours = JsonObjectParser.parse(text);
        } catch (ParseException e) {
            assertTrue(e.getErrorOffset() >= 0 && e.getErrorOffset() <= text.length(), "offset " + e.getErrorOffset());
            StrictReference reference = StrictReference.parse(text);
            assertFalse(reference.acceptableToClaimgate(),
                    () -> "refused (" + e.getMessage() + ") although strict JSON without duplicates: " + text);
            return;
        }
        checkTypes(ours, 1);
        if (LONG_DIGITS.matcher(text).find()) {
            return;   // Gson refuses some valid integers of 20+ digits, see LONG_DIGITS
        }
        StrictReference reference = StrictReference.parse(text);
        assertTrue(reference.acceptableToClaimgate(), () -> "accepted, but not strict JSON without duplicate keys"
                + " within depth " + JsonObjectParser.MAX_DEPTH + " (reference: " + reference + "): " + text);
        assertEquals(reference.value(), ours, "same value as strict Gson");
        try {
            assertEquals(com.nimbusds.jose.util.JSONObjectUtils.parse(text), ours, "same value as Nimbus");
        } catch (ParseException e) {
            fail("accepted, but Nimbus refuses it: " + e.getMessage());
        }
    }

    /** Only the documented value types, nested at most MAX_DEPTH deep; numbers finite. */
    @SuppressWarnings("unchecked")   // the put that must fail
    private static void checkTypes(Object value, int depth) {
        if (value instanceof Map<?, ?> map) {
            assertTrue(depth <= JsonObjectParser.MAX_DEPTH, "depth " + depth);
            assertTrue(map instanceof JsonObject, "objects are JsonObjects");
            assertThrows(UnsupportedOperationException.class, () -> ((Map<String, Object>) map).put("k", 1L),
                    "immutable");
            map.forEach((k, v) -> {
                assertTrue(k instanceof String, "keys are strings");
                checkTypes(v, depth + 1);
            });
        } else if (value instanceof List<?> list) {
            assertTrue(depth <= JsonObjectParser.MAX_DEPTH, "depth " + depth);
            assertTrue(list instanceof ArrayList, "arrays are ArrayLists");
            list.forEach(v -> checkTypes(v, depth + 1));
        } else if (value instanceof Double d) {
            assertTrue(Double.isFinite(d), "finite");
        } else {
            assertTrue(value == null || value instanceof String || value instanceof Boolean || value instanceof Long,
                    () -> "unexpected type " + value.getClass());
        }
    }
}
