package io.claimgate.server.validation;

import com.nimbusds.jose.JWSAlgorithm;
import java.util.List;

/**
 * Step 3: the keys that may have signed a token. Never looks at key material carried or pointed
 * to by the token itself ({@code jwk}, {@code jku}, {@code x5c}, {@code x5u}).
 */
public interface KeySelector {

    /**
     * One or more candidate keys, each compatible with {@code algorithm}; never empty.
     *
     * @param kid the token's {@code kid}, or null
     */
    List<VerificationKey> select(String kid, JWSAlgorithm algorithm) throws TokenValidationException;
}
