package io.claimgate.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.stream.Stream;

/** A cluster's directory {@code <base>/<name>-<timestamp>} and the clean-up of its data. */
final class ClusterDirectory {
    private static final DateTimeFormatter DIR_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");

    private ClusterDirectory() {
    }

    /** Creates a new, unique directory for the cluster (a suffix when another took the same millisecond). */
    static Path create(KafkaClusterSpec spec) {
        String stamp = LocalDateTime.now().format(DIR_TIME);
        try {
            Files.createDirectories(spec.baseDirectory());
            for (int attempt = 0; ; attempt++) {
                Path candidate = spec.baseDirectory().resolve(spec.name() + "-" + stamp + (attempt == 0 ? "" : "-" + attempt));
                try {
                    return Files.createDirectory(candidate).toAbsolutePath();
                } catch (FileAlreadyExistsException taken) {
                    // another cluster of the same name started in the same millisecond; try the next suffix
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not create the cluster directory under " + spec.baseDirectory(), e);
        }
    }

    /** Best effort: everything is under target/. */
    static void deleteRecursively(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort: it is under target/
                }
            });
        } catch (IOException ignored) {
            // best effort
        }
    }
}
