package io.claimgate.it;

import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import javax.management.JMException;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * Reads a broker's MBeans over a local JMX connection, opened with the Attach API (the JDK starts
 * the broker JVM's local management agent on request: no port, no broker option). Tests and
 * benchmarks use it to see what the broker did, e.g. how many lookups claimgate's token cache
 * answered.
 */
public final class BrokerMBeans implements AutoCloseable {
    /** Patterns: a broker adds its {@code cluster_id} and {@code node_id} tags. */
    public static final String TOKEN_CACHE_HITS = "claimgate:name=claimgate.token.cache.hits,*";
    public static final String TOKEN_CACHE_MISSES = "claimgate:name=claimgate.token.cache.misses,*";

    private final JMXConnector connector;
    private final MBeanServerConnection server;

    private BrokerMBeans(JMXConnector connector) throws IOException {
        this.connector = connector;
        this.server = connector.getMBeanServerConnection();
    }

    public static BrokerMBeans of(BrokerNode node) {
        return attach(node.pid().orElseThrow(() -> new IllegalStateException("the broker is not running")));
    }

    public static BrokerMBeans attach(long pid) {
        try {
            VirtualMachine vm = VirtualMachine.attach(String.valueOf(pid));
            String address;
            try {
                address = vm.startLocalManagementAgent();
            } finally {
                vm.detach();
            }
            return new BrokerMBeans(JMXConnectorFactory.connect(new JMXServiceURL(address)));
        } catch (Exception e) {
            throw new IllegalStateException("cannot open JMX on broker process " + pid + ": " + e, e);
        }
    }

    /** The {@code Count} of the counters {@code pattern} matches, summed; 0 when there is none (yet). */
    public long count(String pattern) {
        try {
            long total = 0;
            for (ObjectName name : server.queryNames(new ObjectName(pattern), null)) {
                total += ((Number) server.getAttribute(name, "Count")).longValue();
            }
            return total;
        } catch (JMException | IOException e) {
            throw new IllegalStateException("cannot read " + pattern + " from the broker: " + e, e);
        }
    }

    @Override
    public void close() throws IOException {
        connector.close();
    }
}
