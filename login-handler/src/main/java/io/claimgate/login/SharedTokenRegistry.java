package io.claimgate.login;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * The shared tokens of a JVM, one per {@link CredentialKey}. Kafka gives every producer, consumer
 * and admin client its own login and refresh thread; with the same credential they would each ask
 * the IdP for a token of their own. Here they share one ({@link SharedToken}): the first login of
 * a credential creates the entry, the others use it, and the last to close drops it, token and
 * all. Logins with different keys never share anything.
 *
 * <p>Thread-safe: {@code entries} (its lock) guards the map and the reference counts and is never
 * held while the IdP is asked.
 */
final class SharedTokenRegistry {
    private static final SharedTokenRegistry JVM = new SharedTokenRegistry();

    private static final class Entry {
        final SharedToken token;
        int users;   // guarded by the registry's entries

        Entry(SharedToken token) {
            this.token = token;
        }
    }

    private final Map<CredentialKey, Entry> entries = new HashMap<>();   // guarded by itself

    /** A registry of its own; for tests. Logins use {@link #jvm()}. */
    SharedTokenRegistry() {
    }

    static SharedTokenRegistry jvm() {
        return JVM;
    }

    /**
     * A token source for one login: the shared token of {@code key}, asked for with the source that
     * {@code factory} makes when no login uses the key yet. Cheap; asks nothing of the IdP.
     *
     * @param clock    the login's clock, which decides whether the shared token is fresh enough
     * @param registry where the meters of a token created here go: the login handler's
     */
    Lease acquire(CredentialKey key, Supplier<TokenSource> factory, Clock clock, MeterRegistry registry) {
        Entry entry;
        synchronized (entries) {
            entry = entries.get(key);
            if (entry == null) {
                entry = new Entry(new SharedToken(factory.get(), current -> new LoginMetrics(registry, key, current, clock)));
                entries.put(key, entry);
            }
            entry.users++;
        }
        return new Lease(key, entry, clock);
    }

    /** How many credentials are in use; for tests. */
    int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    private void release(Lease lease) {
        boolean last;
        synchronized (entries) {
            last = --lease.entry.users == 0;
            if (last) {
                entries.remove(lease.key, lease.entry);
            }
        }
        if (last) {
            lease.entry.token.metrics().close();
        }
    }

    /** One login's use of a shared token; {@link #close()} lets go of it, once. */
    final class Lease implements TokenSource {
        private final CredentialKey key;
        private final Entry entry;
        private final Clock clock;
        private final AtomicBoolean closed = new AtomicBoolean();

        private Lease(CredentialKey key, Entry entry, Clock clock) {
            this.key = key;
            this.entry = entry;
            this.clock = clock;
        }

        @Override
        public ClientAccessToken token() throws TokenRetrievalException {
            return entry.token.token(clock.instant());
        }

        @Override
        public String describe() {
            return entry.token.source().describe();
        }

        /** Drops the shared token if this was the last login using it; later calls do nothing. */
        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                release(this);
            }
        }
    }
}
