package io.claimgate.common.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/** What JMX clients (and the Prometheus JMX exporter rules in samples/monitoring) see. */
class ClaimgateMetricsJmxTest {
    private final MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();

    @Test
    void everyTagIsAKeyPropertyOfTheMBeanName() throws Exception {
        Counter.builder("test.decisions").tags("result", "allowed", "operation", "read")
                .register(ClaimgateMetrics.registry()).increment(3);

        ObjectName name = new ObjectName("claimgate:name=test.decisions,operation=read,result=allowed");
        assertEquals(3L, ((Number) jmx.getAttribute(name, "Count")).longValue());
        assertEquals("name=test.decisions,operation=read,result=allowed", name.getKeyPropertyListString(),
                "tags follow the name in alphabetical order");
    }

    @Test
    void aTopicWithDotsStaysOneLabelValue() throws Exception {
        Counter.builder("test.denials").tag("topic", "orders.eu.v1").register(ClaimgateMetrics.registry()).increment();

        assertEquals("orders.eu.v1", new ObjectName("claimgate:name=test.denials,topic=orders.eu.v1")
                .getKeyProperty("topic"));
        assertTrue(jmx.isRegistered(new ObjectName("claimgate:name=test.denials,topic=orders.eu.v1")));
    }

    @Test
    void valuesThatJmxDoesNotAllowBareAreQuoted() throws Exception {
        String policy = "team a, \"ops\": read=*";
        Counter.builder("test.errors").tag("policy", policy).register(ClaimgateMetrics.registry()).increment();

        ObjectName name = new ObjectName("claimgate:name=test.errors,policy=" + ObjectName.quote(policy));
        assertTrue(jmx.isRegistered(name), name.toString());
        assertEquals(policy, ObjectName.unquote(name.getKeyProperty("policy")));
    }

    @Test
    void aTagNamedLikeTheNameKeyDoesNotReplaceTheName() throws Exception {
        Counter.builder("test.clash").tag("name", "x").register(ClaimgateMetrics.registry()).increment();

        assertTrue(jmx.isRegistered(new ObjectName("claimgate:name=test.clash,tag_name=x")));
    }

    @Test
    void gaugesAndTimersArePublishedToo() throws Exception {
        AtomicInteger keys = new AtomicInteger(4);
        Gauge.builder("test.keys", keys, AtomicInteger::get).tag("issuer", "default").register(ClaimgateMetrics.registry());
        Timer.builder("test.latency").tag("outcome", "accepted").register(ClaimgateMetrics.registry())
                .record(Duration.ofMillis(2));

        assertEquals(4.0, ((Number) jmx.getAttribute(new ObjectName("claimgate:name=test.keys,issuer=default"), "Value"))
                .doubleValue());
        assertEquals(1L, ((Number) jmx.getAttribute(new ObjectName("claimgate:name=test.latency,outcome=accepted"), "Count"))
                .longValue());
    }

    @Test
    void countersOverAnAdderShowTheSameAttributesAsCounters() throws Exception {
        LongAdder adder = new LongAdder();
        FunctionCounter.builder("test.adder", adder, LongAdder::sum).tag("outcome", "accepted")
                .register(ClaimgateMetrics.registry());
        adder.add(5);

        ObjectName name = new ObjectName("claimgate:name=test.adder,outcome=accepted");
        assertEquals(5L, ((Number) jmx.getAttribute(name, "Count")).longValue());
        for (String rate : List.of("MeanRate", "OneMinuteRate", "FiveMinuteRate", "FifteenMinuteRate")) {
            assertInstanceOf(Double.class, jmx.getAttribute(name, rate), rate);
        }
    }
}
