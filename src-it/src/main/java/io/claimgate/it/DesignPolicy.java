package io.claimgate.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The sample policy file: the headline scenario's policies and record filter, read from
 * {@code samples/config/policy.yaml}, the file the quickstart runs with, so the integration tests
 * prove the example users start from.
 */
public final class DesignPolicy {
    /** Relative to the module's directory, where Maven runs its tests. */
    private static final Path FILE = Path.of("..", "samples", "config", "policy.yaml");

    public static final String YAML = read();

    private DesignPolicy() {
    }

    private static String read() {
        try {
            return Files.readString(FILE);
        } catch (IOException e) {
            throw new UncheckedIOException("the sample policy file " + FILE.toAbsolutePath() + " is missing", e);
        }
    }
}
