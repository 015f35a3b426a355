package io.claimgate.server.validation;

import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.claimgate.server.validation.TokenValidationException.Reason;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;

/**
 * Step 1: from text to a signed JWT. Checks the size before parsing (parsing cost grows with the
 * token) and lets only JWS through: unsigned tokens ({@code alg: none}) are forgeable by anyone,
 * and encrypted ones are not something a broker can be configured to decrypt.
 */
public final class TokenParser {
    private final int maxTokenBytes;

    public TokenParser(int maxTokenBytes) {
        this.maxTokenBytes = maxTokenBytes;
    }

    public SignedJWT parse(String token) throws TokenValidationException {
        checkSize(token);
        JWT jwt;
        try {
            jwt = JWTParser.parse(token);
        } catch (ParseException | RuntimeException e) {
            // Nimbus' message may quote parts of the token; say what is wrong in our own words.
            throw new TokenValidationException(Reason.MALFORMED, describeGarbage(token));
        }
        if (jwt instanceof PlainJWT) {
            throw new TokenValidationException(Reason.UNSIGNED, "unsigned token (alg 'none') is never accepted");
        }
        if (jwt instanceof EncryptedJWT) {
            throw new TokenValidationException(Reason.ENCRYPTED, "encrypted token (JWE) is not accepted; a signed JWT is expected");
        }
        if (jwt instanceof SignedJWT signed) {
            return signed;
        }
        throw new TokenValidationException(Reason.MALFORMED, "not a signed JWT");
    }

    /** Empty and oversized tokens are refused before any parsing (parsing cost grows with size). */
    public void checkSize(String token) throws TokenValidationException {
        if (token == null || token.isBlank()) {
            throw new TokenValidationException(Reason.MALFORMED, "empty token");
        }
        // Kafka only passes ASCII tokens, but count bytes anyway: the limit is documented in bytes.
        if (token.length() > maxTokenBytes || token.getBytes(StandardCharsets.UTF_8).length > maxTokenBytes) {
            throw new TokenValidationException(Reason.TOO_LARGE, "token is larger than " + maxTokenBytes
                    + " bytes (oauth.max.token.bytes)");
        }
    }

    private static String describeGarbage(String token) {
        long dots = token.chars().filter(c -> c == '.').count();
        if (dots != 2 && dots != 4) {
            return "not a JWT: expected 3 parts separated by dots, found " + (dots + 1);
        }
        return "not a JWT: header or payload is not base64url-encoded JSON with an 'alg'";
    }
}
