package io.claimgate.cli.policy;

import io.claimgate.authorizer.decision.Decision;
import io.claimgate.cli.Arguments;
import io.claimgate.cli.ExitCode;
import io.claimgate.cli.UsageException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.security.auth.KafkaPrincipal;
import io.claimgate.policy.OAuthKafkaPrincipal;

/**
 * {@code policy explain <policy.yaml> <cases.yaml> [--case <name>]}: the decision for one case and
 * what took it (a policy rule with its file:line:col, a Kafka ACL, super.users, or no rule).
 * Exit 0 when allowed, 1 when denied (or, with {@code expect}, when the decision differs).
 */
public final class PolicyExplainCommand {
    private final PrintStream out;

    public PolicyExplainCommand(PrintStream out) {
        this.out = out;
    }

    public int run(List<String> args) throws UsageException {
        Arguments arguments = Arguments.parse(args, Set.of("--case"), Set.of());
        List<String> files = arguments.positionals(2, "<policy.yaml> <cases.yaml>");
        Path policy = PolicyFileArgument.loadable(files.get(0));
        PolicyCases.CasesFile cases = PolicyCases.read(PolicyLintCommand.existing(files.get(1)));
        PolicyCase chosen = choose(cases.cases(), arguments.option("--case"));
        try (CaseDecider decider = new CaseDecider(policy, cases.authorizer(), cases.acls())) {
            Decision decision = decider.decide(chosen);
            print(chosen);
            out.println("decision:   " + (decision.allowed() ? "ALLOW" : "DENY"));
            out.println("decided by: " + CaseDecider.decidedBy(decision));
            if (chosen.expectAllowed().isPresent()) {
                boolean pass = chosen.expectAllowed().get() == decision.allowed();
                out.println("expected:   " + (chosen.expectAllowed().get() ? "ALLOW" : "DENY") + (pass ? " (pass)" : " (FAIL)"));
                return pass ? ExitCode.OK : ExitCode.FAILED;
            }
            return decision.allowed() ? ExitCode.OK : ExitCode.FAILED;
        } catch (IOException e) {
            throw new UsageException("closing the authorizer failed: " + e.getMessage());
        }
    }

    private void print(PolicyCase chosen) {
        KafkaPrincipal principal = chosen.principal();
        out.println("case:       " + chosen.name());
        out.println("principal:  " + principal);
        if (principal instanceof OAuthKafkaPrincipal oauth) {
            out.println("groups:     " + oauth.groups());
            out.println("scopes:     " + new java.util.TreeSet<>(oauth.scopes()));
            out.println("claims:     " + new java.util.TreeMap<>(oauth.claims()));
        }
        out.println("listener:   " + chosen.listener() + ", client " + chosen.clientAddress());
        out.println("request:    " + chosen.describeAction());
    }

    private static PolicyCase choose(List<PolicyCase> cases, Optional<String> name) throws UsageException {
        if (name.isEmpty()) {
            if (cases.size() != 1) {
                throw new UsageException("the file has " + cases.size() + " cases; pick one with --case <name>");
            }
            return cases.get(0);
        }
        return cases.stream().filter(c -> c.name().equals(name.get())).findFirst()
                .orElseThrow(() -> new UsageException("no case named '" + name.get() + "'"));
    }
}
