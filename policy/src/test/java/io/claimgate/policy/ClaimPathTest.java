package io.claimgate.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClaimPathTest {
    @Test
    void plainClaimPathsAreRecognised() {
        assertEquals(List.of("topics"), ClaimPath.of("claims.topics").orElseThrow().keys());
        assertEquals(List.of("kafka", "topics"), ClaimPath.of(" claims.kafka . topics ").orElseThrow().keys());
        assertEquals(List.of("allowed-topics"), ClaimPath.of("claims['allowed-topics']").orElseThrow().keys());
        assertEquals(List.of("a", "b c"), ClaimPath.of("claims[\"a\"][ 'b c' ]").orElseThrow().keys());
    }

    @Test
    void anythingMoreIsNotAClaimPath() {
        for (String source : List.of("claims", "claims.topics.map(t, 'x' + t)", "claims.topics + ['x']",
                "has(claims.topics) ? claims.topics : []", "claims[k]", "claims['a\\'b']", "principal.name",
                "other.topics", "claims.topics[0]")) {
            assertEquals(Optional.empty(), ClaimPath.of(source), source);
        }
    }

    @Test
    void absentMeansSomeKeyOnThePathIsMissingFromAMap() {
        ClaimPath path = ClaimPath.of("claims.kafka.topics").orElseThrow();
        assertTrue(path.absentFrom(Map.of("sub", "x")));
        assertTrue(path.absentFrom(Map.of("kafka", Map.of("groups", List.of()))));
        assertFalse(path.absentFrom(Map.of("kafka", Map.of("topics", List.of("t")))));
        assertFalse(path.absentFrom(Map.of("kafka", "not a map")), "a wrong shape is for the expression to report");
    }
}
