package io.claimgate.server.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters on the request path, as the authorizer counts: a {@link LongAdder} published as a
 * Micrometer function counter, so counting is one add (a Micrometer counter on the broker's
 * Dropwizard registry also reads the clock and updates three moving averages). JMX shows the same
 * {@code Count} and rate attributes either way.
 *
 * <p>One adder per registry, name and tags, however many objects count into it: Kafka creates a
 * validator per listener (and new ones on reconfiguration) over the one JVM-wide registry, and
 * Micrometer would keep only the first function counter registered under an id, so a second
 * adder would count unseen. Callers resolve their adders once and keep them; the function
 * counter holds its adder only weakly, so this class does too, by its registry.
 */
final class SharedCounters {
    private record Key(String name, Tags tags) {
    }

    /** Weak keys: a registry that is gone takes its adders with it. */
    private static final Map<MeterRegistry, Map<Key, LongAdder>> BY_REGISTRY = new WeakHashMap<>();

    private SharedCounters() {
    }

    static LongAdder counter(MeterRegistry registry, String name, String description, Tags tags) {
        Map<Key, LongAdder> counters;
        synchronized (BY_REGISTRY) {
            counters = BY_REGISTRY.computeIfAbsent(registry, r -> new ConcurrentHashMap<>());
        }
        return counters.computeIfAbsent(new Key(name, tags), key -> {
            LongAdder count = new LongAdder();
            FunctionCounter.builder(name, count, LongAdder::sum).description(description).tags(tags).register(registry);
            return count;
        });
    }
}
