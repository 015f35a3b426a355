package io.claimgate.common.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.claimgate.common.config.InvalidOptionException;
import io.claimgate.common.config.OptionReader;
import io.claimgate.common.config.OptionSource;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS settings are told apart by what they were built from, since an SSLContext equals only itself. */
class HttpSettingsTest {
    @TempDir
    Path dir;

    @Test
    void theSameTrustStoreReadTwiceHasTheSameFingerprintAndAnotherStoreAnother() throws Exception {
        Path one = trustStore("one.p12", 0, "changeit");
        Path two = trustStore("two.p12", 1, "changeit");

        HttpSettings first = read(Map.of("oauth.ssl.truststore.location", one.toString(),
                "oauth.ssl.truststore.password", "changeit"));
        HttpSettings again = read(Map.of("oauth.ssl.truststore.location", one.toString(),
                "oauth.ssl.truststore.password", "changeit"));
        HttpSettings other = read(Map.of("oauth.ssl.truststore.location", two.toString(),
                "oauth.ssl.truststore.password", "changeit"));

        assertNotSame(first.sslContext().orElseThrow(), again.sslContext().orElseThrow());
        assertEquals(first.tlsFingerprint(), again.tlsFingerprint());
        assertNotEquals(first.tlsFingerprint(), other.tlsFingerprint());
        assertEquals("", read(Map.of()).tlsFingerprint());
    }

    @Test
    void theFingerprintIsNeverPrinted() throws Exception {
        Path store = trustStore("one.p12", 0, "changeit");
        HttpSettings settings = read(Map.of("oauth.ssl.truststore.location", store.toString(),
                "oauth.ssl.truststore.password", "changeit"));

        assertFalse(settings.toString().contains(settings.tlsFingerprint()), settings.toString());
    }

    @Test
    void aBackoffBoundBelowTheFirstWaitIsAContradiction() {
        InvalidOptionException e = assertThrows(InvalidOptionException.class, () -> read(Map.of(
                "oauth.http.retry.backoff.ms", "5000", "oauth.http.retry.backoff.max.ms", "1000")));
        assertEquals("oauth.http.retry.backoff.max.ms", e.option());
    }

    @Test
    void aFirstWaitAboveTheDefaultBoundRaisesTheBound() {
        assertEquals(Duration.ofSeconds(20), read(Map.of("oauth.http.retry.backoff.ms", "20000")).backoffMax());
    }

    private static HttpSettings read(Map<String, String> jaasOptions) {
        return HttpSettings.from(new OptionReader(OptionSource.of(jaasOptions, Map.of(), name -> null)));
    }

    /** A PKCS12 trust store holding the {@code index}-th CA certificate of the JDK's own trust store. */
    private Path trustStore(String name, int index, String password) throws Exception {
        KeyStore cacerts = KeyStore.getInstance(KeyStore.getDefaultType());
        try (InputStream in = Files.newInputStream(Path.of(System.getProperty("java.home"), "lib", "security",
                "cacerts"))) {
            cacerts.load(in, null);
        }
        List<String> aliases = Collections.list(cacerts.aliases());
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("ca", cacerts.getCertificate(aliases.get(index)));
        Path file = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password.toCharArray());
        }
        return file;
    }
}
