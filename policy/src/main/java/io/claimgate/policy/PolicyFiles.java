package io.claimgate.policy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads a policy file from disk, refusing absurd sizes before reading them. */
public final class PolicyFiles {
    private PolicyFiles() {
    }

    public static byte[] read(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            byte[] bytes = in.readNBytes(PolicyParser.MAX_BYTES + 1);
            if (bytes.length > PolicyParser.MAX_BYTES) {
                throw new IOException(path + " is larger than " + PolicyParser.MAX_BYTES + " bytes");
            }
            return bytes;
        }
    }

    /** Read and parse; an unreadable file is reported like any other problem with it. */
    public static PolicyFile load(Path path) throws PolicyException {
        byte[] bytes;
        try {
            bytes = read(path);
        } catch (IOException e) {
            throw new PolicyException(path.toString(), List.of(path + ": cannot be read: " + e));
        }
        return PolicyParser.parse(path.toString(), bytes);
    }
}
