package io.claimgate.authorizer.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Measurement;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Measurable;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * KIP-877: claimgate meters published again as Kafka plugin metrics, so {@code metric.reporters}
 * users see them without JMX. Every meter whose name passes the filter, present now or registered
 * later (a new topic's counter, say), becomes one Kafka metric of the same name and tags, in
 * Kafka's plugin group ({@code kafka.server:type=plugins} over JMX), reading the meter's first
 * measurement (a counter's count, a gauge's value). The claimgate registry stays the source.
 *
 * <p>Micrometer cannot take a meter listener back: {@link #close()} makes it a no-op; Kafka
 * removes the plugin metrics themselves when it closes the plugin.
 */
public final class PluginMetricsBridge implements Consumer<Meter>, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PluginMetricsBridge.class);

    private final PluginMetrics target;
    private final Predicate<String> names;
    private final Set<Meter.Id> added = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private PluginMetricsBridge(PluginMetrics target, Predicate<String> names) {
        this.target = target;
        this.names = names;
    }

    /** Publish the matching meters of {@code registry}, now and as they are registered, to {@code target}. */
    public static PluginMetricsBridge attach(MeterRegistry registry, PluginMetrics target, Predicate<String> names) {
        PluginMetricsBridge bridge = new PluginMetricsBridge(target, names);
        registry.config().onMeterAdded(bridge);
        registry.getMeters().forEach(bridge);
        return bridge;
    }

    @Override
    public void accept(Meter meter) {
        Meter.Id id = meter.getId();
        if (closed || !names.test(id.getName()) || !added.add(id)) {
            return;
        }
        try {
            LinkedHashMap<String, String> tags = new LinkedHashMap<>();
            id.getTagsAsIterable().forEach(tag -> tags.put(tag.getKey(), tag.getValue()));
            MetricName name = target.metricName(id.getName(), id.getDescription() == null ? "" : id.getDescription(), tags);
            target.addMetric(name, (Measurable) (config, now) -> value(meter));
        } catch (RuntimeException e) {
            // Runs where the meter is registered, possibly on the request path: never fail it.
            LOG.warn("claimgate: meter {} not published as a Kafka plugin metric: {}", id.getName(), e.toString());
        }
    }

    private static double value(Meter meter) {
        Iterator<Measurement> measurements = meter.measure().iterator();
        return measurements.hasNext() ? measurements.next().getValue() : Double.NaN;
    }

    @Override
    public void close() {
        closed = true;
    }
}
