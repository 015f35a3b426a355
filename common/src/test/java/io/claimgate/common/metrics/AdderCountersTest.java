package io.claimgate.common.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

/** Everyone who counts under one name and tags on one registry counts into the one meter. */
class AdderCountersTest {

    @Test
    void oneAdderPerRegistryNameAndTags() {
        MeterRegistry registry = new SimpleMeterRegistry();
        LongAdder broker = AdderCounters.counter(registry, "policy.reloads", "reloads", Tags.of("result", "success"));
        LongAdder consumer = AdderCounters.counter(registry, "policy.reloads", "reloads", Tags.of("result", "success"));
        LongAdder failures = AdderCounters.counter(registry, "policy.reloads", "reloads", Tags.of("result", "failure"));

        broker.increment();
        consumer.add(2);
        failures.increment();

        assertSame(broker, consumer, "a second registration would count where no meter reads it");
        assertEquals(3, registry.get("policy.reloads").tags("result", "success").functionCounter().count());
        assertEquals(1, registry.get("policy.reloads").tags("result", "failure").functionCounter().count());
        assertNotSame(broker, AdderCounters.counter(new SimpleMeterRegistry(), "policy.reloads", "reloads",
                Tags.of("result", "success")), "another registry, another meter");
    }
}
