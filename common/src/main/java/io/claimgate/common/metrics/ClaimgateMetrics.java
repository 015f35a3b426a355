package io.claimgate.common.metrics;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.jmx.JmxConfig;
import io.micrometer.jmx.JmxMeterRegistry;

/**
 * The one Micrometer registry of a JVM's claimgate plugins, published over JMX under the domain
 * {@value #JMX_DOMAIN} (docs/METRICS.md lists every meter). One per JVM, not per plugin instance:
 * Kafka creates a callback handler per listener and an authorizer per node role, and their meters
 * should add up in one place rather than register clashing MBeans.
 */
public final class ClaimgateMetrics {
    public static final String JMX_DOMAIN = "claimgate";

    private static final MeterRegistry REGISTRY = new JmxMeterRegistry(new JmxConfig() {
        @Override
        public String get(String key) {
            return null;   // defaults for everything else
        }

        @Override
        public String domain() {
            return JMX_DOMAIN;
        }
    }, Clock.SYSTEM);

    private ClaimgateMetrics() {
    }

    public static MeterRegistry registry() {
        return REGISTRY;
    }
}
