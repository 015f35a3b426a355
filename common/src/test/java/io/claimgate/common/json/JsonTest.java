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

    @Test
    void stringsAreSplitExactlyAsTheRegularExpressionsOfTheScopeSyntaxWould() {
        String[] texts = {"a", "a b", "a  b   c", "a\tb c", "a\nb c", " a b ", "a,b", "a, b,\tc", "a,,b", ",a",
            "a,", "a,b,", "a ,b", "a, ,b", "a\u000Bb c", "a\fb c\r\nd", "a,\u000Bb", "kafka:read kafka:write",
            "x,y z", "\t", ",", ",,", "a,\t", "ü ß", "a\u00A0b"};
        for (String text : texts) {
            String trimmed = text.trim();
            List<String> expected = trimmed.isEmpty() ? List.of()
                    : List.of(trimmed.split(trimmed.indexOf(' ') >= 0 ? "\\s+" : ",\\s*"));
            assertEquals(expected, Json.stringList(text), () -> "'" + text + "'");
        }
    }
}
