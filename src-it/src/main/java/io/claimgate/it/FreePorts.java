package io.claimgate.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Hands out free TCP ports on the loopback interface.
 *
 * <p>A broker's listeners must be known before it starts (they are written into
 * server.properties and into every node's {@code controller.quorum.voters}), so "port 0" does not
 * work here. All ports of one request are reserved at once (sockets held open until the last is
 * chosen) so they differ from each other, and every port handed out is remembered for the life of
 * this JVM, so two clusters started one after the other (or concurrently) never get the same port
 * even though the operating system would happily reuse a port that was just released.
 */
public final class FreePorts {

    /** Every port this JVM has handed out; never returned twice. */
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private FreePorts() {
    }

    /** {@code count} distinct free ports, never handed out before in this JVM (also for a test's own servers, e.g. a metrics agent). */
    public static List<Integer> allocate(int count) {
        List<ServerSocket> held = new ArrayList<>();
        List<Integer> ports = new ArrayList<>();
        try {
            InetAddress loopback = InetAddress.getLoopbackAddress();
            int attempts = 0;
            while (ports.size() < count) {
                if (++attempts > count * 50) {
                    throw new IllegalStateException("could not find " + count + " free loopback ports");
                }
                ServerSocket socket = new ServerSocket(0, 1, loopback);
                held.add(socket);
                int port = socket.getLocalPort();
                if (HANDED_OUT.add(port)) {
                    ports.add(port);
                }
            }
            return List.copyOf(ports);
        } catch (IOException e) {
            throw new UncheckedIOException("could not reserve free loopback ports", e);
        } finally {
            for (ServerSocket socket : held) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // the port is released either way once the socket is gone
                }
            }
        }
    }
}
