package io.claimgate.server.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import io.claimgate.server.jwks.JwksSnapshot;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyIndexTest {

    @Test
    void indexesBySnapshotIdentityAndKid() throws Exception {
        JWK rsa = new RSAKeyGenerator(2048).keyID("shared").generate().toPublicJWK();
        JWK ec = new ECKeyGenerator(Curve.P_256).keyID("shared").generate().toPublicJWK();
        JWK anonymous = new ECKeyGenerator(Curve.P_256).generate().toPublicJWK();
        JwksSnapshot snapshot = new JwksSnapshot(List.of(rsa, ec, anonymous), Instant.now());
        KeyIndex index = KeyIndex.of(snapshot);

        assertTrue(index.indexes(snapshot));
        assertTrue(!index.indexes(new JwksSnapshot(snapshot.keys(), snapshot.fetchedAt())), "by identity");
        assertEquals(List.of(rsa, ec), index.named("shared").stream().map(VerificationKey::jwk).toList());
        assertEquals(3, index.all().size());
        assertEquals(List.of(), index.named("other"));
        assertNotNull(index.named("shared").get(0).publicKey());
    }

    @Test
    void unusableKeysCarryTheirReason() throws Exception {
        JWK weak = new RSAKeyGenerator(1024, true).keyID("weak").generate().toPublicJWK();
        VerificationKey key = KeyIndex.of(new JwksSnapshot(List.of(weak), Instant.now())).named("weak").get(0);
        assertNull(key.publicKey());
        assertTrue(key.problem().contains("fewer than 2048"), key.problem());
    }
}
