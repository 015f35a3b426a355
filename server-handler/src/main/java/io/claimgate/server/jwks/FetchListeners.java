package io.claimgate.server.jwks;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The fetch listeners of a shared {@link JwksCache}: every validator using the cache adds the one
 * for its issuer, so that fetches are counted under each issuer name in use, once per fetch and
 * name however many validators share both. A listener leaves with the last validator that added
 * it under its name. Thread-safe: fetches are reported from the refresh thread while validators
 * come and go.
 */
final class FetchListeners implements JwksCache.Listener {
    private record Registered(JwksCache.Listener listener, int users) {
    }

    private final Map<String, Registered> byIssuer = new LinkedHashMap<>();   // guarded by this
    private volatile JwksCache.Listener[] listeners = new JwksCache.Listener[0];

    /**
     * Adds {@code listener} for {@code issuer}, unless one is already there for that name (it counts
     * into the same meters); the returned handle takes it out again, once.
     */
    synchronized AutoCloseable add(String issuer, JwksCache.Listener listener) {
        byIssuer.merge(issuer, new Registered(listener, 1), (old, added) -> new Registered(old.listener(),
                old.users() + 1));
        publish();
        boolean[] removed = {false};
        return () -> remove(issuer, removed);
    }

    private synchronized void remove(String issuer, boolean[] removed) {
        if (removed[0]) {
            return;
        }
        removed[0] = true;
        Registered registered = byIssuer.get(issuer);
        if (registered.users() == 1) {
            byIssuer.remove(issuer);
        } else {
            byIssuer.put(issuer, new Registered(registered.listener(), registered.users() - 1));
        }
        publish();
    }

    private void publish() {
        listeners = byIssuer.values().stream().map(Registered::listener).toArray(JwksCache.Listener[]::new);
    }

    @Override
    public void fetched(boolean success) {
        for (JwksCache.Listener listener : listeners) {
            listener.fetched(success);
        }
    }
}
