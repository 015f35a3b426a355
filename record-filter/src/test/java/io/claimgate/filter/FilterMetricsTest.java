package io.claimgate.filter;

import static io.claimgate.filter.Fixtures.header;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.claimgate.common.metrics.ClaimgateMetrics;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Passed and skipped per filter and topic, in the shared registry; topic tags are bounded. */
class FilterMetricsTest {
    @TempDir
    Path dir;

    @Test
    void passedAndSkippedPerFilterAndTopic() {
        Path policy = Fixtures.write(dir, Fixtures.DESIGN_POLICY);
        Fixtures.Pair interceptor = Fixtures.interceptor(Fixtures.fixedPrincipal(policy, "client2"));
        interceptor.onConsume(new Fixtures.Batch()
                .add("metrics-a", 0, header("internal", "true"))
                .add("metrics-a", 1, header("internal", "true"))
                .add("metrics-a", 1)
                .add("metrics-b", 0)
                .build());
        assertEquals(2, FilterMetrics.count(FilterMetrics.SKIPPED, "filter", "hide-internal", "topic", "metrics-a"));
        assertEquals(1, FilterMetrics.count(FilterMetrics.PASSED, "filter", "hide-internal", "topic", "metrics-a"));
        assertEquals(1, FilterMetrics.count(FilterMetrics.PASSED, "filter", "hide-internal", "topic", "metrics-b"));
        assertEquals(2.0, ClaimgateMetrics.registry().get(FilterMetrics.SKIPPED)
                .tags("filter", "hide-internal", "topic", "metrics-a").functionCounter().count());
        interceptor.close();
    }

    @Test
    void topicTagsAreBounded() {
        Set<String> inUse = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            assertEquals("t" + i, FilterMetrics.boundedTag(inUse, 3, "t" + i));
        }
        assertEquals(FilterMetrics.OTHER_TOPIC, FilterMetrics.boundedTag(inUse, 3, "t3"));
        assertEquals("t1", FilterMetrics.boundedTag(inUse, 3, "t1"));
    }
}
