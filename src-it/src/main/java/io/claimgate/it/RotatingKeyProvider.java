package io.claimgate.it;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.proc.SecurityContext;
import java.util.ArrayList;
import java.util.List;
import no.nav.security.mock.oauth2.token.KeyProvider;

/**
 * The embedded IdP's signing keys, with rotation.
 *
 * <p>Why a subclass: mock-oauth2-server 6.0.2 has no rotation. Its {@link KeyProvider} assigns one
 * key per issuer id on first use ({@code signingKey(issuerId)}, cached forever) and its JWKS route
 * publishes exactly that one key. {@code KeyProvider} is an open class and
 * {@code OAuth2TokenProvider} signs with whatever {@code signingKey} returns, so overriding it is
 * the one supported seam: tokens from the token endpoint (and from
 * {@link EmbeddedIdp#issueToken}) are signed with {@link #current()}. Publishing old and new key
 * together needs a JWKS route of our own ({@link EmbeddedIdp} registers it ahead of the built-in
 * one), which serves {@link #publicJwkSet()}.
 *
 * <p>Keys are RSA 2048 / RS256 (or, after {@link #rotate(JWSAlgorithm)}, EC P-256 / ES256) with
 * kids {@code <prefix>-1}, {@code <prefix>-2}, ...; {@link #algorithm()} and {@link #keyType()}
 * follow the current key, so the mock signs with its algorithm. Thread-safe:
 * state changes under a lock, readers see immutable snapshots through volatile fields.
 */
final class RotatingKeyProvider extends KeyProvider {

    private final String kidPrefix;
    private final Object lock = new Object();
    private volatile JWK current;
    /** Published keys, newest first; includes {@link #current}. */
    private volatile List<JWK> published = List.of();
    private int generation;

    RotatingKeyProvider(String kidPrefix) {
        super(List.of(), JWSAlgorithm.RS256.getName());
        this.kidPrefix = kidPrefix;
        rotate(JWSAlgorithm.RS256);
    }

    /** The signing key for every issuer id: this IdP serves one issuer. */
    @Override
    public JWK signingKey(String issuerId) {
        return current;
    }

    /** Used by the mock's introspection/userinfo endpoints to verify tokens: any published key. */
    @Override
    public List<JWK> get(JWKSelector jwkSelector, SecurityContext context) {
        return jwkSelector == null ? new ArrayList<>() : jwkSelector.select(publicJwkSet());
    }

    /** What the mock's token endpoint signs with: the current key's algorithm. */
    @Override
    public JWSAlgorithm algorithm() {
        return (JWSAlgorithm) current.getAlgorithm();
    }

    @Override
    public String keyType() {
        return current.getKeyType().getValue();
    }

    JWK current() {
        return current;
    }

    /** The published keys (public parts), newest first. */
    JWKSet publicJwkSet() {
        return new JWKSet(new ArrayList<JWK>(published)).toPublicJWKSet();
    }

    List<String> publishedKeyIds() {
        return published.stream().map(JWK::getKeyID).toList();
    }

    /** A new signing key of the current key's algorithm; the previous ones stay published. Returns the new kid. */
    String rotate() {
        return rotate((JWSAlgorithm) current.getAlgorithm());
    }

    /** A new signing key for {@code algorithm} (RS256 or ES256); the previous ones stay published. Returns the new kid. */
    String rotate(JWSAlgorithm algorithm) {
        synchronized (lock) {
            JWK key = newKey(kidPrefix + "-" + (++generation), algorithm);
            List<JWK> keys = new ArrayList<>();
            keys.add(key);
            keys.addAll(published);
            published = List.copyOf(keys);
            current = key;
            return key.getKeyID();
        }
    }

    /** Stops publishing every key but the current one (as an IdP does some time after a rotation). */
    void unpublishRetired() {
        synchronized (lock) {
            published = List.of(current);
        }
    }

    /** A fresh key (RS256 or ES256), for rotation, or never published, for forged tokens. */
    static JWK newKey(String kid, JWSAlgorithm algorithm) {
        try {
            if (JWSAlgorithm.ES256.equals(algorithm)) {
                return new ECKeyGenerator(Curve.P_256).keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(algorithm).generate();
            }
            if (JWSAlgorithm.RS256.equals(algorithm)) {
                return new RSAKeyGenerator(2048).keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(algorithm).generate();
            }
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate a key for " + algorithm, e);
        }
        throw new IllegalArgumentException("the embedded IdP signs with RS256 or ES256, not " + algorithm);
    }
}
