package io.claimgate.server;

import io.claimgate.server.validation.TokenValidator;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One validator per distinct {@link ValidatorOptions} in the JVM, shared by every callback handler
 * configured with equal options, and closed when the last of them closes.
 *
 * <p>Why: a broker does not configure claimgate's handler once per listener but once per network
 * thread. Each of a listener's {@code num.network.threads} processors builds its own channel builder,
 * and with it its own callback handler, and the acceptor hands new connections to the processors in
 * turn. With a validator per handler, the validated-token cache was split as many ways: a client that
 * reconnected with the same token found it cached only if its new connection landed on the same
 * network thread (measured on a 3-thread listener: 6 hits in 1 000 reconnects), and every thread kept
 * its own copy of the cache. Shared, a token validated on one network thread is a cache hit on all.
 * Everything else in the validator is safe to share across threads already (immutable options,
 * atomic snapshots, concurrent caches); the JWKS caches were shared before, by their own registry.
 *
 * <p>Equal options build equal validators ({@link ValidatorFactory} reads nothing else), so sharing
 * changes no decision. Two listeners configured alike share one validator too.
 */
final class SharedValidators {
    private static final Map<ValidatorOptions, Shared> SHARED = new HashMap<>();   // guarded by SHARED

    private SharedValidators() {
    }

    /** A validator and how many handlers hold it. */
    private static final class Shared {
        private final TokenValidator validator;
        private int leases;   // guarded by SHARED

        Shared(TokenValidator validator) {
            this.validator = validator;
        }
    }

    /** One handler's hold on a shared validator; {@link #close()} at most once counts. */
    static final class Lease implements AutoCloseable {
        private final ValidatorOptions options;
        private final Shared shared;
        private boolean closed;   // guarded by SHARED

        private Lease(ValidatorOptions options, Shared shared) {
            this.options = options;
            this.shared = shared;
        }

        TokenValidator validator() {
            return shared.validator;
        }

        @Override
        public void close() {
            TokenValidator last = null;
            synchronized (SHARED) {
                if (closed) {
                    return;
                }
                closed = true;
                if (--shared.leases == 0) {
                    SHARED.remove(options, shared);
                    last = shared.validator;
                }
            }
            if (last != null) {
                last.close();
            }
        }
    }

    /**
     * The validator for {@code options}: the one already shared, or a new one from {@code create}
     * (built under the registry's lock, so two handlers configured at once never build two; a failure
     * registers nothing).
     */
    static Lease acquire(ValidatorOptions options, Supplier<TokenValidator> create) {
        synchronized (SHARED) {
            Shared shared = SHARED.get(options);
            if (shared == null) {
                shared = new Shared(create.get());
                SHARED.put(options, shared);
            }
            shared.leases++;
            return new Lease(options, shared);
        }
    }

    /** Validators currently shared; for tests. */
    static int size() {
        synchronized (SHARED) {
            return SHARED.size();
        }
    }
}
