package io.claimgate.authorizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.claimgate.policy.PolicyException;
import io.claimgate.policy.PolicyFile;
import io.claimgate.policy.PolicyParser;
import io.claimgate.policy.cel.CelVariables;
import io.claimgate.common.config.InvalidOptionException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The policy file is checked completely when it is loaded: every key, every value, every CEL
 * expression (parsed and type-checked). A problem names the file, line and column, the policy and
 * rule, and what is wrong; all problems are reported at once.
 */
class PolicyFileTest {
    @TempDir
    Path dir;

    @Test
    void aPolicyThatDoesNotTypeCheckIsRefusedAtStartWithFilePolicyAndPosition() {
        Path file = TestBroker.write(dir.resolve("policies.yaml"), """
                policies:
                  - name: client1
                    when: principal.name == 1
                    rules:
                      - {action: allow, resource: topic, names: ["*"], operations: [read]}
                """);
        InvalidOptionException e = assertThrows(InvalidOptionException.class,
                () -> TestBroker.start(Map.of("claimgate.policy.location", file.toString())));

        assertEquals("claimgate.policy.location", e.option());
        assertTrue(e.getMessage().contains(file + ":3:11: policy 'client1', when: CEL error at expression position 1:16:"
                + " found no matching overload for '_==_' applied to '(string, int)'"), e.getMessage());
    }

    @Test
    void everyProblemIsReportedWithItsPolicyRuleAndPosition() {
        PolicyException e = assertThrows(PolicyException.class, () -> parse("""
                policies:
                  - name: p1
                    rulez: []
                  - name: p2
                    rules:
                      - {action: permit, resource: topic, names: [a], operations: [read]}
                      - {action: allow, resource: table, names: [a], operations: [read]}
                      - {action: allow, resource: topic, names: [a], operations: [read, fly]}
                      - {action: allow, resource: topic, operations: [read]}
                      - {action: allow, resource: topic, names: [a], names_from: "claims.t", operations: [read]}
                      - {action: allow, resource: topic, names_from: "size(groups)", operations: [read]}
                  - name: p2
                    when: "record.topic == 'x'"
                    rules:
                      - {action: deny, resource: cluster, operations: [alter]}
                """));
        List<String> problems = e.problems();
        assertContains(problems, "p.yaml:3:5: policy 'p1': unknown key 'rulez'; allowed: description, name, rules, when");
        assertContains(problems, "p.yaml:2:5: policy 'p1': missing 'rules'");
        assertContains(problems, "p.yaml:6:18: policy 'p2', rule 1, action: unknown value 'permit'; expected one of allow, deny");
        assertContains(problems, "p.yaml:7:35: policy 'p2', rule 2, resource: unknown value 'table'; expected one of"
                + " cluster, group, topic, transactional_id");
        assertContains(problems, "p.yaml:8:73: policy 'p2', rule 3, operations: unknown value 'fly'; expected one of ");
        assertContains(problems, "p.yaml:9:9: policy 'p2', rule 4: missing 'names' (globs) or 'names_from' (a CEL expression)");
        assertContains(problems, "p.yaml:10:66: policy 'p2', rule 5: give either 'names' or 'names_from', not both");
        assertContains(problems, "p.yaml:11:54: policy 'p2', rule 6, names_from: the expression must produce a list of strings but produces int");
        assertContains(problems, "p.yaml:12:11: policy 'p2': another policy has the same name");
        assertContains(problems, "p.yaml:13:11: policy 'p2', when: CEL error at expression position 1:1: undeclared reference to 'record'");
        assertTrue(e.getMessage().startsWith("policy file p.yaml is invalid (10 problems):"), e.getMessage());
    }

    @Test
    void theFileFormatOfDesignMdParsesIntoTheModelIncludingRecordFilters() throws Exception {
        PolicyFile file = parse(HeadlineScenarioTest.DESIGN_POLICY);

        assertEquals(List.of("client1-full-access", "client2-limited", "team-topics-from-token"),
                file.policies().stream().map(p -> p.name()).toList());
        var rule = file.policies().get(1).rules().get(0);
        assertEquals(ResourceType.TOPIC, rule.resourceType());
        assertEquals(Set.of(AclOperation.DESCRIBE), rule.operations());
        assertEquals("policy 'client2-limited' rule #1 (allow topic [topic, topic-encrypted, extra_topic] describe)",
                rule.describe());
        assertTrue(file.policies().get(2).rules().get(0).namesFrom().isPresent());

        var filter = file.recordFilters().get(0);
        var vars = CelVariables.withRecord(CelVariables.principal("User", "client2", Map.of(), List.of(), Set.of(),
                "L", "1.2.3.4"), "orders", Map.of("internal", "true"));
        assertTrue(filter.skipWhen().evaluateBool(vars));
    }

    @Test
    void recordFiltersAreCheckedToo() {
        PolicyException e = assertThrows(PolicyException.class, () -> parse("""
                record_filters:
                  - name: f
                    topics: ["*"]
                    skip_when: "principal.name"
                  - name: g
                    skip_when: "true"
                """));
        assertContains(e.problems(), "p.yaml:4:16: record filter 'f', skip_when: the expression must produce a bool");
        assertContains(e.problems(), "p.yaml:5:5: record filter 'g': missing 'topics'");
    }

    @Test
    void notYamlEmptyFilesAndCustomTagsAreRefused() {
        assertContains(assertThrows(PolicyException.class, () -> parse("policies: [\n  - x")).problems(),
                "p.yaml:2:3: not valid YAML");
        assertContains(assertThrows(PolicyException.class, () -> parse("# nothing\n")).problems(),
                "p.yaml: the file is empty; write 'policies: []' for a file without policies");
        // SnakeYAML refuses global tags itself; claimgate refuses local ones as well.
        assertContains(assertThrows(PolicyException.class, () -> parse("""
                policies:
                  - !!javax.script.ScriptEngineManager
                    name: x
                """)).problems(), "p.yaml:2:5: not valid YAML: Global tag is not allowed");
        assertContains(assertThrows(PolicyException.class, () -> parse("""
                policies:
                  - !custom
                    name: x
                    rules: [{action: allow, resource: cluster, operations: [alter]}]
                """)).problems(), "p.yaml:2:5: policy 'x': YAML tag '!custom' is not allowed");
        assertContains(assertThrows(PolicyException.class, () -> parse("hello: world\n")).problems(),
                "p.yaml:1:1: unknown key 'hello'; allowed: policies, record_filters");
    }

    @Test
    void anEmptyPolicyListIsValid() throws Exception {
        assertEquals(0, parse("policies: []\n").policies().size());
    }

    private static PolicyFile parse(String yaml) throws PolicyException {
        return PolicyParser.parse("p.yaml", yaml.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertContains(List<String> problems, String expected) {
        assertTrue(problems.stream().anyMatch(p -> p.contains(expected)),
                "expected a problem containing\n  " + expected + "\nbut got\n  " + String.join("\n  ", problems));
    }
}
