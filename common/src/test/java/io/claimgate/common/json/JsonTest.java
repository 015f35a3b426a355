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
}
