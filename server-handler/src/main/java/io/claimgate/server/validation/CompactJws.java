package io.claimgate.server.validation;

import io.claimgate.common.json.JsonObjectParser;
import io.claimgate.server.validation.TokenValidationException.Reason;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Map;

/**
 * A signed JWT in compact serialisation, split once ({@link TokenParser}): its header parsed, its
 * payload and signature decoded only when asked for. Every part must be canonical base64url
 * ({@link CanonicalBase64Url}), so a token has one spelling (not with Nimbus' constant-time
 * decoder: it is meant for secrets and costs ~10x more, and a token's parts are public).
 *
 * <p>One instance per validation, used by one thread: the claims are parsed at most once, whether
 * the router needs {@code iss} before the signature is checked or the validator after.
 */
public final class CompactJws {
    private final byte[] ascii;
    private final int headerEnd;
    private final int payloadEnd;
    private final JoseHeader header;
    private JwtClaims claims;

    /**
     * @param ascii      the token's characters as bytes ({@code US-ASCII}; any other character became
     *                   {@code ?}, which no base64url part contains, so such a token cannot pass)
     * @param headerEnd  index of the first dot
     * @param payloadEnd index of the second (last) dot
     */
    CompactJws(byte[] ascii, int headerEnd, int payloadEnd, JoseHeader header) {
        this.ascii = ascii;
        this.headerEnd = headerEnd;
        this.payloadEnd = payloadEnd;
        this.header = header;
    }

    public JoseHeader header() {
        return header;
    }

    /** The bytes the signature covers are {@code signed()[0 .. signingInputLength())}: header "." payload. */
    byte[] signed() {
        return ascii;
    }

    int signingInputLength() {
        return payloadEnd;
    }

    /** The decoded signature; {@link IllegalArgumentException} (saying why) if it is not canonical base64url. */
    byte[] signature() {
        return CanonicalBase64Url.decode(ascii, payloadEnd + 1, ascii.length);
    }

    /**
     * The claims, parsed on first use. The payload is plain data until the signature verified:
     * anything read from it before (the router's {@code iss}) may only choose, never decide.
     */
    public JwtClaims claims() throws TokenValidationException {
        if (claims == null) {
            try {
                byte[] payload = CanonicalBase64Url.decode(ascii, headerEnd + 1, payloadEnd);
                claims = JwtClaims.of(JsonObjectParser.parse(utf8(payload)), payload);
            } catch (IllegalArgumentException e) {
                throw new TokenValidationException(Reason.MALFORMED, "payload is not canonical base64url: "
                        + e.getMessage());
            } catch (ParseException e) {
                throw new TokenValidationException(Reason.MALFORMED, "payload is not a valid JWT claims set");
            }
        }
        return claims;
    }

    /**
     * One base64url-encoded JSON object: header or payload.
     *
     * @throws IllegalArgumentException not canonical base64url (the message says why)
     * @throws ParseException           not UTF-8, or not one JSON object
     */
    static Map<String, Object> json(byte[] ascii, int from, int to) throws ParseException {
        return JsonObjectParser.parse(utf8(CanonicalBase64Url.decode(ascii, from, to)));
    }

    /**
     * Strict UTF-8 (RFC 7519 §7.2): the JDK's {@code new String} turns every malformed sequence into
     * U+FFFD, so different bytes would read as the same claims. The strict decoder runs only for the
     * rare text that holds a U+FFFD (for ASCII text {@code indexOf} of a non-Latin-1 character is
     * free).
     */
    private static String utf8(byte[] bytes) throws ParseException {
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.indexOf('\uFFFD') >= 0) {
            try {
                StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            } catch (CharacterCodingException e) {
                throw new ParseException("not UTF-8", 0);
            }
        }
        return text;
    }
}
