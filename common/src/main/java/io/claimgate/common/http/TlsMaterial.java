package io.claimgate.common.http;

import static io.claimgate.common.config.OptionNames.SSL_KEYSTORE_CERTIFICATE_CHAIN;
import static io.claimgate.common.config.OptionNames.SSL_KEYSTORE_KEY;
import static io.claimgate.common.config.OptionNames.SSL_KEYSTORE_LOCATION;
import static io.claimgate.common.config.OptionNames.SSL_KEYSTORE_PASSWORD;
import static io.claimgate.common.config.OptionNames.SSL_KEYSTORE_TYPE;
import static io.claimgate.common.config.OptionNames.SSL_KEY_PASSWORD;
import static io.claimgate.common.config.OptionNames.SSL_TRUSTSTORE_CERTIFICATES;
import static io.claimgate.common.config.OptionNames.SSL_TRUSTSTORE_LOCATION;
import static io.claimgate.common.config.OptionNames.SSL_TRUSTSTORE_PASSWORD;
import static io.claimgate.common.config.OptionNames.SSL_TRUSTSTORE_TYPE;

import io.claimgate.common.config.InvalidOptionException;
import io.claimgate.common.config.OptionReader;
import io.claimgate.common.config.OptionSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The TLS material for IdP connections, read from the options the way Kafka reads its own
 * {@code ssl.*} configs: a trust store ({@code oauth.ssl.truststore.*}: a key store file, a PEM
 * file of certificates, or inline PEM certificates) and a client identity for mutual TLS
 * ({@code oauth.ssl.keystore.*}: a key store file, a PEM file holding a private key and its
 * certificate chain, or both inline), with {@code oauth.ssl.key.password} for an encrypted key.
 *
 * <p>Anything that would be silently unused fails start-up naming the option: a type or password
 * without a store, a store password on PEM, a location and inline PEM together, a key without its
 * chain. So does a key that does not belong to the first certificate of its chain.
 */
final class TlsMaterial {
    static final String PEM = "PEM";
    static final String DEFAULT_TYPE = "PKCS12";
    /** Protects a PEM key inside the in-memory key store only; the key never leaves this JVM. */
    private static final char[] IN_MEMORY_PASSWORD = "in-memory".toCharArray();

    /**
     * A loaded store and what it was made from.
     *
     * @param keyPassword        what unlocks its key entry (identity only)
     * @param fingerprintParts   type, contents and passwords, for {@link SslContexts}' digest; never printed
     */
    static final class Loaded {
        private final KeyStore store;
        private final char[] keyPassword;
        private final List<byte[]> fingerprintParts;

        Loaded(KeyStore store, char[] keyPassword, List<byte[]> fingerprintParts) {
            this.store = store;
            this.keyPassword = keyPassword;
            this.fingerprintParts = fingerprintParts;
        }

        KeyStore store() {
            return store;
        }

        char[] keyPassword() {
            return keyPassword;
        }

        List<byte[]> fingerprintParts() {
            return fingerprintParts;
        }
    }

    private TlsMaterial() {
    }

    /** The CAs to trust; empty = the JVM's default trust. */
    static Optional<Loaded> trust(OptionReader options) {
        Optional<Path> location = options.readableFile(SSL_TRUSTSTORE_LOCATION);
        Optional<OptionSource.Found> inline = options.source().find(SSL_TRUSTSTORE_CERTIFICATES);
        if (location.isEmpty() && inline.isEmpty()) {
            requireStore(options, SSL_TRUSTSTORE_LOCATION + " or " + SSL_TRUSTSTORE_CERTIFICATES,
                    SSL_TRUSTSTORE_TYPE, SSL_TRUSTSTORE_PASSWORD);
            return Optional.empty();
        }
        onlyOne(options, location, SSL_TRUSTSTORE_LOCATION, inline.isPresent(), SSL_TRUSTSTORE_CERTIFICATES);
        if (!isPem(options, SSL_TRUSTSTORE_TYPE, inline.isPresent(), SSL_TRUSTSTORE_CERTIFICATES)) {
            return Optional.of(loadFile(options, location.orElseThrow(), SSL_TRUSTSTORE_LOCATION, SSL_TRUSTSTORE_TYPE,
                    SSL_TRUSTSTORE_PASSWORD, Optional.empty()));
        }
        noStorePasswordWithPem(options, SSL_TRUSTSTORE_PASSWORD, "PEM certificates are not encrypted");
        String option = inline.isPresent() ? SSL_TRUSTSTORE_CERTIFICATES : SSL_TRUSTSTORE_LOCATION;
        String text = inline.map(OptionSource.Found::value).orElseGet(() -> read(location.orElseThrow()));
        List<X509Certificate> certificates = pem(options, option, location, () -> Pem.certificates(text, true));
        KeyStore store = emptyStore();
        for (int i = 0; i < certificates.size(); i++) {
            try {
                store.setCertificateEntry("trusted-" + i, certificates.get(i));
            } catch (java.security.KeyStoreException e) {
                throw new IllegalStateException(e);
            }
        }
        return Optional.of(new Loaded(store, null, parts(PEM, text)));
    }

    /** The client certificate and key for mutual TLS; empty = none presented. */
    static Optional<Loaded> identity(OptionReader options) {
        Optional<Path> location = options.readableFile(SSL_KEYSTORE_LOCATION);
        Optional<OptionSource.Found> key = options.source().find(SSL_KEYSTORE_KEY);
        Optional<OptionSource.Found> chain = options.source().find(SSL_KEYSTORE_CERTIFICATE_CHAIN);
        Optional<String> keyPassword = options.string(SSL_KEY_PASSWORD);
        if (location.isEmpty() && key.isEmpty() && chain.isEmpty()) {
            requireStore(options, SSL_KEYSTORE_LOCATION + " or " + SSL_KEYSTORE_KEY, SSL_KEYSTORE_TYPE,
                    SSL_KEYSTORE_PASSWORD, SSL_KEY_PASSWORD);
            return Optional.empty();
        }
        if (key.isPresent() != chain.isPresent()) {
            String given = key.isPresent() ? SSL_KEYSTORE_KEY : SSL_KEYSTORE_CERTIFICATE_CHAIN;
            String missing = key.isPresent() ? SSL_KEYSTORE_CERTIFICATE_CHAIN : SSL_KEYSTORE_KEY;
            throw new InvalidOptionException(options.name(given), "needs " + options.name(missing) + " too: the"
                    + " client certificate is the private key (" + options.name(SSL_KEYSTORE_KEY)
                    + ") with its certificate chain (" + options.name(SSL_KEYSTORE_CERTIFICATE_CHAIN) + ")");
        }
        onlyOne(options, location, SSL_KEYSTORE_LOCATION, key.isPresent(), SSL_KEYSTORE_KEY);
        if (!isPem(options, SSL_KEYSTORE_TYPE, key.isPresent(), SSL_KEYSTORE_KEY)) {
            return Optional.of(loadFile(options, location.orElseThrow(), SSL_KEYSTORE_LOCATION, SSL_KEYSTORE_TYPE,
                    SSL_KEYSTORE_PASSWORD, keyPassword));
        }
        noStorePasswordWithPem(options, SSL_KEYSTORE_PASSWORD, "the password of a PEM private key is "
                + options.name(SSL_KEY_PASSWORD));
        String keyOption = key.isPresent() ? SSL_KEYSTORE_KEY : SSL_KEYSTORE_LOCATION;
        String chainOption = key.isPresent() ? SSL_KEYSTORE_CERTIFICATE_CHAIN : SSL_KEYSTORE_LOCATION;
        String keyText = key.map(OptionSource.Found::value).orElseGet(() -> read(location.orElseThrow()));
        String chainText = chain.map(OptionSource.Found::value).orElse(keyText);
        char[] password = keyPassword.map(String::toCharArray).orElse(null);
        PrivateKey privateKey = pem(options, keyOption, location,
                () -> Pem.privateKey(keyText, password, options.name(SSL_KEY_PASSWORD)));
        List<X509Certificate> certificates = pem(options, chainOption, location,
                () -> Pem.certificates(chainText, key.isPresent()));
        if (!Pem.belongTogether(privateKey, certificates.get(0))) {
            throw fail(options, chainOption, location, "its first certificate is not the private key's: the chain"
                    + " must start with the client certificate of that key");
        }
        KeyStore store = emptyStore();
        try {
            store.setKeyEntry("identity", privateKey, IN_MEMORY_PASSWORD,
                    certificates.toArray(new java.security.cert.Certificate[0]));
        } catch (java.security.KeyStoreException e) {
            throw fail(options, keyOption, location, "could not be used as a TLS client key: " + e.getMessage());
        }
        return Optional.of(new Loaded(store, IN_MEMORY_PASSWORD, parts(PEM, keyText, chainText,
                keyPassword.orElse(""))));
    }

    /** PEM when the type says so (any case), or when inline PEM is given without a type. */
    private static boolean isPem(OptionReader options, String typeOption, boolean inlineGiven, String inlineOption) {
        Optional<String> type = options.string(typeOption);
        boolean pem = type.map(PEM::equalsIgnoreCase).orElse(inlineGiven);
        if (inlineGiven && !pem) {
            throw new InvalidOptionException(options.name(typeOption), "is " + type.orElseThrow() + ", but "
                    + options.name(inlineOption) + " is PEM text: set " + options.name(typeOption) + "=PEM or remove it");
        }
        return pem;
    }

    /** A type or password without its store would be silently ignored, and the JVM's trust used. */
    private static void requireStore(OptionReader options, String stores, String... dependents) {
        for (String dependent : dependents) {
            if (options.string(dependent).isPresent()) {
                throw new InvalidOptionException(options.name(dependent), "is only used with " + stores
                        + ", which is not set; set it or remove " + options.name(dependent));
            }
        }
    }

    private static void onlyOne(OptionReader options, Optional<Path> location, String locationOption,
                                boolean inlineGiven, String inlineOption) {
        if (location.isPresent() && inlineGiven) {
            throw new InvalidOptionException(options.name(inlineOption), "set only one of "
                    + options.name(locationOption) + " (a file) and " + options.name(inlineOption) + " (inline PEM)");
        }
    }

    private static void noStorePasswordWithPem(OptionReader options, String passwordOption, String why) {
        if (options.string(passwordOption).isPresent()) {
            throw new InvalidOptionException(options.name(passwordOption), "is not used with PEM (" + why
                    + "); remove it");
        }
    }

    private interface PemStep<T> {
        T read();
    }

    private static <T> T pem(OptionReader options, String option, Optional<Path> location, PemStep<T> step) {
        try {
            return step.read();
        } catch (IllegalArgumentException e) {
            throw fail(options, option, location, e.getMessage());
        }
    }

    /** A problem with PEM content: names the option and, for a file, the file; never the content. */
    private static InvalidOptionException fail(OptionReader options, String option, Optional<Path> location,
                                               String problem) {
        String origin = option.endsWith(".location")
                ? "the file '" + location.orElseThrow() + "'"
                : options.source().find(option).map(found -> "the PEM text (from " + found.origin() + ")").orElse("it");
        return new InvalidOptionException(options.name(option), "expected PEM; " + origin + " " + problem);
    }

    private static Loaded loadFile(OptionReader options, Path path, String locationOption, String typeOption,
                                   String passwordOption, Optional<String> keyPassword) {
        String type = options.string(typeOption, DEFAULT_TYPE);
        Optional<String> password = options.string(passwordOption);
        OptionSource.Found where = new OptionSource.Found(path.toString(), options.name(locationOption));
        KeyStore store = options.parse(locationOption, where, "a " + type + " key store readable with "
                + options.name(passwordOption) + " (check the file, " + options.name(typeOption) + " and the password)",
                value -> {
                    KeyStore loaded = KeyStore.getInstance(type);
                    try (InputStream in = Files.newInputStream(Path.of(value))) {
                        loaded.load(in, password.map(String::toCharArray).orElse(null));
                    }
                    return loaded;
                });
        // As in Kafka: the key's own password when it differs from the store's (ssl.key.password).
        char[] unlock = keyPassword.or(() -> password).map(String::toCharArray).orElse(null);
        byte[] content;
        try {
            content = Files.readAllBytes(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<byte[]> parts = new ArrayList<>(parts(type, password.orElse(""), keyPassword.orElse("")));
        parts.add(content);
        return new Loaded(store, unlock, parts);
    }

    private static String read(Path file) {
        try {
            // PEM is ASCII; ISO-8859-1 maps every byte, so a stray byte cannot fail decoding here
            // and the block parser reports what is wrong instead.
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static KeyStore emptyStore() {
        try {
            KeyStore store = KeyStore.getInstance(DEFAULT_TYPE);
            store.load(null, null);
            return store;
        } catch (Exception e) {
            throw new IllegalStateException("the JVM has no PKCS12 key store", e);
        }
    }

    private static List<byte[]> parts(String... values) {
        List<byte[]> parts = new ArrayList<>();
        for (String value : values) {
            parts.add(value.getBytes(StandardCharsets.UTF_8));
        }
        return parts;
    }
}
