package io.claimgate.cli;

import io.claimgate.cli.policy.PolicyExplainCommand;
import io.claimgate.cli.policy.PolicyLintCommand;
import io.claimgate.cli.policy.PolicyTestCommand;
import io.claimgate.cli.token.TokenExplainCommand;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * {@code claimgate}, the operator CLI: {@code token explain}, {@code policy lint},
 * {@code policy test}, {@code policy explain}. Exit codes in {@link ExitCode}.
 */
public final class Claimgate {
    static final String USAGE = """
            usage:
              claimgate token explain --config <server.properties> --listener <name> <token|->
              claimgate policy lint [--strict] <policy.yaml>
              claimgate policy test <policy.yaml> <cases.yaml>
              claimgate policy explain <policy.yaml> <cases.yaml> [--case <name>]
            exit codes: 0 accepted / clean / all passed, 1 refused / problems / a case failed, 2 bad usage or configuration""";

    private Claimgate() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.in, System.out, System.err));
    }

    /** Runs one command; never exits the JVM, so tests can call it. */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        List<String> all = Arrays.asList(args);
        if (all.size() < 2) {
            err.println(USAGE);
            return ExitCode.USAGE;
        }
        List<String> rest = all.subList(2, all.size());
        try {
            return switch (all.get(0) + " " + all.get(1)) {
                case "token explain" -> new TokenExplainCommand(in, out).run(rest);
                case "policy lint" -> new PolicyLintCommand(out).run(rest);
                case "policy test" -> new PolicyTestCommand(out).run(rest);
                case "policy explain" -> new PolicyExplainCommand(out).run(rest);
                default -> throw new UsageException("unknown command '" + all.get(0) + " " + all.get(1) + "'");
            };
        } catch (UsageException e) {
            err.println("claimgate: " + e.getMessage());
            err.println(USAGE);
            return ExitCode.USAGE;
        } catch (RuntimeException e) {
            // Never a verdict: an unexpected failure is reported as such, not as accepted or refused.
            err.println("claimgate: unexpected failure: " + e);
            return ExitCode.USAGE;
        }
    }
}
