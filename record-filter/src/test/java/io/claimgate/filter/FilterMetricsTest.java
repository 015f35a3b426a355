package io.claimgate.filter;

import static io.claimgate.filter.Fixtures.header;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.claimgate.common.metrics.ClaimgateMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Passed and skipped per filter and topic, in the registry the filter is given; topic tags are bounded. */
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
        assertEquals(2, Fixtures.METRICS.count(FilterMetrics.SKIPPED, "filter", "hide-internal", "topic", "metrics-a"));
        assertEquals(1, Fixtures.METRICS.count(FilterMetrics.PASSED, "filter", "hide-internal", "topic", "metrics-a"));
        assertEquals(1, Fixtures.METRICS.count(FilterMetrics.PASSED, "filter", "hide-internal", "topic", "metrics-b"));
        assertEquals(2.0, ClaimgateMetrics.registry().get(FilterMetrics.SKIPPED)
                .tags("filter", "hide-internal", "topic", "metrics-a").functionCounter().count());
        interceptor.close();
    }

    @Test
    void countsInTheRegistryItIsGiven() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        FilterMetrics own = FilterMetrics.on(registry);
        assertSame(own, FilterMetrics.on(registry), "one instance per registry, so consumers add up");
        Path policy = Fixtures.write(dir, Fixtures.DESIGN_POLICY);
        long shared = Fixtures.METRICS.count(FilterMetrics.SKIPPED, "filter", "hide-internal", "topic", "metrics-own");
        try (Fixtures.Pair pair = Fixtures.interceptor(Fixtures.fixedPrincipal(policy, "client2"), own)) {
            pair.onConsume(new Fixtures.Batch().add("metrics-own", 0, header("internal", "true")).build());
        }
        assertEquals(1, own.count(FilterMetrics.SKIPPED, "filter", "hide-internal", "topic", "metrics-own"));
        assertEquals(1.0, registry.get(FilterMetrics.SKIPPED)
                .tags("filter", "hide-internal", "topic", "metrics-own").functionCounter().count());
        assertEquals(shared, Fixtures.METRICS.count(FilterMetrics.SKIPPED, "filter", "hide-internal", "topic", "metrics-own"),
                "nothing counted in the shared registry");
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
