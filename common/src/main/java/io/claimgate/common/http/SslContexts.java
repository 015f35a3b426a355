package io.claimgate.common.http;

import io.claimgate.common.config.InvalidOptionException;
import io.claimgate.common.config.OptionNames;
import io.claimgate.common.config.OptionReader;
import io.claimgate.common.text.Hex;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Builds the TLS context for IdP connections from the trust store and the client identity
 * ({@link TlsMaterial}). There is deliberately no option to switch certificate or host name
 * verification off: the JDK's HTTP client verifies both with whatever trust is configured here.
 */
final class SslContexts {
    /**
     * A TLS context and what it was built from, as a digest: {@link SSLContext} has no equality of
     * its own, and a shared JWKS cache must tell equal TLS settings from different ones.
     *
     * @param fingerprint SHA-256 over the stores' types, contents and passwords; empty = no context.
     *                    Never printed: it is derived from passwords and private keys.
     */
    static final class Tls {
        static final Tls NONE = new Tls(Optional.empty(), "");

        private final Optional<SSLContext> context;
        private final String fingerprint;

        Tls(Optional<SSLContext> context, String fingerprint) {
            this.context = context;
            this.fingerprint = fingerprint;
        }

        Optional<SSLContext> context() {
            return context;
        }

        String fingerprint() {
            return fingerprint;
        }
    }

    private SslContexts() {
    }

    static Tls from(OptionReader options) {
        Optional<TlsMaterial.Loaded> trust = TlsMaterial.trust(options);
        Optional<TlsMaterial.Loaded> identity = TlsMaterial.identity(options);
        if (trust.isEmpty() && identity.isEmpty()) {
            return Tls.NONE;
        }
        try {
            TrustManagerFactory tmf = null;
            if (trust.isPresent()) {
                tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(trust.get().store());
            }
            KeyManagerFactory kmf = null;
            if (identity.isPresent()) {
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(identity.get().store(), identity.get().keyPassword());
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf == null ? null : kmf.getKeyManagers(), tmf == null ? null : tmf.getTrustManagers(), null);
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest(digest, trust);
            digest(digest, identity);
            return new Tls(Optional.of(context), Hex.encode(digest.digest()));
        } catch (InvalidOptionException e) {
            throw e;
        } catch (Exception e) {
            // Past loading, what fails is the key store's keys (e.g. a key password that differs
            // from the store's) or, without one, the trust store's content.
            throw new InvalidOptionException(options.name(identity.isPresent()
                    ? OptionNames.SSL_KEYSTORE_LOCATION : OptionNames.SSL_TRUSTSTORE_LOCATION),
                    "could not set up TLS to the identity provider: " + e.getMessage()
                    + (identity.isPresent() ? " (if the key has its own password, set "
                    + options.name(OptionNames.SSL_KEY_PASSWORD) + ")" : ""));
        }
    }

    /** Length-prefixed parts, so that moving bytes from one part to the next changes the digest. */
    private static void digest(MessageDigest digest, Optional<TlsMaterial.Loaded> material) {
        digest.update((byte) (material.isPresent() ? 1 : 0));
        List<byte[]> parts = material.map(TlsMaterial.Loaded::fingerprintParts).orElse(List.of());
        for (byte[] part : parts) {
            digest.update(new byte[] {(byte) (part.length >>> 24), (byte) (part.length >>> 16),
                    (byte) (part.length >>> 8), (byte) part.length});
            digest.update(part);
        }
    }
}
