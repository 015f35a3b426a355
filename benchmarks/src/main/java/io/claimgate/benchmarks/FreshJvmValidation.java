package io.claimgate.benchmarks;

import com.nimbusds.jose.jwk.JWKSet;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Issue 18's token validation as an independent harness measures it: every handler in a fresh JVM
 * of its own ({@link FreshJvmChild}), through Kafka's SPI, {@code warmup} distinct tokens to warm
 * up, then {@code measured} other distinct tokens timed (first-seen), then one token repeated. The
 * three handlers (claimgate, Kafka's built-in, Strimzi's) and the raw signature check (JCA; for
 * ES256 also Bouncy Castle's) run in one run, interleaved: round r runs every one of them once, in
 * an order rotated by r, so a machine that speeds up or slows down during the run affects them
 * alike. Prints every child's rates, then per algorithm and phase the medians and claimgate's
 * ratios (per round, median, min-max); writes them with the machine, JDK and versions.
 *
 * <p>Children run with this JVM's {@code java}, its heap options ({@code -Xms}, {@code -Xmx}) and
 * class path, plus {@code --child-jvm-option}s (e.g. a profiler; {@value #CHILD_PLACEHOLDER} in an option
 * becomes the child's name, for one recording file per child). Not JMH, and not part of any
 * build: run it by hand (docs/BENCHMARKS.md).
 *
 * <p>Usage: {@value FreshJvmOptions#USAGE}
 */
public final class FreshJvmValidation {
    /** Replaced in every child JVM option by the child's name, {@code r<round>-<alg>-<handler>}. */
    static final String CHILD_PLACEHOLDER = "{child}";

    private FreshJvmValidation() {
    }

    public static void main(String[] args) throws Exception {
        FreshJvmOptions options = FreshJvmOptions.parse(args);
        List<String> jvmOptions = childJvmOptions(options);
        FreshJvmResults results = new FreshJvmResults(options, jvmOptions);
        // sign (or load) the pools once here, so the children only read them
        JWKSet keys = TokenPool.keys();
        options.algorithms().forEach(alg -> TokenPool.tokens(keys, alg, options.poolSize()));
        for (int round = 1; round <= options.rounds(); round++) {
            for (String alg : options.algorithms()) {
                for (String handler : options.handlersOfRound(alg, round - 1)) {
                    for (FreshJvmResults.Row row : runChild(jvmOptions, options, round, alg, handler)) {
                        results.add(row);
                    }
                    results.write();
                }
            }
        }
        System.out.println(results.summary());
        System.out.println("results in " + results.directory().toAbsolutePath());
    }

    /** This JVM's heap options, then the extra ones from the command line. */
    private static List<String> childJvmOptions(FreshJvmOptions options) {
        List<String> out = new ArrayList<>();
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("-Xmx") || arg.startsWith("-Xms")) {
                out.add(arg);
            }
        }
        out.addAll(options.childJvmOptions());
        return List.copyOf(out);
    }

    private static List<FreshJvmResults.Row> runChild(List<String> jvmOptions, FreshJvmOptions options, int round,
                                                      String alg, String handler) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // "{child}" names the child in an option, e.g. a JFR file per child (JDK 17 does not expand %p there)
        String child = "r" + round + "-" + alg + "-" + handler;
        jvmOptions.forEach(option -> command.add(option.replace(CHILD_PLACEHOLDER, child)));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(FreshJvmChild.class.getName());
        command.addAll(List.of(handler, alg, String.valueOf(options.poolSize()), String.valueOf(options.warmup()),
                String.valueOf(options.measured()), String.valueOf(options.repeated())));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        List<FreshJvmResults.Row> rows = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith(FreshJvmChild.RESULT + " ")) {
                    String[] f = line.split(" ");
                    rows.add(new FreshJvmResults.Row(round, alg, handler, f[1], Long.parseLong(f[2]),
                            Long.parseLong(f[3]), Long.parseLong(f[4])));
                } else {
                    System.out.println("  [" + handler + " " + alg + "] " + line);
                }
            }
        }
        int status = process.waitFor();
        if (status != 0 || rows.isEmpty()) {
            throw new IllegalStateException("the " + handler + " " + alg + " child JVM failed (exit status " + status
                    + "); its output is above. The run stops: a missing handler would skew the ratios.");
        }
        return rows;
    }
}
