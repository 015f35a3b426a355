package io.claimgate.cli.policy;

import io.claimgate.authorizer.decision.Decision;
import io.claimgate.cli.Arguments;
import io.claimgate.cli.ExitCode;
import io.claimgate.cli.UsageException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * {@code policy test <policy.yaml> <cases.yaml>}: every case against its expected decision, like
 * {@code opa test}: PASS/FAIL per case, a summary, exit 1 if any case fails.
 */
public final class PolicyTestCommand {
    private final PrintStream out;

    public PolicyTestCommand(PrintStream out) {
        this.out = out;
    }

    public int run(List<String> args) throws UsageException {
        List<String> files = Arguments.parse(args, Set.of(), Set.of()).positionals(2, "<policy.yaml> <cases.yaml>");
        Path policy = PolicyFileArgument.loadable(files.get(0));
        PolicyCases.CasesFile cases = PolicyCases.read(PolicyLintCommand.existing(files.get(1)));
        int failed = 0;
        try (CaseDecider decider = new CaseDecider(policy, cases.authorizer(), cases.acls())) {
            for (PolicyCase testCase : cases.cases()) {
                if (testCase.expectAllowed().isEmpty()) {
                    throw new UsageException(testCase.where() + ": missing 'expect' (allow or deny)");
                }
                Decision decision = decider.decide(testCase);
                boolean pass = decision.allowed() == testCase.expectAllowed().get();
                failed += pass ? 0 : 1;
                out.println((pass ? "PASS " : "FAIL ") + testCase.name() + ": " + testCase.principal() + " "
                        + testCase.describeAction() + " -> " + (decision.allowed() ? "allow" : "deny"));
                if (!pass) {
                    out.println("     expected " + (testCase.expectAllowed().get() ? "allow" : "deny")
                            + "; decided by " + CaseDecider.decidedBy(decision));
                }
            }
        } catch (IOException e) {
            throw new UsageException("closing the authorizer failed: " + e.getMessage());
        }
        int total = cases.cases().size();
        out.println("--------------------------------------------------------------------------------");
        out.println((failed == 0 ? "PASS" : "FAIL") + ": " + (total - failed) + "/" + total + " cases passed");
        return failed == 0 ? ExitCode.OK : ExitCode.FAILED;
    }
}
