package io.claimgate.cli.policy;

import io.claimgate.policy.PolicyException;
import io.claimgate.policy.PolicyFile;
import io.claimgate.policy.PolicyFiles;
import io.claimgate.cli.Arguments;
import io.claimgate.cli.ExitCode;
import io.claimgate.cli.UsageException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code policy lint [--strict] <policy.yaml>}: the broker's own parser's errors, then
 * {@link PolicyWarnings}. Exit 0 when the broker would load the file (warnings included, unless
 * {@code --strict}), 1 otherwise.
 */
public final class PolicyLintCommand {
    private static final Pattern POSITION = Pattern.compile("^(.*?:\\d+:\\d+): (.*)$", Pattern.DOTALL);

    private final PrintStream out;

    public PolicyLintCommand(PrintStream out) {
        this.out = out;
    }

    public int run(List<String> args) throws UsageException {
        Arguments arguments = Arguments.parse(args, Set.of(), Set.of("--strict"));
        Path path = existing(arguments.positionals(1, "<policy.yaml>").get(0));
        PolicyFile file;
        try {
            file = PolicyFiles.load(path);
        } catch (PolicyException e) {
            e.problems().forEach(problem -> out.println(located(problem, "error")));
            out.println(e.problems().size() + " error" + (e.problems().size() == 1 ? "" : "s")
                    + ": the broker refuses this file");
            return ExitCode.FAILED;
        }
        List<String> warnings = PolicyWarnings.of(file);
        warnings.forEach(out::println);
        out.println(path + ": " + file.policies().size() + " policies, " + file.ruleCount() + " rules, "
                + file.recordFilters().size() + " record filters; 0 errors, " + warnings.size() + " warning"
                + (warnings.size() == 1 ? "" : "s"));
        return warnings.isEmpty() || !arguments.flag("--strict") ? ExitCode.OK : ExitCode.FAILED;
    }

    /** A readable file, or bad usage. */
    static Path existing(String name) throws UsageException {
        Path path = Path.of(name);
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw new UsageException(name + ": no such readable file");
        }
        return path;
    }

    /** {@code file:line:col: <severity>: message}, the form editors and CI annotate. */
    static String located(String problem, String severity) {
        Matcher m = POSITION.matcher(problem);
        return m.matches() ? m.group(1) + ": " + severity + ": " + m.group(2) : severity + ": " + problem;
    }
}
