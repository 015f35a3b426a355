package io.claimgate.benchmarks;

import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import javax.management.JMException;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * Reads the broker's MBeans over a local JMX connection, opened with the Attach API (the JDK starts
 * the broker JVM's local management agent on request; no port, no broker option). The storm uses it
 * to prove what it measures, e.g. that a reconnect phase was answered from claimgate's token cache.
 */
final class BrokerJmx implements AutoCloseable {
    /** Patterns: a broker adds its {@code cluster_id} and {@code node_id} tags. */
    static final String TOKEN_CACHE_HITS = "claimgate:name=claimgate.token.cache.hits,*";
    static final String TOKEN_CACHE_MISSES = "claimgate:name=claimgate.token.cache.misses,*";

    private final JMXConnector connector;
    private final MBeanServerConnection server;

    private BrokerJmx(JMXConnector connector) throws IOException {
        this.connector = connector;
        this.server = connector.getMBeanServerConnection();
    }

    static BrokerJmx attach(long pid) {
        try {
            VirtualMachine vm = VirtualMachine.attach(String.valueOf(pid));
            String address;
            try {
                address = vm.startLocalManagementAgent();
            } finally {
                vm.detach();
            }
            return new BrokerJmx(JMXConnectorFactory.connect(new JMXServiceURL(address)));
        } catch (Exception e) {
            throw new IllegalStateException("cannot open JMX on broker process " + pid + ": " + e, e);
        }
    }

    /** The {@code Count} of the counters {@code pattern} matches, summed; 0 when there is none (yet). */
    long count(String pattern) {
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
