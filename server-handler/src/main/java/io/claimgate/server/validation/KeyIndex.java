package io.claimgate.server.validation;

import com.nimbusds.jose.jwk.JWK;
import io.claimgate.server.jwks.JwksSnapshot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One JWKS snapshot's keys, indexed by {@code kid} and converted to JCA keys once, when the
 * snapshot is first used, instead of searched per token. Immutable.
 */
final class KeyIndex {
    private final JwksSnapshot snapshot;
    private final List<VerificationKey> all;
    private final Map<String, List<VerificationKey>> byKid;

    private KeyIndex(JwksSnapshot snapshot, List<VerificationKey> all, Map<String, List<VerificationKey>> byKid) {
        this.snapshot = snapshot;
        this.all = all;
        this.byKid = byKid;
    }

    static KeyIndex of(JwksSnapshot snapshot) {
        List<VerificationKey> all = new ArrayList<>();
        Map<String, List<VerificationKey>> byKid = new HashMap<>();
        for (JWK jwk : snapshot.keys()) {
            VerificationKey key = VerificationKey.of(jwk);
            all.add(key);
            if (jwk.getKeyID() != null) {
                byKid.computeIfAbsent(jwk.getKeyID(), k -> new ArrayList<>()).add(key);
            }
        }
        Map<String, List<VerificationKey>> frozen = new HashMap<>();
        byKid.forEach((kid, keys) -> frozen.put(kid, List.copyOf(keys)));
        return new KeyIndex(snapshot, List.copyOf(all), Map.copyOf(frozen));
    }

    boolean indexes(JwksSnapshot other) {
        return snapshot == other;
    }

    List<VerificationKey> all() {
        return all;
    }

    /** The keys with this {@code kid} (an IdP may publish one kid for several key types); may be empty. */
    List<VerificationKey> named(String kid) {
        return byKid.getOrDefault(kid, List.of());
    }
}
