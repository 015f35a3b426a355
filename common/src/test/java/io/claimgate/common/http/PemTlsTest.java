package io.claimgate.common.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.claimgate.common.config.InvalidOptionException;
import io.claimgate.common.config.OptionReader;
import io.claimgate.common.config.OptionSource;
import io.claimgate.common.testkit.HttpsIdp;
import io.claimgate.common.testkit.TestPki;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PEM trust and identity towards the IdP, as Kafka and Strimzi name them, against a real HTTPS
 * server with certificates made by keytool: PEM certificates (a file of one or more, or inline)
 * make the IdP trusted, nothing else is; a PEM key and chain (a file, or inline, plain or
 * encrypted) is presented for mutual TLS. Bad PEM fails start-up naming the option.
 */
class PemTlsTest {
    private static final TestPki PKI = TestPki.get();
    private static final String JSON = "{\"ok\":true}";

    private static HttpSettings settings(Map<String, String> options) {
        return HttpSettings.from(new OptionReader(OptionSource.of(options, Map.of(), name -> null)));
    }

    private static IdpResponse get(HttpsIdp idp, Map<String, String> options) throws IOException {
        return new IdpHttpClient(settings(options)).get(idp.uri("/doc"), Map.of());
    }

    private static InvalidOptionException rejected(Map<String, String> options) {
        return assertThrows(InvalidOptionException.class, () -> settings(options));
    }

    @Test
    void aPemFileOfCertificatesMakesTheIdpTrustedAndVerificationStaysOnWithoutIt() throws Exception {
        try (HttpsIdp idp = HttpsIdp.start().serve("/doc", JSON)) {
            assertThrows(IOException.class, () -> get(idp, Map.of()), "the JVM's trust does not know the test CA");
            assertThrows(IOException.class, () -> get(idp, Map.of("oauth.ssl.truststore.type", "PEM",
                    "oauth.ssl.truststore.location", PKI.otherCaCertificate().toString())), "another CA is not enough");
            assertEquals(0, idp.requests());

            assertEquals(JSON, get(idp, Map.of("oauth.ssl.truststore.type", "PEM",
                    "oauth.ssl.truststore.location", PKI.caCertificate().toString())).body());
        }
    }

    @Test
    void aPemFileMayHoldSeveralCertificates(@TempDir Path dir) throws Exception {
        Path bundle = Files.writeString(dir.resolve("bundle.pem"), TestPki.read(PKI.otherCaCertificate())
                + "\n" + TestPki.read(PKI.caCertificate()));
        try (HttpsIdp idp = HttpsIdp.start().serve("/doc", JSON)) {
            assertEquals(JSON, get(idp, Map.of("oauth.ssl.truststore.type", "pem",
                    "oauth.ssl.truststore.location", bundle.toString())).body());
        }
    }

    @Test
    void inlineCertificatesWorkWithOrWithoutLineBreaks() throws Exception {
        String pem = TestPki.read(PKI.caCertificate());
        try (HttpsIdp idp = HttpsIdp.start().serve("/doc", JSON)) {
            assertEquals(JSON, get(idp, Map.of("oauth.ssl.truststore.type", "PEM",
                    "oauth.ssl.truststore.certificates", pem)).body());
            // A JAAS value often loses its line breaks; without a type, inline PEM means PEM.
            assertEquals(JSON, get(idp, Map.of("oauth.ssl.truststore.certificates", pem.replace("\n", " "))).body());
        }
    }

    @Test
    void mutualTlsWithAPemKeyAndChainFileOrInlineOrEncrypted() throws Exception {
        Map<String, String> trust = Map.of("oauth.ssl.truststore.certificates", TestPki.read(PKI.caCertificate()));
        try (HttpsIdp idp = HttpsIdp.requiringClientCertificate().serve("/doc", JSON)) {
            assertThrows(IOException.class, () -> get(idp, trust), "no client certificate, no answer");
            assertEquals(0, idp.requests());

            assertEquals(JSON, get(idp, with(trust, "oauth.ssl.keystore.type", "PEM",
                    "oauth.ssl.keystore.location", PKI.clientKeyAndChain().toString())).body());
            assertEquals(JSON, get(idp, with(trust, "oauth.ssl.keystore.key", TestPki.read(PKI.clientKey()),
                    "oauth.ssl.keystore.certificate.chain", TestPki.read(PKI.clientChain()))).body());
            assertEquals(JSON, get(idp, with(trust, "oauth.ssl.keystore.type", "PEM",
                    "oauth.ssl.keystore.key", PKI.encryptedClientKey("key-pass-1"),
                    "oauth.ssl.keystore.certificate.chain", TestPki.read(PKI.clientChain()),
                    "oauth.ssl.key.password", "key-pass-1")).body());
            assertEquals(3, idp.requests());
        }
    }

    @Test
    void badPemFailsStartUpNamingTheOptionWithoutShowingTheKey(@TempDir Path dir) throws Exception {
        String key = TestPki.read(PKI.clientKey());
        String chain = TestPki.read(PKI.clientChain());
        String ca = TestPki.read(PKI.caCertificate());

        assertEquals("oauth.ssl.truststore.certificates",
                rejected(Map.of("oauth.ssl.truststore.certificates", "not pem")).option());
        InvalidOptionException keyAsTrust = rejected(Map.of("oauth.ssl.truststore.certificates", ca + key));
        assertTrue(keyAsTrust.getMessage().contains("never put a private key"), keyAsTrust.getMessage());
        assertFalse(keyAsTrust.getMessage().contains(key.substring(40, 80)), "no key material in messages");
        Path empty = Files.writeString(dir.resolve("empty.pem"), "nothing here");
        InvalidOptionException file = rejected(Map.of("oauth.ssl.truststore.type", "PEM",
                "oauth.ssl.truststore.location", empty.toString()));
        assertEquals("oauth.ssl.truststore.location", file.option());
        assertTrue(file.getMessage().contains("holds no PEM certificate"), file.getMessage());
        assertEquals("oauth.ssl.truststore.type", rejected(Map.of("oauth.ssl.truststore.type", "JKS",
                "oauth.ssl.truststore.certificates", ca)).option());
        assertEquals("oauth.ssl.truststore.certificates", rejected(Map.of("oauth.ssl.truststore.certificates", ca,
                "oauth.ssl.truststore.location", PKI.caCertificate().toString())).option());
        assertEquals("oauth.ssl.truststore.password", rejected(Map.of("oauth.ssl.truststore.certificates", ca,
                "oauth.ssl.truststore.password", "changeit")).option());

        assertEquals("oauth.ssl.keystore.key", rejected(Map.of("oauth.ssl.keystore.key", key)).option());
        assertEquals("oauth.ssl.keystore.certificate.chain",
                rejected(Map.of("oauth.ssl.keystore.certificate.chain", chain)).option());
        InvalidOptionException mismatch = rejected(Map.of("oauth.ssl.keystore.key", key,
                "oauth.ssl.keystore.certificate.chain", ca));
        assertEquals("oauth.ssl.keystore.certificate.chain", mismatch.option());
        assertTrue(mismatch.getMessage().contains("not the private key's"), mismatch.getMessage());
        InvalidOptionException noPassword = rejected(Map.of("oauth.ssl.keystore.key",
                PKI.encryptedClientKey("key-pass-1"), "oauth.ssl.keystore.certificate.chain", chain));
        assertEquals("oauth.ssl.keystore.key", noPassword.option());
        assertTrue(noPassword.getMessage().contains("set oauth.ssl.key.password"), noPassword.getMessage());
        InvalidOptionException wrongPassword = rejected(Map.of("oauth.ssl.keystore.key",
                PKI.encryptedClientKey("key-pass-1"), "oauth.ssl.keystore.certificate.chain", chain,
                "oauth.ssl.key.password", "not-it"));
        assertTrue(wrongPassword.getMessage().contains("could not be decrypted"), wrongPassword.getMessage());
        assertFalse(wrongPassword.getMessage().contains("not-it"), wrongPassword.getMessage());
        assertEquals("oauth.ssl.keystore.password", rejected(Map.of("oauth.ssl.keystore.key", key,
                "oauth.ssl.keystore.certificate.chain", chain, "oauth.ssl.keystore.password", "x")).option());
        assertEquals("oauth.ssl.key.password", rejected(Map.of("oauth.ssl.key.password", "x")).option());
        InvalidOptionException pkcs1 = rejected(Map.of("oauth.ssl.keystore.key",
                key.replace("PRIVATE KEY", "RSA PRIVATE KEY"), "oauth.ssl.keystore.certificate.chain", chain));
        assertTrue(pkcs1.getMessage().contains("openssl pkcs8 -topk8"), pkcs1.getMessage());
    }

    @Test
    void theFingerprintFollowsThePemContent() {
        String ca = TestPki.read(PKI.caCertificate());
        String other = TestPki.read(PKI.otherCaCertificate());
        assertEquals(settings(Map.of("oauth.ssl.truststore.certificates", ca)).tlsFingerprint(),
                settings(Map.of("oauth.ssl.truststore.certificates", ca)).tlsFingerprint());
        assertNotEquals(settings(Map.of("oauth.ssl.truststore.certificates", ca)).tlsFingerprint(),
                settings(Map.of("oauth.ssl.truststore.certificates", other)).tlsFingerprint());
    }

    private static Map<String, String> with(Map<String, String> base, String... pairs) {
        Map<String, String> options = new HashMap<>(base);
        for (int i = 0; i < pairs.length; i += 2) {
            options.put(pairs[i], pairs[i + 1]);
        }
        return options;
    }
}
