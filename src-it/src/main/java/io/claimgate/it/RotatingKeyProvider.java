package io.claimgate.it;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
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
 * <p>Keys are RSA 2048 / RS256 with kids {@code <prefix>-1}, {@code <prefix>-2}, ... Thread-safe:
 * state changes under a lock, readers see immutable snapshots through volatile fields.
 */
final class RotatingKeyProvider extends KeyProvider {

    private final String kidPrefix;
    private final Object lock = new Object();
    private volatile RSAKey current;
    /** Published keys, newest first; includes {@link #current}. */
    private volatile List<RSAKey> published = List.of();
    private int generation;

    RotatingKeyProvider(String kidPrefix) {
        super(List.of(), JWSAlgorithm.RS256.getName());
        this.kidPrefix = kidPrefix;
        rotate();
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

    RSAKey current() {
        return current;
    }

    /** The published keys (public parts), newest first. */
    JWKSet publicJwkSet() {
        return new JWKSet(new ArrayList<JWK>(published)).toPublicJWKSet();
    }

    List<String> publishedKeyIds() {
        return published.stream().map(JWK::getKeyID).toList();
    }

    /** A new signing key; the previous ones stay published. Returns the new kid. */
    String rotate() {
        synchronized (lock) {
            RSAKey key = newKey(kidPrefix + "-" + (++generation));
            List<RSAKey> keys = new ArrayList<>();
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

    /** A fresh key that is never published, for forged tokens. */
    static RSAKey newKey(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate an RSA key", e);
        }
    }
}
