package io.claimgate.server.testkit;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Arrays;
import java.util.Set;

/**
 * A key pair the test IdP signs with: {@link #jwk()} is what it publishes, {@link #sign} makes
 * tokens. RSA and EC use Nimbus' generators; Ed25519 uses the JDK, because Nimbus'
 * {@code OctetKeyPairGenerator} needs Google Tink, which claimgate does not ship.
 */
public record SigningKey(JWK jwk, JWSAlgorithm algorithm, JWSSigner signer) {

    public static SigningKey rsa(String kid) {
        return rsa(kid, JWSAlgorithm.RS256);
    }

    public static SigningKey rsa(String kid, JWSAlgorithm algorithm) {
        try {
            var key = new RSAKeyGenerator(2048).keyID(kid).keyUse(KeyUse.SIGNATURE).generate();
            return new SigningKey(key, algorithm, new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public static SigningKey ec(String kid) {
        try {
            var key = new ECKeyGenerator(Curve.P_256).keyID(kid).keyUse(KeyUse.SIGNATURE).generate();
            return new SigningKey(key, JWSAlgorithm.ES256, new ECDSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public static SigningKey ed25519(String kid) {
        try {
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            byte[] spki = pair.getPublic().getEncoded();   // X.509: 12-byte prefix + 32-byte key
            byte[] x = Arrays.copyOfRange(spki, spki.length - 32, spki.length);
            OctetKeyPair jwk = new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(x)).keyID(kid)
                    .keyUse(KeyUse.SIGNATURE).build();
            return new SigningKey(jwk, JWSAlgorithm.EdDSA, new JdkEd25519Signer(pair.getPrivate()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The public half only, as a JWKS publishes it. */
    public JWK publicJwk() {
        return jwk.toPublicJWK();
    }

    public String kid() {
        return jwk.getKeyID();
    }

    /** A token with the usual header: this key's algorithm and kid, typ JWT. */
    public String sign(JWTClaimsSet claims) {
        return sign(header(), claims);
    }

    public JWSHeader.Builder header() {
        return new JWSHeader.Builder(algorithm).keyID(kid()).type(JOSEObjectType.JWT);
    }

    public String sign(JWSHeader.Builder header, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(header.build(), claims);
            jwt.sign(signer);
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Signs EdDSA with the JDK's Ed25519 (Nimbus would need Tink). */
    public static final class JdkEd25519Signer implements JWSSigner {
        private final PrivateKey key;

        public JdkEd25519Signer(PrivateKey key) {
            this.key = key;
        }

        @Override
        public Base64URL sign(JWSHeader header, byte[] signingInput) throws JOSEException {
            try {
                Signature signature = Signature.getInstance("Ed25519");
                signature.initSign(key);
                signature.update(signingInput);
                return Base64URL.encode(signature.sign());
            } catch (GeneralSecurityException e) {
                throw new JOSEException(e.getMessage(), e);
            }
        }

        @Override
        public Set<JWSAlgorithm> supportedJWSAlgorithms() {
            return Set.of(JWSAlgorithm.EdDSA);
        }

        @Override
        public JCAContext getJCAContext() {
            return new JCAContext();
        }
    }
}
