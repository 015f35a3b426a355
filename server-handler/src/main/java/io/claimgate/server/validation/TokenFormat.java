package io.claimgate.server.validation;

import com.nimbusds.jose.JWSAlgorithm;
import java.util.Set;

/**
 * What one issuer's tokens may look like before any claim is read.
 *
 * @param maxBytes          largest token accepted ({@code oauth.max.token.bytes})
 * @param algorithms        JWS algorithms accepted; never {@code none}, never HMAC
 * @param types             accepted JWT {@code typ} values ({@code oauth.allowed.token.types}); empty = not checked
 */
public record TokenFormat(int maxBytes, Set<JWSAlgorithm> algorithms, Set<String> types) {

    public TokenFormat {
        algorithms = Set.copyOf(algorithms);
        types = Set.copyOf(types);
    }
}
