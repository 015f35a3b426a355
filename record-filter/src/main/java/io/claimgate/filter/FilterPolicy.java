package io.claimgate.filter;

import io.claimgate.policy.PolicyFile;
import io.claimgate.policy.reload.LivePolicies;
import io.claimgate.policy.reload.ReloadListener;
import java.io.Closeable;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The policy file of one interceptor, kept current like the broker's (the same
 * {@link LivePolicies}): checked every reload interval; a changed, valid file is compiled and
 * swapped in atomically; a broken, missing or unreadable update changes nothing (the last good filters
 * stay in force, as on the broker). A file that cannot be loaded at START leaves the interceptor
 * with no filters to judge by: every record is held back until the file can be loaded.
 */
final class FilterPolicy implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(FilterPolicy.class);

    private final LivePolicies policies;
    private volatile PolicySnapshot current;

    FilterPolicy(Path path, Duration reloadInterval, Clock clock, ReloadListener reloads) {
        policies = LivePolicies.loadOrWait(path, reloadInterval, reloads, clock);
        Optional<PolicyFile> loaded = policies.initial();
        if (loaded.isPresent()) {
            current = PolicySnapshot.of(loaded.get());
            LOG.info("claimgate record filter: {} record filters from {}, checked every {}s: {}",
                    current.filters().size(), path, reloadInterval.toSeconds(), current.filters());
        } else {
            current = PolicySnapshot.unavailable(path.toString());
            // No policies in force: the watcher says so when it refuses, and hands over any valid version.
            LOG.error("claimgate record filter: the policy file cannot be used, so EVERY record is held back until it"
                    + " can be loaded (checked every {}s): {}", reloadInterval.toSeconds(),
                    policies.initialProblem().orElse(""));
        }
        policies.start(this::use);
    }

    /** Never null. */
    PolicySnapshot current() {
        return current;
    }

    /** Check the file now; for tests. @return whether a new file was swapped in */
    boolean checkNow() {
        return policies.checkNow();
    }

    private void use(PolicyFile file) {
        PolicySnapshot next = PolicySnapshot.of(file);
        current = next;
        LOG.info("claimgate record filter: now {} record filters from {}: {}", next.filters().size(), file.source(),
                next.filters());
    }

    @Override
    public void close() {
        policies.close();
    }
}
