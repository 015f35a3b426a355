package io.claimgate.policy.reload;

import io.claimgate.policy.PolicyException;
import io.claimgate.policy.PolicyFile;
import io.claimgate.policy.PolicyFiles;
import io.claimgate.policy.PolicyParser;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hot reload of the policy file: checks it every interval, and hands a changed, valid file to the
 * authorizer, which swaps it in atomically. A file that is broken, missing or unreadable changes
 * nothing: the last good policies stay in force, ONE error is logged per broken version (not per
 * check), and {@link #lastReloadFailed()} is true until a good version is loaded.
 *
 * <p>A watcher made with {@link #withNothingLoaded} (the record filter's, when the file could not be
 * loaded at start) has no good policies to keep: its errors say that nothing is in force, and the
 * first valid version it sees is handed over.
 *
 * <p>Change detection: modification time and size first; the content (SHA-256) decides. A file
 * rewritten with the same size within the file system's timestamp granularity keeps its stamp, so,
 * like git's "racily clean" index entries, a file modified within {@value #RACY_WINDOW_MS} ms of
 * the last read is re-read on the next check regardless of its stamp.
 */
public final class PolicyWatcher implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(PolicyWatcher.class);
    static final long RACY_WINDOW_MS = 2_000;

    private final Path path;
    private final Consumer<PolicyFile> onChange;
    private final ReloadListener listener;
    private final Clock clock;
    private ScheduledExecutorService scheduler;   // guarded by this

    // Guarded by this (checks run on the scheduler thread, tests may call checkNow()).
    private Stamp lastStamp;
    private long lastReadMillis;
    private String loadedSha;      // content of the policies in force; null while none has been loaded
    private String lastSeen;       // sha, or a description of the last read failure
    private volatile boolean failed;

    /** Watches {@code path} for versions other than {@code loaded}, the one in force. */
    public PolicyWatcher(Path path, PolicyFile loaded, Consumer<PolicyFile> onChange, ReloadListener listener,
                         Clock clock) {
        this(path, loaded.sha256(), onChange, listener, clock);
    }

    private PolicyWatcher(Path path, String loadedSha, Consumer<PolicyFile> onChange, ReloadListener listener,
                          Clock clock) {
        this.path = path;
        this.onChange = onChange;
        this.listener = listener;
        this.clock = clock;
        this.loadedSha = loadedSha;
        this.lastSeen = loadedSha;
    }

    /** Watches a file that could not be loaded at start: no policies are in force until a valid version appears. */
    public static PolicyWatcher withNothingLoaded(Path path, Consumer<PolicyFile> onChange, ReloadListener listener,
                                                  Clock clock) {
        return new PolicyWatcher(path, (String) null, onChange, listener, clock);
    }

    /** Check every {@code interval} on a daemon thread; a zero interval means never. */
    public synchronized void start(Duration interval) {
        if (interval.isZero() || scheduler != null) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "claimgate-policy-reload");
            thread.setDaemon(true);
            return thread;
        });
        long millis = interval.toMillis();
        scheduler.scheduleWithFixedDelay(this::checkSafely, millis, millis, TimeUnit.MILLISECONDS);
    }

    public boolean lastReloadFailed() {
        return failed;
    }

    /** One check now. @return whether a new policy file was swapped in */
    public synchronized boolean checkNow() {
        long now = clock.millis();
        Stamp stamp;
        byte[] bytes;
        try {
            stamp = Stamp.of(path);
            boolean racy = lastStamp != null && lastReadMillis - lastStamp.modifiedMillis <= RACY_WINDOW_MS;
            if (stamp.equals(lastStamp) && !racy) {
                return false;
            }
            bytes = PolicyFiles.read(path);
        } catch (IOException e) {
            refuse("cannot be read: " + e, path + " cannot be read (" + e + ")");
            return false;
        }
        lastStamp = stamp;
        lastReadMillis = now;
        String sha = PolicyFile.sha256Of(bytes);
        if (sha.equals(lastSeen)) {
            return false;
        }
        if (sha.equals(loadedSha)) {   // never true while nothing is loaded
            lastSeen = sha;
            failed = false;   // back to the version in force, e.g. a bad edit was reverted
            LOG.info("Policy file {} is back to the version in force; nothing to reload", path);
            return false;
        }
        PolicyFile file;
        try {
            file = PolicyParser.parse(path.toString(), bytes);
        } catch (PolicyException e) {
            refuse(sha, e.getMessage());
            return false;
        }
        onChange.accept(file);
        loadedSha = sha;
        lastSeen = sha;
        failed = false;
        listener.reloaded(true);
        LOG.info("Reloaded policy file {}: {} policies, {} rules, {} record filters", path, file.policies().size(),
                file.ruleCount(), file.recordFilters().size());
        return true;
    }

    /** A version that cannot be used: keep the policies in force, if any; say so once per version. */
    private void refuse(String version, String problem) {
        failed = true;
        if (version.equals(lastSeen)) {
            return;
        }
        lastSeen = version;
        listener.reloaded(false);
        LOG.error(refusal(loadedSha != null), problem);
    }

    /** The error logged for an unusable version; it must not promise policies that were never loaded. */
    static String refusal(boolean policiesInForce) {
        return policiesInForce
                ? "Policy file changed but cannot be used; the previous policies stay in force until it is fixed: {}"
                : "Policy file cannot be used, and no valid version has been loaded since start, so no policies are"
                        + " in force until it is fixed: {}";
    }

    private void checkSafely() {
        try {
            checkNow();
        } catch (RuntimeException e) {
            LOG.error("Policy file check failed; will retry", e);
        }
    }

    @Override
    public synchronized void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }


    private static final class Stamp {
        private final long modifiedMillis;
        private final long size;

        Stamp(long modifiedMillis, long size) {
            this.modifiedMillis = modifiedMillis;
            this.size = size;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Stamp && modifiedMillis == ((Stamp) o).modifiedMillis && size == ((Stamp) o).size;
        }

        @Override
        public int hashCode() {
            return Long.hashCode(modifiedMillis) * 31 + Long.hashCode(size);
        }

        static Stamp of(Path path) throws IOException {
            // Follows symbolic links, so a Kubernetes ConfigMap's ..data swap is seen as a change.
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
            return new Stamp(attributes.lastModifiedTime().toMillis(), attributes.size());
        }
    }
}
