package io.claimgate.common.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * claimgate's counters: a {@link LongAdder} published as a Micrometer function counter, so counting
 * on a request path is one add (a Micrometer counter on the Dropwizard registry behind JMX also
 * reads the clock and updates three moving averages). JMX shows the same {@code Count} and rate
 * attributes either way. The one way every claimgate plugin registers a counter.
 *
 * <p>One adder per registry, name and tags, however many objects count into it: Kafka creates a
 * validator per listener (and new ones on reconfiguration) over the one JVM-wide registry, the
 * authorizer and the record filter both count {@code policy.reloads}, and Micrometer keeps only the
 * first function counter registered under an id, so a second adder would count unseen. Callers
 * resolve their adders once and keep them (Micrometer holds a function counter's state only
 * weakly; this class holds the adders for as long as their registry lives).
 */
public final class AdderCounters {
    /** A meter id: name and tags. */
    private static final class Key {
        private final String name;
        private final Tags tags;

        Key(String name, Tags tags) {
            this.name = name;
            this.tags = tags;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key && ((Key) o).name.equals(name) && ((Key) o).tags.equals(tags);
        }

        @Override
        public int hashCode() {
            return 31 * name.hashCode() + tags.hashCode();
        }
    }

    /** Weak keys: a registry that is gone takes its adders with it. */
    private static final Map<MeterRegistry, Map<Key, LongAdder>> BY_REGISTRY = new WeakHashMap<>();

    private AdderCounters() {
    }

    /** The counter {@code name} with {@code tags} on {@code registry}, registered the first time it is asked for. */
    public static LongAdder counter(MeterRegistry registry, String name, String description, Tags tags) {
        Map<Key, LongAdder> counters;
        synchronized (BY_REGISTRY) {
            counters = BY_REGISTRY.computeIfAbsent(registry, r -> new ConcurrentHashMap<>());
        }
        return counters.computeIfAbsent(new Key(name, tags), key -> {
            LongAdder count = new LongAdder();
            FunctionCounter.builder(name, count, LongAdder::sum).description(description).tags(tags)
                    .register(registry);
            return count;
        });
    }
}
