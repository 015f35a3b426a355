package io.claimgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyLintTest {
    @TempDir
    Path dir;

    @Test
    void theSamplePolicyIsClean() {
        CliRun run = CliRun.of("policy", "lint", "--strict", "../samples/config/policy.yaml");
        assertEquals(ExitCode.OK, run.exit(), run.out() + run.err());
        assertTrue(run.out().contains("0 errors, 0 warnings"), run.out());
    }

    @Test
    void errorsCarryFileLineAndColumn() {
        Path policy = CliRun.write(dir, "bad.yaml", """
                policies:
                  - name: p
                    rules:
                      - {action: allow, resource: topic, names: [t], operations: [reed]}
                """);
        CliRun run = CliRun.of("policy", "lint", policy.toString());
        assertEquals(ExitCode.FAILED, run.exit(), run.out());
        assertTrue(run.out().contains(policy + ":4:"), run.out());
        assertTrue(run.out().contains(": error: policy 'p', rule 1, operations: unknown value 'reed'"), run.out());
    }

    @Test
    void warnsAboutRulesThatCanNeverMatchAndPassesUnlessStrict() {
        Path policy = CliRun.write(dir, "warn.yaml", """
                policies:
                  - name: everyone
                    rules:
                      - {action: deny, resource: topic, names: ["secret-*"], operations: [all]}
                  - name: readers
                    when: principal.name == 'reader'
                    rules:
                      - {action: allow, resource: topic, names: [secret-orders], operations: [read]}
                      - {action: allow, resource: topic, names: ["orders/*"], operations: [read]}
                      - {action: allow, resource: group, names: ["*"], operations: [write]}
                      - {action: allow, resource: topic, names: [a, b], operations: [write]}
                      - {action: allow, resource: topic, names: [a], operations: [write]}
                      - {action: allow, resource: cluster, names: [my-cluster], operations: [describe]}
                  - name: never
                    when: "false"
                    rules:
                      - {action: allow, resource: topic, names: [x], operations: [read]}
                """);
        CliRun run = CliRun.of("policy", "lint", policy.toString());
        assertEquals(ExitCode.OK, run.exit(), run.out());
        String out = run.out();
        assertTrue(out.contains(policy + ":8:9: warning: policy 'readers' rule #1") && out.contains("shadowed by policy 'everyone' rule #1"), out);
        assertTrue(out.contains(":9:9: warning:") && out.contains("name 'orders/*' matches nothing"), out);
        assertTrue(out.contains(":10:9: warning:") && out.contains("Kafka never checks write on a group"), out);
        assertTrue(out.contains(":12:9: warning:") && out.contains("redundant: policy 'readers' rule #4"), out);
        assertTrue(out.contains(":13:9: warning:") && out.contains("always named 'kafka-cluster'"), out);
        assertTrue(out.contains("'when' is always false"), out);
        assertTrue(!out.contains(":11:9: warning:"), "the wider rule is not redundant:\n" + out);
        assertTrue(out.contains("0 errors, 6 warnings"), out);
        assertEquals(ExitCode.FAILED, CliRun.of("policy", "lint", "--strict", policy.toString()).exit());
    }

    @Test
    void aMissingFileIsBadUsage() {
        CliRun run = CliRun.of("policy", "lint", dir.resolve("absent.yaml").toString());
        assertEquals(ExitCode.USAGE, run.exit());
        assertTrue(run.err().contains("absent.yaml: no such readable file"), run.err());
    }
}
