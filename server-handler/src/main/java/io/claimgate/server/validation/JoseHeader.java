package io.claimgate.server.validation;

import io.claimgate.common.text.Sanitizer;
import com.nimbusds.jose.JWSAlgorithm;
import io.claimgate.server.validation.TokenValidationException.Reason;
import java.util.Map;

/**
 * The parts of a JWS header the pipeline uses, read once from its JSON. Header parameters that
 * point at keys ({@code jku}, {@code x5u}, {@code jwk}, {@code x5c}) are not even read: keys come
 * only from the configured JWKS.
 *
 * <p>Refused here, before anything else looks at the token:
 * <ul>
 *   <li>{@code crit}: claimgate understands no critical header parameter, and RFC 7515 §4.1.11
 *       requires rejecting a token that names one the recipient does not understand (an empty
 *       list is not allowed either);</li>
 *   <li>{@code b64: false} (RFC 7797, unencoded payload): the signature would cover the raw
 *       payload, not what we decode;</li>
 *   <li>{@code alg}, {@code kid}, {@code typ} of a type other than string.</li>
 * </ul>
 *
 * @param algorithm the {@code alg}, not yet checked against the allow-list
 * @param keyId     {@code kid}, or null
 * @param type      {@code typ}, or null
 */
public record JoseHeader(JWSAlgorithm algorithm, String keyId, String type) {

    /** A JWS header: {@code alg: none} and JWE headers must have been sorted out by the caller. */
    static JoseHeader of(Map<String, Object> json) throws TokenValidationException {
        Object crit = json.get("crit");
        if (crit != null) {
            throw new TokenValidationException(Reason.MALFORMED, "critical header parameter(s) "
                    + Sanitizer.sanitize(String.valueOf(crit), 80) + " not understood (crit, RFC 7515 4.1.11)");
        }
        Object b64 = json.get("b64");
        if (b64 != null && !Boolean.TRUE.equals(b64)) {
            throw new TokenValidationException(Reason.MALFORMED,
                    "unencoded payload (b64, RFC 7797) is not accepted; the payload must be base64url");
        }
        return new JoseHeader(JWSAlgorithm.parse(string(json, "alg")), string(json, "kid"), string(json, "typ"));
    }

    private static String string(Map<String, Object> json, String name) throws TokenValidationException {
        Object value = json.get(name);
        if (value == null || value instanceof String) {
            return (String) value;
        }
        throw new TokenValidationException(Reason.MALFORMED, "header parameter '" + name + "' is not a string");
    }
}
