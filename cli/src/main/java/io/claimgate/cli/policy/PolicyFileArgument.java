package io.claimgate.cli.policy;

import io.claimgate.policy.PolicyException;
import io.claimgate.policy.PolicyFiles;
import io.claimgate.cli.UsageException;
import java.nio.file.Path;

/** A policy file argument the broker would load; otherwise bad usage, with the parser's problems. */
final class PolicyFileArgument {
    private PolicyFileArgument() {
    }

    static Path loadable(String name) throws UsageException {
        Path path = PolicyLintCommand.existing(name);
        try {
            PolicyFiles.load(path);
        } catch (PolicyException e) {
            throw new UsageException(e.getMessage() + "\n(run 'claimgate policy lint " + name + "')");
        }
        return path;
    }
}
