package io.claimgate.server.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleSupplier;

/**
 * Gauges that several live objects contribute to. Kafka creates one validator per listener (and a
 * new one on reconfiguration), all reporting into the one JVM-wide registry; Micrometer keeps only
 * the first gauge registered under a name and tags. So each gauge here is registered once and
 * combines the values of every object currently registered under it; closing a registration takes
 * its object out.
 */
final class SharedGauges {
    enum Combine { SUM, MAX }

    private record Key(MeterRegistry registry, String name, Tags tags) {
    }

    private static final class Holder {
        final Set<DoubleSupplier> suppliers = ConcurrentHashMap.newKeySet();
        final Combine combine;

        Holder(Combine combine) {
            this.combine = combine;
        }

        double value() {
            double result = combine == Combine.SUM ? 0 : Double.NaN;
            for (DoubleSupplier supplier : suppliers) {
                double value = supplier.getAsDouble();
                result = combine == Combine.SUM ? result + value
                        : Double.isNaN(result) ? value : Math.max(result, value);
            }
            return result;
        }
    }

    /** Holders are referenced from here: Micrometer holds gauge objects only weakly. */
    private static final ConcurrentHashMap<Key, Holder> HOLDERS = new ConcurrentHashMap<>();

    private SharedGauges() {
    }

    static AutoCloseable register(MeterRegistry registry, String name, String description, Tags tags, Combine combine,
                                  DoubleSupplier supplier) {
        Holder holder = HOLDERS.computeIfAbsent(new Key(registry, name, tags), key -> {
            Holder created = new Holder(combine);
            Gauge.builder(name, created, Holder::value).description(description).tags(tags).register(registry);
            return created;
        });
        holder.suppliers.add(supplier);
        return () -> holder.suppliers.remove(supplier);
    }
}
