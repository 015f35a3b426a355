package io.claimgate.common.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * {@link JsonObjectParser} must read every JSON object exactly as Nimbus' {@code JSONObjectUtils.parse}
 * does (same keys, same value types: Long vs Double), and reject what Nimbus rejects; it may only be
 * stricter in the two documented ways (duplicate keys in nested objects, nesting depth).
 */
class JsonObjectParserTest {

    /** Inputs both parsers must treat alike: same result, or both reject. */
    private static final List<String> SAME = List.of(
            "{}", " {} ", "\t{\n}\r\n", "{\"a\":1}", "{\"a\":-1}", "{\"a\":0}", "{\"a\":-0}", "{\"a\":1.0}",
            "{\"a\":2.50}", "{\"a\":1e3}", "{\"a\":1E+2}", "{\"a\":1.5e-3}", "{\"a\":-0.0}", "{\"a\":-1e-400}",
            "{\"a\":123456789012345678}", "{\"a\":1234567890123456789}", "{\"a\":9223372036854775807}",
            "{\"a\":9223372036854775808}", "{\"a\":-9223372036854775808}", "{\"a\":-9223372036854775809}",
            "{\"a\":12345678901234567890123}", "{\"a\":100000000000000000000000000000.5}", "{\"exp\":1764000000}",
            "{\"a\":true,\"b\":false,\"c\":null}", "{\"a\":[]}", "{\"a\":[1,\"x\",null,true,[2,[3]],{\"b\":{}}]}",
            "{\"a\":\"\"}", "{\"a\":\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"}", "{\"a\":\"\\u00e9\\u00E9\"}",
            "{\"a\":\"\\ud83d\\ude00\"}", "{\"a\":\"\\ud800\"}", "{\"a\":\"\\udc00x\"}", "{\"a\":\"é😀\u2028\u007f\"}",
            "{\"\\u0061\":1}", "{\"a b\":{\"c.d\":[\"e\"]}}", "{\"a\":1,\"b\":{\"a\":1}}",
            // rejected by both
            "", " ", "[1]", "\"a\"", "1", "null", "{", "}", "{\"a\"}", "{\"a\":}", "{\"a\" 1}", "{a:1}",
            "{'a':1}", "{\"a\":'x'}", "{\"a\":1,}", "{,\"a\":1}", "{\"a\":[1,]}", "{\"a\":[,1]}", "{\"a\":[1 2]}",
            "{\"a\":1 \"b\":2}", "{\"a\":01}", "{\"a\":-01}", "{\"a\":.5}", "{\"a\":1.}", "{\"a\":1.e3}",
            "{\"a\":1e}", "{\"a\":1e+}", "{\"a\":+1}", "{\"a\":-}", "{\"a\":0x10}", "{\"a\":NaN}",
            "{\"a\":Infinity}", "{\"a\":-Infinity}", "{\"a\":1e400}", "{\"a\":-1e400}", "{\"a\":tru}",
            "{\"a\":True}", "{\"a\":nul}", "{\"a\":\"x}", "{\"a\":\"\\x\"}", "{\"a\":\"\\u12\"}",
            "{\"a\":\"\\u12g4\"}", "{\"a\":\"tab\there\"}", "{\"a\":\"new\nline\"}", "{\"a\":\"\u0000\"}",
            "{\"a\":1} x", "{\"a\":1}{}", "{\"a\":1}\u0000", "{\"a\":1}}", "{\"a\":1,\"a\":2}",
            "{\"a\":1,\"a\":1}", "{\"a\":1 // comment\n}", "{/*c*/\"a\":1}", "\u00a0{}", "{\"a\":[1]]}",
            // non-ASCII digits and spaces: rejected by both
            "{\"a\":\"\\u\uff10\uff10\uff14\uff11\"}", "{\"a\":\"\\u00\u0664\u0661\"}", "{\"a\":\uff11}",
            "{\"a\":1\u0662}", "{\"a\":-\u0661}", "{\"a\":1.\uff15}", "{\"a\":1e\uff13}", "{\u2003\"a\":1}",
            "{\"a\":1\u3000}");

    @Test
    void sameResultsAsNimbus() {
        List<String> different = SAME.stream().filter(input -> !outcome(input, true).equals(outcome(input, false)))
                .toList();
        assertEquals(List.of(), different);
    }

    @Test
    void unicodeEscapesTakeAsciiHexDigitsOnly() throws Exception {
        assertEquals("\u00e9\u00e9", JsonObjectParser.parse("{\"a\":\"\\u00e9\\u00E9\"}").get("a"));
        assertEquals("A", JsonObjectParser.parse("{\"a\":\"\\u0041\"}").get("a"));
        // the same escapes with fullwidth (U+FF10..) or Arabic-Indic (U+0660..) digits
        assertThrows(ParseException.class, () -> JsonObjectParser.parse("{\"a\":\"\\u\uff10\uff10\uff14\uff11\"}"));
        assertThrows(ParseException.class, () -> JsonObjectParser.parse("{\"a\":\"\\u00\u0664\u0661\"}"));
        assertThrows(ParseException.class, () -> JsonObjectParser.parse("{\"a\":\"\\u00\uff45\uff19\"}"));
    }

    @Test
    void stricterThanNimbusOnArraysOfPairs() throws Exception {
        // Gson reads a map from an array of [key, value] pairs; JSON has no such object notation.
        assertEquals(Map.of("a", 1L), JSONObjectUtils.parse("[[\"a\",1]]"));
        assertThrows(ParseException.class, () -> JsonObjectParser.parse("[[\"a\",1]]"));
        assertThrows(ParseException.class, () -> JsonObjectParser.parse("[]"));
    }

    @Test
    void numbersAreLongOrDoubleAsNimbusReturnsThem() throws ParseException {
        Map<String, Object> m = JsonObjectParser.parse(
                "{\"l\":1764000000,\"d\":1.5,\"e\":1e3,\"big\":9223372036854775808,\"neg\":-42,\"z\":-0}");
        assertInstanceOf(Long.class, m.get("l"));
        assertInstanceOf(Double.class, m.get("d"));
        assertInstanceOf(Double.class, m.get("e"));
        assertInstanceOf(Double.class, m.get("big"));
        assertEquals(-42L, m.get("neg"));
        assertEquals(0L, m.get("z"));
    }

    @Test
    void wellKnownMemberNamesAreSharedConstantsOthersAreCopiedOut() throws ParseException {
        String iss = JsonObjectParser.parse("{\"iss\":\"a\"}").keySet().iterator().next();
        Assertions.assertSame(iss, JsonObjectParser.parse("{ \"sub\":1, \"iss\":\"b\"}").keySet().stream()
                .filter("iss"::equals).findFirst().orElseThrow(), "one instance for every token");
        for (String name : List.of("alg", "kid", "exp", "aud", "scope", "preferred_username", "realm_access")) {
            String json = "{\"" + name + "\":1}";
            Assertions.assertSame(JsonObjectParser.parse(json).keySet().iterator().next(),
                    JsonObjectParser.parse(json).keySet().iterator().next(), name);
        }
        String custom = JsonObjectParser.parse("{\"tenant_region\":1}").keySet().iterator().next();
        assertNotSame(custom, JsonObjectParser.parse("{\"tenant_region\":1}").keySet().iterator().next());
        // Names that only start or end like a known one, and escaped spellings, are still read exactly.
        assertEquals(List.of("is", "isss", "iss", "exp", "xp"), new ArrayList<>(JsonObjectParser.parse(
                "{\"is\":1,\"isss\":2,\"\\u0069ss\":3,\"exp\":4,\"xp\":5}").keySet()));
        assertThrows(ParseException.class, () -> JsonObjectParser.parse("{\"iss\":1,\"\\u0069ss\":2}"),
                "an escaped spelling is the same key");
    }

    @Test
    void keepsDocumentOrderAndNestedTypes() throws ParseException {
        Map<String, Object> m = JsonObjectParser.parse("{\"z\":1,\"a\":{\"r\":[\"x\",2]},\"m\":null}");
        assertEquals(List.of("z", "a", "m"), new ArrayList<>(m.keySet()));
        assertEquals(Map.of("r", List.of("x", 2L)), m.get("a"));
        assertTrue(m.containsKey("m"));
    }

    @Test
    void stricterThanNimbusOnNestedDuplicateKeys() throws Exception {
        String nested = "{\"o\":{\"a\":1,\"a\":2}}";
        assertEquals(Map.of("o", Map.of("a", 2L)), JSONObjectUtils.parse(nested), "Nimbus keeps the last one");
        assertThrows(ParseException.class, () -> JsonObjectParser.parse(nested));
        assertThrows(ParseException.class, () -> JsonObjectParser.parse("{\"l\":[{\"a\":1,\"a\":1}]}"));
    }

    @Test
    void nestingIsBounded() throws Exception {
        assertSame(nested(JsonObjectParser.MAX_DEPTH));
        String tooDeep = nested(JsonObjectParser.MAX_DEPTH + 1);
        JSONObjectUtils.parse(tooDeep);   // Gson allows deeper nesting
        ParseException e = assertThrows(ParseException.class, () -> JsonObjectParser.parse(tooDeep));
        assertTrue(e.getMessage().contains("nested deeper than 32"), e.getMessage());
        assertThrows(ParseException.class, () -> JsonObjectParser.parse("{\"a\":" + "[".repeat(100_000)));
    }

    @Test
    void errorsNeverQuoteTheInput() {
        ParseException e = assertThrows(ParseException.class,
                () -> JsonObjectParser.parse("{\"secret-value\":1,\"secret-value\":2}"));
        assertFalse(e.getMessage().contains("secret"), e.getMessage());
    }

    /** Random documents, written with random whitespace and escapes: both parsers read the same. */
    @Test
    void randomDocumentsParseAsNimbusParsesThem() throws Exception {
        Random random = new Random(20261122);
        for (int i = 0; i < 3000; i++) {
            Map<String, Object> document = randomObject(random, 1);
            String json = write(document, random);
            Map<String, Object> ours = JsonObjectParser.parse(json);
            assertEquals(JSONObjectUtils.parse(json), ours, json);
            assertEquals(document, ours, json);
        }
    }

    /** Random damage to valid documents: whatever we accept, Nimbus accepts with the same result. */
    @Test
    void damagedDocumentsAreNeverReadDifferently() throws Exception {
        Random random = new Random(7797);
        String alphabet = "{}[]\",:\\/ .-+eE0123456789tfnulx\u00e9\u0001";
        int accepted = 0;
        for (int i = 0; i < 5000; i++) {
            StringBuilder json = new StringBuilder(write(randomObject(random, 1), random));
            int edits = 1 + random.nextInt(3);
            for (int e = 0; e < edits && json.length() > 0; e++) {
                int at = random.nextInt(json.length());
                switch (random.nextInt(3)) {
                    case 0 -> json.deleteCharAt(at);
                    case 1 -> json.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    default -> json.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
            Map<String, Object> ours;
            try {
                ours = JsonObjectParser.parse(json.toString());
            } catch (ParseException rejected) {
                continue;
            }
            accepted++;
            assertEquals(JSONObjectUtils.parse(json.toString()), ours, json.toString());
        }
        assertTrue(accepted > 100, "the damage left some documents valid: " + accepted);
    }

    private static void assertSame(String input) {
        assertEquals(outcome(input, true), outcome(input, false), input);
    }

    private static Object outcome(String input, boolean nimbus) {
        try {
            Map<String, Object> object = nimbus ? JSONObjectUtils.parse(input) : JsonObjectParser.parse(input);
            return object == null ? "rejected" : object;   // Nimbus answers null for "null"
        } catch (ParseException e) {
            return "rejected";
        }
    }

    private static String nested(int depth) {
        return "{\"a\":".repeat(depth - 1) + "{}" + "}".repeat(depth - 1);
    }

    private static Map<String, Object> randomObject(Random random, int depth) {
        Map<String, Object> object = new LinkedHashMap<>();
        int size = random.nextInt(depth == 1 ? 12 : 4);
        for (int i = 0; i < size; i++) {
            object.put(randomString(random) + i, randomValue(random, depth));   // suffix: keys stay unique
        }
        return object;
    }

    private static Object randomValue(Random random, int depth) {
        int kind = random.nextInt(depth >= 5 ? 6 : 8);
        return switch (kind) {
            case 0 -> randomString(random);
            case 1 -> random.nextLong() >> random.nextInt(64);
            case 2 -> random.nextInt(3) == 0 ? (double) random.nextInt(1000) : random.nextDouble() * Math.pow(10,
                    random.nextInt(40) - 20);
            case 3 -> random.nextBoolean();
            case 4 -> null;
            case 5 -> 1_764_000_000L + random.nextInt(100_000);
            case 6 -> randomObject(random, depth + 1);
            default -> {
                List<Object> list = new ArrayList<>();
                for (int i = random.nextInt(5); i > 0; i--) {
                    list.add(randomValue(random, depth + 1));
                }
                yield list;
            }
        };
    }

    private static String randomString(Random random) {
        String pool = "abcXYZ09 _-./:@\"\\\n\t\u00e9\u20ac\ud83d\ude00\u2028\u0001";
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(10); i > 0; i--) {
            int at = random.nextInt(pool.length());
            char c = pool.charAt(at);
            if (Character.isHighSurrogate(c)) {
                text.append(c).append(pool.charAt(at + 1));
            } else if (!Character.isLowSurrogate(c)) {
                text.append(c);
            }
        }
        return text.toString();
    }

    private static String write(Object value, Random random) {
        StringBuilder out = new StringBuilder();
        write(value, random, out);
        return out.toString();
    }

    private static void write(Object value, Random random, StringBuilder out) {
        if (value instanceof Map<?, ?> map) {
            out.append('{').append(space(random));
            String separator = "";
            for (Map.Entry<?, ?> e : map.entrySet()) {
                out.append(separator).append(space(random));
                write(e.getKey(), random, out);
                out.append(space(random)).append(':').append(space(random));
                write(e.getValue(), random, out);
                separator = space(random) + ",";
            }
            out.append(space(random)).append('}');
        } else if (value instanceof List<?> list) {
            out.append('[');
            String separator = "";
            for (Object item : list) {
                out.append(separator).append(space(random));
                write(item, random, out);
                separator = ",";
            }
            out.append(']');
        } else if (value instanceof String text) {
            out.append('"');
            for (char c : text.toCharArray()) {
                if (c == '"' || c == '\\') {
                    out.append('\\').append(c);
                } else if (c < 0x20 || random.nextInt(8) == 0) {
                    out.append(random.nextBoolean() ? String.format("\\u%04x", (int) c) : String.format("\\u%04X", (int) c));
                } else if (c == '/' && random.nextBoolean()) {
                    out.append("\\/");
                } else {
                    out.append(c);
                }
            }
            out.append('"');
        } else {
            out.append(value);   // numbers: Long as digits, Double as Java writes it (1.0E10: valid JSON)
        }
    }

    private static String space(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> " ";
            case 1 -> "\n\t";
            case 2 -> "\r\n  ";
            default -> "";
        };
    }
}
