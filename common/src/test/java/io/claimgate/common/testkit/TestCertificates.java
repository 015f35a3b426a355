package io.claimgate.common.testkit;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicLong;
import javax.security.auth.x500.X500Principal;

/**
 * Real X.509 certificates (EC P-256, SHA256withECDSA) made in process with the JDK alone: a
 * minimal DER writer for the few fields a TLS test needs (basic constraints for a CA, subject
 * alternative names for a server). keytool would do the same in a second JVM per step, which on a
 * busy machine costs seconds per certificate; BouncyCastle's certificate builder is not on the
 * test classpath.
 */
final class TestCertificates {
    private static final String SHA256_WITH_ECDSA = "1.2.840.10045.4.3.2";
    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    /** A key pair and its certificate. */
    record Issued(KeyPair keys, X509Certificate certificate) {
    }

    private TestCertificates() {
    }

    static KeyPair keyPair() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        return generator.generateKeyPair();
    }

    /** A self-signed CA certificate. */
    static Issued ca(String commonName) throws Exception {
        KeyPair keys = keyPair();
        byte[] basicConstraints = seq(bool(true));
        return new Issued(keys, sign(name(commonName), keys.getPrivate(), name(commonName), keys,
                extension("2.5.29.19", true, basicConstraints)));
    }

    /**
     * A leaf certificate signed by {@code ca}; with {@code dnsName} it is a server certificate for
     * that name (and for 127.0.0.1 when {@code loopback}).
     */
    static Issued leaf(String commonName, Issued ca, String dnsName, boolean loopback) throws Exception {
        KeyPair keys = keyPair();
        byte[] names = dnsName == null ? new byte[0] : concat(tlv(0x82, dnsName.getBytes(StandardCharsets.US_ASCII)),
                loopback ? tlv(0x87, InetAddress.getByName("127.0.0.1").getAddress()) : new byte[0]);
        byte[] extensions = dnsName == null ? new byte[0] : extension("2.5.29.17", false, seq(names));
        return new Issued(keys, sign(name(commonName), ca.keys().getPrivate(),
                ca.certificate().getSubjectX500Principal().getEncoded(), keys, extensions));
    }

    /**
     * PKCS#8 EncryptedPrivateKeyInfo for a PBES2 encryption, as openssl writes it; the JDK 17
     * constructor taking AlgorithmParameters does not know PBES2 names.
     */
    static byte[] pbes2EncryptedPrivateKeyInfo(byte[] pbes2Parameters, byte[] encrypted) {
        return seq(seq(oid("1.2.840.113549.1.5.13"), pbes2Parameters), tlv(0x04, encrypted));
    }

    private static X509Certificate sign(byte[] subject, PrivateKey issuerKey, byte[] issuer, KeyPair subjectKeys,
                                        byte[] extensions) throws Exception {
        byte[] algorithm = seq(oid(SHA256_WITH_ECDSA));
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        byte[] tbs = seq(
                tlv(0xA0, integer(BigInteger.TWO)),   // v3
                integer(BigInteger.valueOf(SERIAL.incrementAndGet())),
                algorithm,
                issuer,
                seq(time(now.minusHours(1)), time(now.plusDays(2))),
                subject,
                subjectKeys.getPublic().getEncoded(),
                extensions.length == 0 ? new byte[0] : tlv(0xA3, seq(extensions)));
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(issuerKey);
        signer.update(tbs);
        byte[] signature = signer.sign();
        byte[] der = seq(tbs, algorithm, tlv(0x03, concat(new byte[] {0}, signature)));
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(der));
    }

    private static byte[] name(String commonName) {
        return new X500Principal("CN=" + commonName).getEncoded();
    }

    private static byte[] extension(String oid, boolean critical, byte[] value) {
        return seq(oid(oid), critical ? bool(true) : new byte[0], tlv(0x04, value));
    }

    private static byte[] time(ZonedDateTime time) {
        return tlv(0x17, time.format(DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'")).getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] bool(boolean value) {
        return tlv(0x01, new byte[] {(byte) (value ? 0xFF : 0)});
    }

    private static byte[] integer(BigInteger value) {
        return tlv(0x02, value.toByteArray());
    }

    private static byte[] oid(String dotted) {
        String[] parts = dotted.split("\\.");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(Integer.parseInt(parts[0]) * 40 + Integer.parseInt(parts[1]));
        for (int i = 2; i < parts.length; i++) {
            long value = Long.parseLong(parts[i]);
            byte[] base128 = new byte[10];
            int n = 0;
            do {
                base128[n++] = (byte) (value & 0x7F);
                value >>>= 7;
            } while (value != 0);
            for (int j = n - 1; j >= 0; j--) {
                out.write(base128[j] | (j == 0 ? 0 : 0x80));
            }
        }
        return tlv(0x06, out.toByteArray());
    }

    private static byte[] seq(byte[]... parts) {
        return tlv(0x30, concat(parts));
    }

    private static byte[] tlv(int tag, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int length = value.length;
        if (length < 0x80) {
            out.write(length);
        } else {
            byte[] bytes = BigInteger.valueOf(length).toByteArray();
            int skip = bytes[0] == 0 ? 1 : 0;
            out.write(0x80 | (bytes.length - skip));
            out.write(bytes, skip, bytes.length - skip);
        }
        out.writeBytes(value);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
