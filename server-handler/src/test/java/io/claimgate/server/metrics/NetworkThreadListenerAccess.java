package io.claimgate.server.metrics;

/** Opens {@link NetworkThreadListener#of} to tests in other packages. */
public final class NetworkThreadListenerAccess {
    private NetworkThreadListenerAccess() {
    }

    public static String of(String threadName) {
        return NetworkThreadListener.of(threadName);
    }
}
