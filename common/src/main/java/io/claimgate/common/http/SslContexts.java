package io.claimgate.common.http;

import io.claimgate.common.config.InvalidOptionException;
import io.claimgate.common.config.OptionNames;
import io.claimgate.common.config.OptionReader;
import io.claimgate.common.config.OptionSource;
import io.claimgate.common.text.Hex;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Builds the TLS context for IdP connections from {@code oauth.ssl.truststore.*} (which CAs to
 * trust) and {@code oauth.ssl.keystore.*} (client certificate for mTLS). There is deliberately no
 * option to switch certificate or host name verification off.
 */
final class SslContexts {
    /**
     * A TLS context and what it was built from, as a digest: {@link SSLContext} has no equality of
     * its own, and a shared JWKS cache must tell equal TLS settings from different ones.
     *
     * @param fingerprint SHA-256 over the stores' types, contents and passwords; empty = no context.
     *                    Never printed: it is derived from passwords.
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
        Optional<Path> truststore = options.readableFile(OptionNames.SSL_TRUSTSTORE_LOCATION);
        Optional<Path> keystore = options.readableFile(OptionNames.SSL_KEYSTORE_LOCATION);
        requireLocation(options, truststore, OptionNames.SSL_TRUSTSTORE_LOCATION,
                OptionNames.SSL_TRUSTSTORE_TYPE, OptionNames.SSL_TRUSTSTORE_PASSWORD);
        requireLocation(options, keystore, OptionNames.SSL_KEYSTORE_LOCATION,
                OptionNames.SSL_KEYSTORE_TYPE, OptionNames.SSL_KEYSTORE_PASSWORD);
        if (truststore.isEmpty() && keystore.isEmpty()) {
            return Tls.NONE;
        }
        try {
            TrustManagerFactory tmf = null;
            if (truststore.isPresent()) {
                KeyStore trust = load(options, truststore.get(), OptionNames.SSL_TRUSTSTORE_LOCATION,
                        OptionNames.SSL_TRUSTSTORE_TYPE, OptionNames.SSL_TRUSTSTORE_PASSWORD);
                tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(trust);
            }
            KeyManagerFactory kmf = null;
            if (keystore.isPresent()) {
                KeyStore keys = load(options, keystore.get(), OptionNames.SSL_KEYSTORE_LOCATION,
                        OptionNames.SSL_KEYSTORE_TYPE, OptionNames.SSL_KEYSTORE_PASSWORD);
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(keys, password(options, OptionNames.SSL_KEYSTORE_PASSWORD));
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf == null ? null : kmf.getKeyManagers(), tmf == null ? null : tmf.getTrustManagers(), null);
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digestStore(digest, options, truststore, OptionNames.SSL_TRUSTSTORE_TYPE, OptionNames.SSL_TRUSTSTORE_PASSWORD);
            digestStore(digest, options, keystore, OptionNames.SSL_KEYSTORE_TYPE, OptionNames.SSL_KEYSTORE_PASSWORD);
            return new Tls(Optional.of(context), Hex.encode(digest.digest()));
        } catch (InvalidOptionException e) {
            throw e;
        } catch (Exception e) {
            // Past loading, what fails is the key store's keys (e.g. a key password that differs
            // from the store's) or, without one, the trust store's content.
            throw new InvalidOptionException(options.name(keystore.isPresent()
                    ? OptionNames.SSL_KEYSTORE_LOCATION : OptionNames.SSL_TRUSTSTORE_LOCATION),
                    "could not set up TLS to the identity provider: " + e.getMessage());
        }
    }

    /** A type or password without its store would be silently ignored, and the JVM's trust used. */
    private static void requireLocation(OptionReader options, Optional<Path> location, String locationOption,
                                        String... dependents) {
        if (location.isPresent()) {
            return;
        }
        for (String dependent : dependents) {
            if (options.string(dependent).isPresent()) {
                throw new InvalidOptionException(options.name(dependent), "is only used with "
                        + options.name(locationOption) + ", which is not set; set it or remove " + options.name(dependent));
            }
        }
    }

    private static KeyStore load(OptionReader options, Path path, String locationOption, String typeOption,
                                 String passwordOption) {
        String type = options.string(typeOption, "PKCS12");
        OptionSource.Found where = new OptionSource.Found(path.toString(), locationOption);
        return options.parse(locationOption, where,
                "a " + type + " key store readable with " + passwordOption + " (check the file, "
                        + typeOption + " and the password)", value -> {
                    KeyStore store = KeyStore.getInstance(type);
                    try (InputStream in = Files.newInputStream(Path.of(value))) {
                        store.load(in, password(options, passwordOption));
                    }
                    return store;
                });
    }

    /** The store's content rather than its path: a store replaced on disk makes a different context. */
    private static void digestStore(MessageDigest digest, OptionReader options, Optional<Path> store, String typeOption,
                                    String passwordOption) throws java.io.IOException {
        digest.update((byte) (store.isPresent() ? 1 : 0));
        if (store.isPresent()) {
            digest.update(Files.readAllBytes(store.get()));
            for (String value : new String[] {options.string(typeOption, "PKCS12"), options.string(passwordOption, "")}) {
                byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
                digest.update(new byte[] {(byte) (bytes.length >>> 8), (byte) bytes.length});
                digest.update(bytes);
            }
        }
    }

    private static char[] password(OptionReader options, String option) {
        return options.string(option).map(String::toCharArray).orElse(null);
    }
}
