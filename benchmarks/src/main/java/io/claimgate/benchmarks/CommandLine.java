package io.claimgate.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code --name=value} command lines of the plain-{@code main} benchmarks ({@link AuthStorm},
 * {@link FreshJvmValidation}, {@link ProduceThroughput}): splitting, and the checks and value
 * types they share, so each options record only says which options it has.
 */
final class CommandLine {
    private CommandLine() {
    }

    /** The arguments as (name without "--", value) pairs, in order; anything else is refused with {@code usage}. */
    static List<Map.Entry<String, String>> options(String[] args, String usage) {
        List<Map.Entry<String, String>> options = new ArrayList<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (!arg.startsWith("--") || eq < 0) {
                throw new IllegalArgumentException("unexpected argument " + arg + "; usage: " + usage);
            }
            options.add(Map.entry(arg.substring(2, eq), arg.substring(eq + 1)));
        }
        return options;
    }

    static IllegalArgumentException unknown(Map.Entry<String, String> option, String usage) {
        return new IllegalArgumentException("unknown option --" + option.getKey() + "; usage: " + usage);
    }

    static int atLeast(Map.Entry<String, String> option, int minimum) {
        int n = Integer.parseInt(option.getValue());
        if (n < minimum) {
            throw new IllegalArgumentException("--" + option.getKey() + ": must be at least " + minimum);
        }
        return n;
    }

    /** A comma-separated list; blanks around and between entries are dropped. */
    static List<String> list(String value) {
        return List.of(value.split(",")).stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** A comma-separated list of signature algorithms, RS256 or ES256, upper-cased. */
    static List<String> algorithms(String value) {
        List<String> algorithms = list(value).stream().map(a -> a.toUpperCase(Locale.ROOT)).toList();
        for (String alg : algorithms) {
            if (!alg.equals("RS256") && !alg.equals("ES256")) {
                throw new IllegalArgumentException("unsupported algorithm " + alg + "; RS256 or ES256");
            }
        }
        return algorithms;
    }

    /** Machine and label name the results directory: letters, digits, '.', '_' or '-' only. */
    static void checkResultNames(String machine, String label) {
        if (!machine.matches("[A-Za-z0-9._-]+") || !label.matches("[A-Za-z0-9._-]*")) {
            throw new IllegalArgumentException("--machine and --label: letters, digits, '.', '_' or '-' only");
        }
    }

    /** {@code list} rotated by {@code round} (0-based), so that no entry is always measured first. */
    static <T> List<T> rotated(List<T> list, int round) {
        List<T> rotated = new ArrayList<>(list);
        if (!rotated.isEmpty()) {
            Collections.rotate(rotated, -(round % rotated.size()));
        }
        return rotated;
    }
}
