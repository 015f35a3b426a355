package io.claimgate.server.validation;

import io.claimgate.server.validation.TokenValidationException.Reason;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Map;

/**
 * Step 1: from text to a signed JWT ({@link CompactJws}). Checks the size before parsing (parsing
 * cost grows with the token), splits the compact serialisation once and parses the header once
 * (or finds it among the headers parsed last: {@link HeaderMemo});
 * lets only JWS through: unsigned tokens ({@code alg: none}) are forgeable by anyone, and encrypted
 * ones are not something a broker can be configured to decrypt.
 */
public final class TokenParser {
    private final int maxTokenBytes;
    private final HeaderMemo headers = new HeaderMemo();

    public TokenParser(int maxTokenBytes) {
        this.maxTokenBytes = maxTokenBytes;
    }

    /** Size check, then {@link #split}. */
    public CompactJws parse(String token) throws TokenValidationException {
        checkSize(token);
        return split(token);
    }

    /**
     * For a token whose size was checked: MALFORMED (only) when it is not a JWT at all, which the
     * router takes as "maybe an opaque token" when an issuer introspects.
     */
    public CompactJws split(String token) throws TokenValidationException {
        int headerEnd = token.indexOf('.');
        int payloadEnd = headerEnd < 0 ? -1 : token.indexOf('.', headerEnd + 1);
        if (payloadEnd < 0) {
            throw new TokenValidationException(Reason.MALFORMED, describeGarbage(token));
        }
        // UTF-8, not US-ASCII: for the usual all-ASCII token the JDK's UTF-8 encoder is one array copy,
        // while its US-ASCII encoder checks every character (~130 ns more for an 800-character token).
        byte[] ascii = token.getBytes(StandardCharsets.UTF_8);
        if (ascii.length != token.length()) {
            // Every character outside ASCII encodes to several bytes, except a lone surrogate: it
            // becomes a '?' in place, which no base64url part accepts. Either way no JWT.
            throw new TokenValidationException(Reason.MALFORMED, "not a JWT: characters outside ASCII");
        }
        JoseHeader header = headers.get(ascii, headerEnd);
        if (header == null) {
            header = parseHeader(token, ascii, headerEnd);   // before counting parts: a JWE (5 parts) says so
            headers.put(ascii, headerEnd, header);
        }
        if (token.indexOf('.', payloadEnd + 1) >= 0) {
            throw new TokenValidationException(Reason.MALFORMED, describeGarbage(token));
        }
        return new CompactJws(ascii, headerEnd, payloadEnd, header);
    }

    private static JoseHeader parseHeader(String token, byte[] ascii, int headerEnd) throws TokenValidationException {
        Map<String, Object> header;
        try {
            header = CompactJws.json(ascii, 0, headerEnd);
        } catch (IllegalArgumentException e) {
            throw new TokenValidationException(Reason.MALFORMED, describeGarbage(token)
                    + " (header is not canonical base64url: " + e.getMessage() + ")");
        } catch (ParseException e) {
            throw new TokenValidationException(Reason.MALFORMED, describeGarbage(token));
        }
        if (!(header.get("alg") instanceof String alg)) {
            throw new TokenValidationException(Reason.MALFORMED, describeGarbage(token));
        }
        if ("none".equals(alg)) {
            throw new TokenValidationException(Reason.UNSIGNED, "unsigned token (alg 'none') is never accepted");
        }
        if (header.containsKey("enc")) {
            throw new TokenValidationException(Reason.ENCRYPTED, "encrypted token (JWE) is not accepted; a signed JWT is expected");
        }
        return JoseHeader.of(header);
    }

    /**
     * Empty and oversized tokens are refused before any parsing. The limit is in UTF-8 bytes; a
     * UTF-8 character has at most 3 bytes per Java char, so the bytes are only counted for a token
     * close to the limit — never copied.
     */
    public void checkSize(String token) throws TokenValidationException {
        if (token == null || token.isBlank()) {
            throw new TokenValidationException(Reason.MALFORMED, "empty token");
        }
        int chars = token.length();
        if (chars > maxTokenBytes || (chars > maxTokenBytes / 3 && utf8Length(token) > maxTokenBytes)) {
            throw new TokenValidationException(Reason.TOO_LARGE, "token is larger than " + maxTokenBytes
                    + " bytes (oauth.max.token.bytes)");
        }
    }

    static long utf8Length(String text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;   // a lone surrogate becomes '?' (1 byte): counting 3 only errs on the safe side
            }
        }
        return bytes;
    }

    private static String describeGarbage(String token) {
        long dots = token.chars().filter(c -> c == '.').count();
        if (dots != 2 && dots != 4) {
            return "not a JWT: expected 3 parts separated by dots, found " + (dots + 1);
        }
        return "not a JWT: header or payload is not base64url-encoded JSON with an 'alg'";
    }
}
