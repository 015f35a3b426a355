package io.claimgate.server.jwks;

import io.claimgate.server.idp.CircuitBreaker;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The JWKS caches of a JVM, one per {@link JwksSpec}. Kafka creates a validator per
 * OAUTHBEARER listener, more than one per listener, and a new one on every reconfiguration: each
 * building its own cache would mean as many refresh threads and as many requests to the IdP for
 * the same keys. Here the first validator with a key creates and starts the cache; the others
 * with the same key use it; the last to let go stops its refresh thread.
 *
 * <p>Thread-safe. {@code entries} (its lock) guards the map and the reference counts and is never
 * held while the network is used; an entry's own lock serializes its creation and start (one
 * bounded fetch), so a second validator with the same key waits for that first fetch rather than
 * making its own, and validators with other keys do not wait at all. Lock order: an entry's lock,
 * then {@code entries}; never the other way.
 */
public final class JwksCacheRegistry {
    private static final JwksCacheRegistry JVM = new JwksCacheRegistry();

    /** Builds a new cache (not started) and the breaker of its endpoint, reporting fetches to {@code fetches}. */
    public interface Factory {
        Shared create(JwksCache.Listener fetches);
    }

    /** What the users of one key share: the cache and the circuit breaker in front of its endpoint. */
    public record Shared(JwksCache cache, CircuitBreaker breaker) {
    }

    private static final class Entry {
        final FetchListeners listeners = new FetchListeners();
        int users;                       // guarded by the registry's entries
        volatile Shared shared;          // written under this entry's lock
        volatile RuntimeException failure;   // a failed creation or start; written under this entry's lock
    }

    private final Map<JwksSpec, Entry> entries = new HashMap<>();   // guarded by itself

    /** A registry of its own; for tests. Validators use {@link #jvm()}. */
    JwksCacheRegistry() {
    }

    /** The registry of this JVM: what Kafka's validators share. */
    public static JwksCacheRegistry jvm() {
        return JVM;
    }

    /**
     * The cache for {@code key}, created and started by {@code factory} if no one uses one yet. Blocks
     * at most for the first fetch of a new cache (the HTTP timeouts), also when another validator is
     * creating it just now.
     *
     * @param issuer  the issuer name fetches are counted under, with {@code fetches}
     * @throws RuntimeException what {@code factory} or the start threw; nothing is then held
     */
    public Lease acquire(JwksSpec key, String issuer, JwksCache.Listener fetches, Factory factory) {
        Entry entry;
        synchronized (entries) {
            entry = entries.computeIfAbsent(key, k -> new Entry());
            entry.users++;
        }
        Lease lease = new Lease(key, entry);
        try {
            lease.listening = entry.listeners.add(issuer, fetches);   // before the first fetch, so it is counted
            synchronized (entry) {
                if (entry.failure != null) {
                    throw new IllegalStateException("the shared JWKS cache " + key + " failed to start: "
                            + entry.failure.getMessage(), entry.failure);
                }
                if (entry.shared == null) {
                    start(key, entry, factory);
                }
            }
            return lease;
        } catch (RuntimeException | Error e) {
            lease.close();
            throw e;
        }
    }

    private void start(JwksSpec key, Entry entry, Factory factory) {
        try {
            entry.shared = factory.create(entry.listeners);
            entry.shared.cache().start();
        } catch (RuntimeException e) {
            entry.failure = e;
            synchronized (entries) {
                entries.remove(key, entry);   // whoever comes next tries afresh
            }
            throw e;
        }
    }

    /** How many caches are in use; for tests. */
    int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    private void release(Lease lease) {
        Entry entry = lease.entry;
        if (lease.listening != null) {
            try {
                lease.listening.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);   // FetchListeners' handles do not throw
            }
        }
        boolean last;
        synchronized (entries) {
            last = --entry.users == 0;
            if (last) {
                entries.remove(lease.key, entry);
            }
        }
        Shared shared = entry.shared;
        if (last && shared != null) {
            shared.cache().close();
        }
    }

    /** One validator's use of a shared cache; {@link #close()} lets go of it, once. */
    public final class Lease implements AutoCloseable {
        private final JwksSpec key;
        private final Entry entry;
        private final AtomicBoolean closed = new AtomicBoolean();
        private volatile AutoCloseable listening;   // set before the lease is handed out

        private Lease(JwksSpec key, Entry entry) {
            this.key = key;
            this.entry = entry;
        }

        public JwksCache cache() {
            return entry.shared.cache();
        }

        public CircuitBreaker breaker() {
            return entry.shared.breaker();
        }

        /** Stops the cache's refresh thread if this was its last user; later calls do nothing. */
        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                release(this);
            }
        }
    }
}
