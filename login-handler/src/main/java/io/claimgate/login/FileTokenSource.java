package io.claimgate.login;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * A token read from a file ({@code oauth.access.token.location}) that something else keeps
 * current: a Kubernetes projected service-account token, a sidecar, a cron job. The file is
 * re-read on every call, so each refresh by Kafka picks up the newest token.
 */
final class FileTokenSource implements TokenSource {
    /** No token is this large; a bigger file is the wrong file. */
    static final int MAX_BYTES = 64 * 1024;

    private final Path path;
    private final Clock clock;

    FileTokenSource(Path path, Clock clock) {
        this.path = path;
        this.clock = clock;
    }

    @Override
    public ClientAccessToken token() throws TokenRetrievalException {
        String value;
        try (InputStream in = Files.newInputStream(path)) {
            // Read at most one byte past the limit, rather than trusting the size first: the path
            // may be swapped between the two (projected volumes swap symlinks) or be a device.
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw new TokenRetrievalException("the access token file " + path + " is larger than "
                        + MAX_BYTES + " bytes; is it the right file?");
            }
            value = new String(bytes, StandardCharsets.UTF_8).strip();
        } catch (TokenRetrievalException e) {
            throw e;
        } catch (IOException e) {
            throw new TokenRetrievalException("cannot read the access token file " + path + ": " + e, e);
        }
        if (value.isEmpty()) {
            throw new TokenRetrievalException("the access token file " + path + " is empty");
        }
        if (!ClientAccessToken.isSendable(value)) {
            throw new TokenRetrievalException("the access token file " + path + " does not hold a bearer token"
                    + " (only letters, digits and -._~+/ followed by optional = are allowed; no 'Bearer ' prefix)");
        }
        ClientAccessToken token = ClientAccessToken.fromTokenOnly(value, clock.instant());
        if (token.lifetimeMs() <= clock.millis()) {
            throw new TokenRetrievalException("the access token in file " + path + " expired at "
                    + token.expiresAt() + "; whatever writes the file must replace the token before it expires");
        }
        return token;
    }

    @Override
    public String describe() {
        return "token file " + path;
    }
}
