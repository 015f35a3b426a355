package io.claimgate.authorizer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The policy file users run the quickstart with ({@code samples/config/policy.yaml}): the
 * headline policies and record filter, with comments. Tests read that very file, so what is
 * tested is what ships as the example.
 */
public final class SamplePolicy {
    /** Relative to the module's directory, where Maven runs its tests. */
    static final Path FILE = Path.of("..", "samples", "config", "policy.yaml");

    public static final String YAML = read();

    private SamplePolicy() {
    }

    private static String read() {
        try {
            return Files.readString(FILE);
        } catch (IOException e) {
            throw new UncheckedIOException("the sample policy file " + FILE.toAbsolutePath() + " is missing", e);
        }
    }
}
