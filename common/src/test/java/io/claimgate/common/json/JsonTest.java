package io.claimgate.common.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JsonTest {

    private final Map<String, Object> claims = Map.of(
            "realm_access", Map.of("roles", List.of("admin", "dev")),
            "https://example.com/groups", List.of("g1"),
            "scope", "kafka read  write");

    @Test
    void dottedPathReachesIntoNestedObjects() {
        assertEquals(Optional.of(List.of("admin", "dev")), Json.at(claims, "realm_access.roles"));
        assertEquals(Optional.empty(), Json.at(claims, "realm_access.missing"));
        assertEquals(Optional.empty(), Json.at(claims, "scope.deeper"));
    }

    @Test
    void literalKeyWithDotsWinsOverPath() {
        assertEquals(Optional.of(List.of("g1")), Json.at(claims, "https://example.com/groups"));
    }

    @Test
    void stringListsFromArraysOrSpaceSeparatedStrings() {
        assertEquals(List.of("kafka", "read", "write"), Json.stringList(claims.get("scope")));
        assertEquals(List.of("a", "b"), Json.stringList("a,b"));
        assertEquals(List.of("x"), Json.stringList(List.of("x")));
        assertEquals(List.of(), Json.stringList(null));
        assertEquals(List.of(), Json.stringList(" "));
    }

    /**
     * A string list is split on its separator and nothing else: whitespace that is not the
     * separator stays inside the element (where the name rules refuse it), never trimmed away.
     */
    @Test
    void stringsAreSplitOnSpacesOrCommasAndNeverTrimmed() {
        assertEquals(List.of("a", "b", "c"), Json.stringList("a  b   c"));
        assertEquals(List.of("a", "b"), Json.stringList(" a b "));
        assertEquals(List.of("a\tb", "c"), Json.stringList("a\tb c"));
        assertEquals(List.of("kafka-admins\t"), Json.stringList("kafka-admins\t"));
        assertEquals(List.of("\nkafka-admins"), Json.stringList("\nkafka-admins"));
        assertEquals(List.of("a", "\tc"), Json.stringList("a,,\tc"));
        assertEquals(List.of("a,", "b"), Json.stringList("a, b"));
        assertEquals(List.of("a\u00A0b"), Json.stringList("a\u00A0b"));
        assertEquals(List.of("\t"), Json.stringList("\t"));
        assertEquals(List.of(), Json.stringList(",,"));
    }
}
