package io.claimgate.policy.reload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.claimgate.policy.PolicyFile;
import io.claimgate.common.config.InvalidOptionException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one policy set-up of the authorizer, the REST extensions and the record filter. */
class LivePoliciesTest {
    private static final String BROKEN = PolicyWatcherTest.BROKEN;
    private static final String VALID = PolicyWatcherTest.VALID;

    @TempDir
    Path dir;

    @Test
    void aFileThatCannotBeUsedAtStartFailsStartUpNamingTheOption() throws Exception {
        Path file = dir.resolve("policies.yaml");
        Files.writeString(file, BROKEN);

        InvalidOptionException e = assertThrows(InvalidOptionException.class, () -> LivePolicies.load(
                "claimgate.policy.location", file, Duration.ZERO, ReloadListener.NONE, Clock.systemUTC()));
        assertTrue(e.getMessage().contains("claimgate.policy.location"), e.getMessage());
    }

    @Test
    void aLoadedFileIsKeptWhenAChangeIsRefusedAndEachOutcomeIsReported() throws Exception {
        Path file = dir.resolve("policies.yaml");
        Files.writeString(file, VALID);
        List<Boolean> outcomes = new ArrayList<>();
        List<PolicyFile> handedOver = new ArrayList<>();
        try (LivePolicies policies = LivePolicies.load("claimgate.policy.location", file, Duration.ZERO,
                outcomes::add, Clock.systemUTC())) {
            assertTrue(policies.initial().isPresent());
            assertTrue(policies.initialProblem().isEmpty());
            policies.start(handedOver::add);

            Files.writeString(file, BROKEN);
            assertFalse(policies.checkNow());
            assertTrue(policies.lastReloadFailed());

            Files.writeString(file, "policies: []\n# changed\n");
            assertTrue(policies.checkNow());
            assertFalse(policies.lastReloadFailed());
        }
        assertEquals(List.of(false, true), outcomes);
        assertEquals(1, handedOver.size(), "only the changed valid version; the initial one is the caller's");
    }

    @Test
    void aFileThatCannotBeUsedAtStartLeavesNothingInForceUntilAValidVersionAppears() throws Exception {
        Path file = dir.resolve("policies.yaml");
        Files.writeString(file, BROKEN);
        List<PolicyFile> handedOver = new ArrayList<>();
        try (LivePolicies policies = LivePolicies.loadOrWait(file, Duration.ZERO, ReloadListener.NONE,
                Clock.systemUTC())) {
            assertTrue(policies.initial().isEmpty());
            assertTrue(policies.initialProblem().isPresent());
            policies.start(handedOver::add);

            Files.writeString(file, VALID);
            assertTrue(policies.checkNow());
            assertEquals(1, handedOver.size());
        }
    }
}
