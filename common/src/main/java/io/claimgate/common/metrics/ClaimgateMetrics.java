package io.claimgate.common.metrics;

import com.codahale.metrics.LockFreeExponentiallyDecayingReservoir;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import com.codahale.metrics.jmx.JmxReporter;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.jmx.JmxConfig;
import io.micrometer.jmx.JmxMeterRegistry;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one Micrometer registry of a JVM's claimgate plugins, published over JMX under the domain
 * {@value #JMX_DOMAIN} (docs/METRICS.md lists every meter). One per JVM, not per plugin instance:
 * Kafka creates a callback handler per listener and an authorizer per node role, and their meters
 * should add up in one place rather than register clashing MBeans.
 *
 * <p>Every tag becomes a key property of the MBean's name ({@link TaggedObjectNames}), e.g.
 * {@code claimgate:name=authorizer.decisions,operation=read,resource_type=topic,result=allowed},
 * so that JMX tools and the Prometheus JMX exporter (samples/monitoring) read tags as labels
 * instead of parsing them out of one dotted string.
 */
public final class ClaimgateMetrics {
    public static final String JMX_DOMAIN = "claimgate";

    private static final MeterRegistry REGISTRY = create();
    private static final Logger LOG = LoggerFactory.getLogger(ClaimgateMetrics.class);
    private static NodeIdentity identity;   // guarded by the class

    private ClaimgateMetrics() {
    }

    /**
     * The JVM's default registry for claimgate's meters. Only the plugins' Kafka entry points read
     * it (each plugin's {@code configure()}, or the method Kafka calls instead), because Kafka
     * creates plugins with their no-argument constructor and cannot hand them one; from there it is
     * passed to everything the plugin builds ({@code TokenSource}, the validator, the authorizer's
     * and the filter's meters), which take a {@link MeterRegistry} argument, so tests give them a
     * registry of their own. It stays one per JVM because JMX is: meters of several plugin instances
     * add up instead of registering clashing MBeans.
     */
    public static MeterRegistry registry() {
        return REGISTRY;
    }

    /**
     * Tag every meter of this JVM with the Kafka cluster id and node id, if the configuration names
     * them ({@link NodeIdentity}). Broker-side plugins call this first in {@code configure()}, before
     * they register meters: tags apply to meters registered afterwards. The first identity stays
     * (a combined node's broker and controller plugins share one).
     */
    public static void identify(Map<String, ?> brokerConfigs) {
        NodeIdentity.fromBrokerConfig(brokerConfigs).ifPresent(found -> identify(REGISTRY, found));
    }

    static synchronized boolean identify(MeterRegistry registry, NodeIdentity found) {
        if (registry == REGISTRY && identity != null) {
            if (!identity.equals(found)) {
                LOG.warn("claimgate metrics keep cluster {} node {}; a plugin of this JVM names cluster {} node {}",
                        identity.clusterId(), identity.nodeId(), found.clusterId(), found.nodeId());
            }
            return false;
        }
        registry.config().commonTags(NodeIdentity.CLUSTER_ID_TAG, found.clusterId(),
                NodeIdentity.NODE_ID_TAG, found.nodeId());
        if (registry == REGISTRY) {
            identity = found;
        }
        return true;
    }

    private static MeterRegistry create() {
        JmxConfig config = new JmxConfig() {
            @Override
            public String get(String key) {
                return null;   // defaults for everything else
            }

            @Override
            public String domain() {
                return JMX_DOMAIN;
            }
        };
        MetricRegistry dropwizard = new MetricRegistry() {
            /**
             * Micrometer asks for Dropwizard's default timer, whose exponentially decaying reservoir
             * takes a lock and a skip-list insert on every update: a good part of a microsecond on the
             * broker's network thread for each validation (docs/BENCHMARKS.md). The lock-free
             * reservoir keeps the same forward-decaying sample, so the exported quantiles mean the same.
             */
            @Override
            public Timer timer(String name, MetricSupplier<Timer> ignored) {
                return super.timer(name, () -> new Timer(LockFreeExponentiallyDecayingReservoir.builder().build()));
            }
        };
        JmxReporter reporter = JmxReporter.forRegistry(dropwizard)
                .inDomain(JMX_DOMAIN)
                .createsObjectNamesWith(TaggedObjectNames::objectName)
                .build();
        return new JmxMeterRegistry(config, Clock.SYSTEM, TaggedObjectNames::keyProperties, dropwizard, reporter);
    }
}
