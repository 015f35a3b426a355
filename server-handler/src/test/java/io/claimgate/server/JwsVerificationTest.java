package io.claimgate.server;

import static io.claimgate.server.testkit.Validation.accepted;
import static io.claimgate.server.testkit.Validation.rejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import io.claimgate.server.testkit.Claims;
import io.claimgate.server.testkit.HandlerAgainstJwks;
import io.claimgate.server.testkit.SigningKey;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The JWS pipeline (compact serialisation split once, canonical base64url, JCA verification per
 * algorithm) against forged, tampered and odd tokens, through the handler as Kafka calls it.
 */
class JwsVerificationTest {
    static final SigningKey RS256 = SigningKey.rsa("rs");
    static final SigningKey PS256 = SigningKey.rsa("ps", JWSAlgorithm.PS256);
    static final SigningKey ES256 = SigningKey.ec("es");
    static final SigningKey ES384 = ec384("es384");
    static final SigningKey ED = SigningKey.ed25519("ed");
    static final KeyPair WEAK_RSA = rsa1024();

    @RegisterExtension
    static final HandlerAgainstJwks idp = HandlerAgainstJwks.publishing(RS256.publicJwk(), PS256.publicJwk(),
            ES256.publicJwk(), ES384.publicJwk(), ED.publicJwk(),
            new RSAKey.Builder((RSAPublicKey) WEAK_RSA.getPublic()).keyID("weak").keyUse(KeyUse.SIGNATURE).build());

    private static KeyPair rsa1024() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(1024);
            return generator.generateKeyPair();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void everyAlgorithmFamilyVerifies() {
        for (SigningKey key : new SigningKey[] {RS256, PS256, ES256, ES384, ED}) {
            assertEquals("service-account-orders", accepted(idp.handler(), key.sign(Claims.valid().build())).principalName(),
                    key.kid());
        }
    }

    @Test
    void forgedSignatureIsRejected() {
        String[] parts = RS256.sign(Claims.valid().build()).split("\\.");
        byte[] random = new byte[256];
        new java.util.Random(1).nextBytes(random);
        assertReason("BAD_SIGNATURE", parts[0] + "." + parts[1] + "." + b64(random));
    }

    @Test
    void payloadSwappedUnderAnotherTokensValidSignature() {
        String[] alice = RS256.sign(Claims.valid().build()).split("\\.");
        String[] admin = RS256.sign(Claims.valid().subject("admin").build()).split("\\.");
        assertReason("BAD_SIGNATURE", alice[0] + "." + admin[1] + "." + alice[2]);
        String[] es = ES256.sign(Claims.valid().subject("admin").build()).split("\\.");
        assertReason("BAD_SIGNATURE", alice[0] + "." + es[1] + "." + ES256.sign(Claims.valid().build()).split("\\.")[2]);
    }

    @Test
    void rsaAlgorithmNamingAnEcKeyNeverReachesAVerifier() {
        String token = RS256.sign(RS256.header().keyID(ES256.kid()), Claims.valid().build());
        String status = assertReason("BAD_SIGNATURE", token);
        assertTrue(status.contains("needs RSA"), status);
        String ed = ED.sign(ED.header().keyID(RS256.kid()), Claims.valid().build());
        assertTrue(assertReason("BAD_SIGNATURE", ed).contains("not an Ed25519 key"));
    }

    @Test
    void ecdsaSignatureOfTheWrongLengthOrInDerIsRejected() throws Exception {
        String[] parts = ES256.sign(Claims.valid().build()).split("\\.");
        byte[] jose = Base64.getUrlDecoder().decode(parts[2]);
        byte[] longer = java.util.Arrays.copyOf(jose, 65);
        assertReason("BAD_SIGNATURE", parts[0] + "." + parts[1] + "." + b64(longer));
        Signature der = Signature.getInstance("SHA256withECDSA");
        der.initSign(ES256.jwk().toECKey().toPrivateKey());
        der.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertReason("BAD_SIGNATURE", parts[0] + "." + parts[1] + "." + b64(der.sign()));
    }

    @Test
    void rsaKeysBelow2048BitsAreNotTrusted() throws Exception {
        String token = jcaSigned("{\"alg\":\"RS256\",\"kid\":\"weak\"}", Claims.valid().build().toString(),
                "SHA256withRSA", WEAK_RSA.getPrivate());
        String status = assertReason("BAD_SIGNATURE", token);
        assertTrue(status.contains("fewer than 2048"), status);
    }

    @Test
    void malformedBase64() throws Exception {
        String[] parts = RS256.sign(Claims.valid().build()).split("\\.");
        assertTrue(assertReason("BAD_SIGNATURE", parts[0] + "." + parts[1] + "." + parts[2].substring(1) + "*")
                .contains("not canonical base64url"));
        assertReason("MALFORMED", parts[0] + "!." + parts[1] + "." + parts[2]);
        // A payload that is not base64url, validly signed: refused after the signature verified.
        String input = parts[0] + ".eyJzdWIiOiJ4In0*";
        String status = assertReason("MALFORMED", input + "." + b64(sign(input, RS256.jwk().toRSAKey().toPrivateKey())));
        assertTrue(status.contains("payload is not canonical base64url"), status);
    }

    @Test
    void trailingDataAndExtraParts() {
        String token = RS256.sign(Claims.valid().build());
        assertReason("MALFORMED", token + ".x");
        assertReason("BAD_SIGNATURE", token + "AAAA");
        assertReason("BAD_SIGNATURE", token + " ");
    }

    @Test
    void criticalHeaderParametersAndUnencodedPayloadsAreRefused() throws Exception {
        String claims = Claims.valid().build().toString();
        PrivateKey key = RS256.jwk().toRSAKey().toPrivateKey();
        String crit = jcaSigned("{\"alg\":\"RS256\",\"kid\":\"rs\",\"crit\":[\"exp\"],\"exp\":1}", claims,
                "SHA256withRSA", key);
        assertTrue(assertReason("MALFORMED", crit).contains("not understood"));
        String b64 = jcaSigned("{\"alg\":\"RS256\",\"kid\":\"rs\",\"b64\":false,\"crit\":[\"b64\"]}", claims,
                "SHA256withRSA", key);
        assertReason("MALFORMED", b64);
        String b64WithoutCrit = jcaSigned("{\"alg\":\"RS256\",\"kid\":\"rs\",\"b64\":false}", claims,
                "SHA256withRSA", key);
        assertTrue(assertReason("MALFORMED", b64WithoutCrit).contains("RFC 7797"));
        String duplicateClaim = jcaSigned("{\"alg\":\"RS256\",\"kid\":\"rs\"}",
                claims.substring(0, claims.length() - 1) + ",\"sub\":\"admin\"}", "SHA256withRSA", key);
        assertTrue(assertReason("MALFORMED", duplicateClaim).contains("payload"));
        String kidNotAString = jcaSigned("{\"alg\":\"RS256\",\"kid\":7}", claims, "SHA256withRSA", key);
        assertReason("MALFORMED", kidNotAString);
    }

    private String assertReason(String reason, String token) {
        String status = rejected(idp.handler(), token);
        assertTrue(status.startsWith("invalid_token (" + reason + ": "), status);
        return status;
    }

    private static String jcaSigned(String header, String payload, String jcaAlgorithm, PrivateKey key)
            throws Exception {
        String input = b64(header.getBytes(StandardCharsets.UTF_8)) + "." + b64(payload.getBytes(StandardCharsets.UTF_8));
        Signature signature = Signature.getInstance(jcaAlgorithm);
        signature.initSign(key);
        signature.update(input.getBytes(StandardCharsets.US_ASCII));
        return input + "." + b64(signature.sign());
    }

    private static byte[] sign(String input, PrivateKey key) throws Exception {
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(key);
        signature.update(input.getBytes(StandardCharsets.US_ASCII));
        return signature.sign();
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static SigningKey ec384(String kid) {
        try {
            var key = new ECKeyGenerator(Curve.P_384).keyID(kid).keyUse(KeyUse.SIGNATURE).generate();
            return new SigningKey(key, JWSAlgorithm.ES384, new ECDSASigner(key));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
