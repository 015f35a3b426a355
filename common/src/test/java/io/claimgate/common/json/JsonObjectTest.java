package io.claimgate.common.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The parsed JSON object: a map like any other, in document order, immutable. */
class JsonObjectTest {

    @Test
    void keepsDocumentOrderAndEqualsAnyMapWithTheSameEntries() throws Exception {
        Map<String, Object> object = JsonObjectParser.parse("{\"sub\":\"a\",\"exp\":1,\"aud\":[\"k\"],\"n\":null,\"o\":{\"x\":true}}");
        assertEquals(List.of("sub", "exp", "aud", "n", "o"), new ArrayList<>(object.keySet()));
        Map<String, Object> same = new HashMap<>();
        same.put("o", Map.of("x", true));
        same.put("n", null);
        same.put("aud", List.of("k"));
        same.put("exp", 1L);
        same.put("sub", "a");
        assertEquals(same, object);
        assertEquals(object, same);
        assertEquals(same.hashCode(), object.hashCode());
        assertEquals(5, object.size());
    }

    @Test
    void findsEveryMemberAndNothingElse() {
        JsonObject.Builder builder = JsonObject.builder(2);   // grows past its first capacity
        Map<String, Object> expected = new LinkedHashMap<>();
        for (int i = 0; i < 100; i++) {
            assertTrue(builder.put("claim-" + i, (long) i));
            expected.put("claim-" + i, (long) i);
        }
        JsonObject object = builder.build();
        for (int i = 0; i < 100; i++) {
            assertEquals((long) i, object.get("claim-" + i));
            assertTrue(object.containsKey("claim-" + i));
        }
        assertNull(object.get("claim-100"));
        assertFalse(object.containsKey("claim-100"));
        assertFalse(object.containsKey(7), "only string keys");
        assertEquals(new ArrayList<>(expected.keySet()), new ArrayList<>(object.keySet()));
        assertTrue(object.containsValue(99L));
        assertFalse(object.containsValue(100L));
    }

    @Test
    void refusesASecondValueForAKey() {
        JsonObject.Builder builder = JsonObject.builder(4);
        assertTrue(builder.put("iss", "a"));
        assertFalse(builder.put("iss", "b"));
        assertEquals(Map.of("iss", "a"), builder.build());
    }

    @Test
    void cannotBeChanged() throws Exception {
        Map<String, Object> object = JsonObjectParser.parse("{\"a\":1,\"b\":2}");
        assertThrows(UnsupportedOperationException.class, () -> object.put("c", 3L));
        assertThrows(UnsupportedOperationException.class, () -> object.remove("a"));
        assertThrows(UnsupportedOperationException.class, object::clear);
        assertThrows(UnsupportedOperationException.class, () -> object.keySet().remove("a"));
        assertThrows(UnsupportedOperationException.class, () -> object.entrySet().iterator().next().setValue(5L));
        assertEquals(Map.of("a", 1L, "b", 2L), object);
    }

    @Test
    void immutableTakesAJsonObjectWithoutNullsAsItIsAndCopiesEverythingElse() throws Exception {
        Map<String, Object> claims = JsonObjectParser.parse("{\"sub\":\"a\"}");
        assertSame(claims, JsonObject.immutable(claims));
        assertEquals(Map.of("sub", "a"), JsonObject.immutable(new LinkedHashMap<>(claims)));
        assertThrows(NullPointerException.class, () -> JsonObject.immutable(JsonObjectParser.parse("{\"n\":null}")),
                "an immutable map of the JDK has no null values");
        assertSame(JsonObject.empty(), JsonObjectParser.parse("{ }"));
    }

    @Test
    void manyMembersWithEqualHashCodesAreIndexedByAHashMapNotByProbing() throws Exception {
        // "Aa" and "BB" have the same hash code, and so has every string of n such pairs: 2^n names
        // any client can put into a token's header or payload.
        List<String> colliding = new ArrayList<>(List.of(""));
        for (int pair = 0; pair < 11; pair++) {
            List<String> longer = new ArrayList<>();
            for (String prefix : colliding) {
                longer.add(prefix + "Aa");
                longer.add(prefix + "BB");
            }
            colliding = longer;
        }
        StringBuilder json = new StringBuilder("{");
        for (String name : colliding) {
            json.append(json.length() > 1 ? "," : "").append('"').append(name).append("\":1");
        }
        JsonObject object = (JsonObject) JsonObjectParser.parse(json.append('}').toString());

        assertEquals(2048, object.size());
        assertTrue(object.hashMapIndexed(), "beyond " + JsonObject.MAX_PROBED + " members a HashMap keeps lookups"
                + " logarithmic for colliding names (probing would be quadratic to build)");
        assertEquals(1L, object.get(colliding.get(2047)));
        assertFalse(object.containsKey("AaAaAaAaAaAaAaAaAaAaAA"));
        String again = json.substring(0, json.length() - 1) + ",\"" + colliding.get(5) + "\":2}";
        assertThrows(java.text.ParseException.class, () -> JsonObjectParser.parse(again), "duplicates still found");
        assertFalse(((JsonObject) JsonObjectParser.parse("{\"iss\":1}")).hashMapIndexed(), "a token's claims probe");
    }
}
