package io.claimgate.policy.reload;

/**
 * Told of every policy file change a {@link PolicyWatcher} loaded or refused, so that its owner (the
 * authorizer, a REST extension, a record filter) can count it in its own meters.
 */
@FunctionalInterface
public interface ReloadListener {
    ReloadListener NONE = loaded -> { };

    /** @param loaded true when a changed file was swapped in, false when a changed file was refused */
    void reloaded(boolean loaded);
}
