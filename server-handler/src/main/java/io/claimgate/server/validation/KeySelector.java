package io.claimgate.server.validation;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWK;
import java.util.List;

/**
 * Step 3: the keys that may have signed a token. Never looks at key material carried or pointed
 * to by the token itself ({@code jwk}, {@code jku}, {@code x5c}, {@code x5u}).
 */
public interface KeySelector {

    /** One or more candidate keys, each compatible with {@code algorithm}; never empty. */
    List<JWK> select(JWSHeader header, JWSAlgorithm algorithm) throws TokenValidationException;
}
