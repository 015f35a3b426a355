package io.claimgate.policy.reload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.claimgate.policy.PolicyFile;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the watcher says when it refuses a version must be true: "the previous policies stay in
 * force" only when there are some (issue 4: a record filter whose file was broken from the start
 * has none).
 */
class PolicyWatcherTest {
    static final String BROKEN = "policies: [ {name: x, rules: nope\n";
    static final String VALID = "policies: []\n";

    @TempDir
    Path dir;

    @Test
    void theRefusalPromisesPreviousPoliciesOnlyWhenSomeAreInForce() {
        assertTrue(PolicyWatcher.refusal(true).contains("previous policies stay in force"));
        assertFalse(PolicyWatcher.refusal(false).contains("previous policies"));
        assertTrue(PolicyWatcher.refusal(false).contains("no policies are in force"));
    }

    @Test
    void aFileBrokenFromTheStartIsReportedAsNothingInForceThenLoadedOnceValid() throws Exception {
        Path file = dir.resolve("policies.yaml");
        Files.writeString(file, BROKEN);
        List<PolicyFile> handedOver = new ArrayList<>();
        PolicyWatcher watcher = PolicyWatcher.withNothingLoaded(file, handedOver::add, ReloadListener.NONE, Clock.systemUTC());

        String log = stderrOf(() -> assertFalse(watcher.checkNow()));

        assertTrue(watcher.lastReloadFailed());
        assertTrue(log.contains("no policies are in force"), log);
        assertFalse(log.contains("previous policies stay in force"), log);

        Files.writeString(file, VALID);
        assertTrue(watcher.checkNow(), "any valid version is new while nothing is loaded");
        assertEquals(1, handedOver.size());
        assertFalse(watcher.lastReloadFailed());
    }

    @Test
    void aFileUnreadableFromTheStartIsReportedAsNothingInForce() {
        PolicyWatcher watcher = PolicyWatcher.withNothingLoaded(dir.resolve("missing.yaml"), f -> { }, ReloadListener.NONE, Clock.systemUTC());

        String log = stderrOf(() -> assertFalse(watcher.checkNow()));

        assertTrue(watcher.lastReloadFailed());
        assertTrue(log.contains("no policies are in force"), log);
        assertFalse(log.contains("previous policies stay in force"), log);
    }

    /** slf4j-simple (the test binding) writes to whatever System.err is at the time. */
    private static String stderrOf(Runnable action) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
