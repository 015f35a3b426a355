package io.claimgate.login;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An assertion kept current by something else (the kubelet rotates a projected service-account
 * token; a workload identity webhook writes a federated token): the jwt-bearer grant's assertion
 * ({@code oauth.assertion.location}) or a client assertion ({@code oauth.client.assertion.location}).
 * Read anew for every token request, never cached, so a rotated assertion is used at the next
 * refresh. Messages name the file and the option, never the content.
 *
 * @param option the option that named the file, for messages
 */
record AssertionFile(Path path, String option) {
    /** No assertion is this large; a bigger file is the wrong file. */
    static final int MAX_BYTES = 64 * 1024;

    String read() throws TokenRetrievalException {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(path)) {
            // At most one byte past the limit: projected volumes swap symlinks, so a size checked
            // first may not be the size read.
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (IOException e) {
            throw failure("cannot be read: " + e.getClass().getSimpleName(), e);
        }
        if (bytes.length > MAX_BYTES) {
            throw failure("is larger than " + MAX_BYTES + " bytes; is it the right file?", null);
        }
        String value = new String(bytes, StandardCharsets.UTF_8);
        // Only a trailing line end is trimmed: anything else is the assertion, sent as written.
        if (value.endsWith("\r\n")) {
            value = value.substring(0, value.length() - 2);
        } else if (value.endsWith("\n")) {
            value = value.substring(0, value.length() - 1);
        }
        if (value.isBlank()) {
            throw failure("is empty; whatever writes it (kubelet, workload identity webhook) has not written it yet", null);
        }
        return value;
    }

    private TokenRetrievalException failure(String what, Throwable cause) {
        return new TokenRetrievalException("the assertion file " + path + " (" + option + ") " + what, TokenFailureReason.ASSERTION, cause);
    }

    @Override
    public String toString() {
        return "assertion file " + path;
    }
}
