package io.claimgate.policy.reload;

import io.claimgate.policy.PolicyException;
import io.claimgate.policy.PolicyFile;
import io.claimgate.policy.PolicyFiles;
import io.claimgate.common.config.InvalidOptionException;
import java.io.Closeable;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A policy file in force and kept current: the one set-up of the broker authorizer, the REST
 * extensions and the record filter. Loaded when made, so that a caller can refuse to start
 * before it builds anything; then, once {@link #start started}, checked every reload interval by a
 * {@link PolicyWatcher}, which hands each changed, valid version to the owner and keeps the last
 * good one when a change cannot be used.
 */
public final class LivePolicies implements Closeable {
    private final Path path;
    private final Duration reloadInterval;
    private final ReloadListener listener;
    private final Clock clock;
    private final PolicyFile initial;          // null when the file could not be used at start
    private final String initialProblem;       // why not, or null
    private volatile PolicyWatcher watcher;    // null until started; set once

    private LivePolicies(Path path, Duration reloadInterval, ReloadListener listener, Clock clock,
                         PolicyFile initial, String initialProblem) {
        this.path = path;
        this.reloadInterval = reloadInterval;
        this.listener = listener;
        this.clock = clock;
        this.initial = initial;
        this.initialProblem = initialProblem;
    }

    /**
     * Loads {@code path} now. A file that cannot be used fails start-up: the exception names
     * {@code option}, the setting that pointed at it (the broker's and the REST extensions' way).
     */
    public static LivePolicies load(String option, Path path, Duration reloadInterval, ReloadListener listener,
                                    Clock clock) {
        try {
            return new LivePolicies(path, reloadInterval, listener, clock, PolicyFiles.load(path), null);
        } catch (PolicyException e) {
            throw new InvalidOptionException(option, e.getMessage());
        }
    }

    /**
     * Loads {@code path} now; a file that cannot be used leaves nothing in force
     * ({@link #initial()} is empty, {@link #initialProblem()} says why) and the first valid version
     * that appears is handed over (the record filter's way: a client must not fail to start, and
     * holds records back instead).
     */
    public static LivePolicies loadOrWait(Path path, Duration reloadInterval, ReloadListener listener, Clock clock) {
        try {
            return new LivePolicies(path, reloadInterval, listener, clock, PolicyFiles.load(path), null);
        } catch (PolicyException e) {
            return new LivePolicies(path, reloadInterval, listener, clock, null, e.getMessage());
        }
    }

    /** The version loaded when this was made; empty if it could not be used. */
    public Optional<PolicyFile> initial() {
        return Optional.ofNullable(initial);
    }

    /** Why the file could not be used when this was made; empty if it could. */
    public Optional<String> initialProblem() {
        return Optional.ofNullable(initialProblem);
    }

    public Path path() {
        return path;
    }

    /**
     * Start watching: every later version that can be used goes to {@code use} (the initial one is
     * the caller's to apply, before this). A zero reload interval never checks.
     */
    public synchronized void start(Consumer<PolicyFile> use) {
        if (watcher != null) {
            throw new IllegalStateException("already started");
        }
        PolicyWatcher started = initial != null
                ? new PolicyWatcher(path, initial, use, listener, clock)
                : PolicyWatcher.withNothingLoaded(path, use, listener, clock);
        started.start(reloadInterval);
        watcher = started;
    }

    /** Whether the latest change of the file could not be used (the previous version stays in force). */
    public boolean lastReloadFailed() {
        PolicyWatcher current = watcher;
        return current != null && current.lastReloadFailed();
    }

    /** Check the file now instead of waiting for the next poll; for tests and tools. @return whether a new version was handed over */
    public boolean checkNow() {
        PolicyWatcher current = watcher;
        return current != null && current.checkNow();
    }

    @Override
    public synchronized void close() {
        PolicyWatcher current = watcher;
        if (current != null) {
            current.close();
        }
    }
}
