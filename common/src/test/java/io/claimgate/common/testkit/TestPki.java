package io.claimgate.common.testkit;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.PBEParameterSpec;

/**
 * Real certificates for TLS tests, made once per JVM ({@link TestCertificates}): a CA, an IdP
 * server certificate for {@code localhost}/{@code 127.0.0.1} signed by it, a client certificate
 * signed by it (for mutual TLS), and an unrelated second CA. Keys and certificates are written out
 * as PEM files (PKCS#8, plain or encrypted), the way they arrive from a Kubernetes secret.
 */
public final class TestPki {
    public static final String STORE_PASSWORD = "test-store-pass";

    private static TestPki instance;

    private final Path dir;
    private final TestCertificates.Issued ca;
    private final TestCertificates.Issued server;
    private final TestCertificates.Issued client;
    private final TestCertificates.Issued otherHost;

    private TestPki(Path dir) throws Exception {
        this.dir = dir;
        ca = TestCertificates.ca("claimgate test CA");
        server = TestCertificates.leaf("localhost", ca, "localhost", true);
        client = TestCertificates.leaf("kafka-client-1", ca, null, false);
        otherHost = TestCertificates.leaf("idp.elsewhere.example", ca, "idp.elsewhere.example", false);
        write("ca.crt", pem(ca.certificate()));
        write("other-ca.crt", pem(TestCertificates.ca("another test CA").certificate()));
        write("client-key.pem", pem("PRIVATE KEY", client.keys().getPrivate().getEncoded()));
        write("client-chain.pem", pem(client.certificate()) + pem(ca.certificate()));
        write("client-key-and-chain.pem", read(clientKey()) + read(clientChain()));
        store("ca-trust.p12", caTrustStore());
        store("client.p12", keyStore(client));
        store("server.p12", keyStore(server));
    }

    /** The PKI of this JVM, made on first use. */
    public static synchronized TestPki get() {
        if (instance == null) {
            try {
                Path dir = Files.createTempDirectory("claimgate-pki");
                dir.toFile().deleteOnExit();
                instance = new TestPki(dir);
            } catch (Exception e) {
                throw new IllegalStateException("could not make test certificates", e);
            }
        }
        return instance;
    }

    /** PEM of the CA that signed the server and client certificates. */
    public Path caCertificate() {
        return dir.resolve("ca.crt");
    }

    /** PEM of a CA that signed nothing used here. */
    public Path otherCaCertificate() {
        return dir.resolve("other-ca.crt");
    }

    /** The client's private key, unencrypted PKCS#8 PEM. */
    public Path clientKey() {
        return dir.resolve("client-key.pem");
    }

    /** The client's certificate followed by the CA's, PEM. */
    public Path clientChain() {
        return dir.resolve("client-chain.pem");
    }

    /** Key and chain in one PEM file, as Kafka's {@code ssl.keystore.type=PEM} file holds them. */
    public Path clientKeyAndChain() {
        return dir.resolve("client-key-and-chain.pem");
    }

    /** The client's private key as encrypted PKCS#8 PEM (PBES2 with HMAC-SHA256 and AES-256, as openssl writes it). */
    public String encryptedClientKey(String password) throws Exception {
        String algorithm = "PBEWithHmacSHA256AndAES_256";
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        Cipher cipher = Cipher.getInstance(algorithm);
        cipher.init(Cipher.ENCRYPT_MODE, SecretKeyFactory.getInstance(algorithm)
                .generateSecret(new PBEKeySpec(password.toCharArray())), new PBEParameterSpec(salt, 10_000));
        byte[] encrypted = cipher.doFinal(client.keys().getPrivate().getEncoded());
        return pem("ENCRYPTED PRIVATE KEY", TestCertificates.pbes2EncryptedPrivateKeyInfo(
                cipher.getParameters().getEncoded(), encrypted));
    }

    /** The server's key and chain (password {@link #STORE_PASSWORD}), for the HTTPS IdP. */
    public KeyStore serverKeyStore() throws Exception {
        return keyStore(server);
    }

    /** {@link #serverKeyStore()} as a PKCS12 file, for servers configured by path (WireMock). */
    public Path serverKeyStoreFile() {
        return dir.resolve("server.p12");
    }

    /** A certificate the test CA signed for another host name than localhost. */
    public KeyStore otherHostKeyStore() throws Exception {
        return keyStore(otherHost);
    }

    /** PKCS12 file ({@link #STORE_PASSWORD}) trusting the test CA: the non-PEM way to the same trust. */
    public Path caTrustStoreFile() {
        return dir.resolve("ca-trust.p12");
    }

    /** PKCS12 file ({@link #STORE_PASSWORD}) with the client's key and chain: the non-PEM way to the same identity. */
    public Path clientKeyStoreFile() {
        return dir.resolve("client.p12");
    }

    /** A key store trusting only the test CA, for the IdP's client authentication. */
    public KeyStore caTrustStore() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("ca", ca.certificate());
        return store;
    }

    public static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private KeyStore keyStore(TestCertificates.Issued leaf) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        PrivateKey key = leaf.keys().getPrivate();
        store.setKeyEntry("key", key, STORE_PASSWORD.toCharArray(), new Certificate[] {leaf.certificate(),
                ca.certificate()});
        return store;
    }

    private void store(String name, KeyStore store) throws Exception {
        Path file = dir.resolve(name);
        try (java.io.OutputStream out = Files.newOutputStream(file)) {
            store.store(out, STORE_PASSWORD.toCharArray());
        }
        file.toFile().deleteOnExit();
    }

    private void write(String name, String content) throws java.io.IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.US_ASCII);
        file.toFile().deleteOnExit();
    }

    private static String pem(X509Certificate certificate) throws Exception {
        return pem("CERTIFICATE", certificate.getEncoded());
    }

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + label + "-----\n";
    }
}
