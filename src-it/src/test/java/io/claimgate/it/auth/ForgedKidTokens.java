package io.claimgate.it.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import io.claimgate.it.EmbeddedIdp;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * Tokens an attacker forges: the IdP's claims for a registered client (so nothing but the key
 * gives them away), RS256-signed by the attacker's own key, each under a fresh random {@code kid}
 * so that every one names a key the broker has never seen.
 */
final class ForgedKidTokens {
    private ForgedKidTokens() {
    }

    /** {@code count} tokens, minted up front so the flood itself costs the test JVM no signing. */
    static List<String> mint(EmbeddedIdp idp, int count) {
        RSAKey attacker;
        try {
            attacker = new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return IntStream.range(0, count).parallel()
                .mapToObj(i -> idp.issueTokenSignedBy(EmbeddedIdp.CLIENT1,
                        new RSAKey.Builder(attacker).keyID("forged-" + UUID.randomUUID()).build()))
                .toList();
    }
}
