package io.claimgate.it;

/** Closing what a test class started, for its {@code @AfterAll}. */
public final class Resources {
    private Resources() {
    }

    /**
     * Closes each resource in the order given (a cluster before the IdP its brokers fetch keys
     * from), skipping nulls (a start-up that failed half-way). One failing to close does not keep
     * the others open: the first failure is thrown at the end, later ones suppressed into it.
     */
    public static void closeAll(AutoCloseable... resources) {
        RuntimeException failure = null;
        for (AutoCloseable resource : resources) {
            if (resource == null) {
                continue;
            }
            try {
                resource.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("closing " + resource + " failed", e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
