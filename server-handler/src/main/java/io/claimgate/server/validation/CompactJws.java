package io.claimgate.server.validation;

import io.claimgate.common.json.JsonObjectParser;
import io.claimgate.server.validation.TokenValidationException.Reason;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;

/**
 * A signed JWT in compact serialisation, split once ({@link TokenParser}): its header parsed, its
 * payload and signature decoded only when asked for, with the JDK's base64url decoder (Nimbus'
 * constant-time decoder is meant for secrets and costs ~10x more; a token's parts are public).
 *
 * <p>One instance per validation, used by one thread: the claims are parsed at most once, whether
 * the router needs {@code iss} before the signature is checked or the validator after.
 */
public final class CompactJws {
    private static final Base64.Decoder BASE64URL = Base64.getUrlDecoder();

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

    /** The decoded signature; {@link IllegalArgumentException} if it is not base64url. */
    byte[] signature() {
        return bytes(BASE64URL.decode(ByteBuffer.wrap(ascii, payloadEnd + 1, ascii.length - payloadEnd - 1)));
    }

    /**
     * The claims, parsed on first use. The payload is plain data until the signature verified:
     * anything read from it before (the router's {@code iss}) may only choose, never decide.
     */
    public JwtClaims claims() throws TokenValidationException {
        if (claims == null) {
            try {
                claims = JwtClaims.of(json(ascii, headerEnd + 1, payloadEnd));
            } catch (ParseException | IllegalArgumentException e) {
                throw new TokenValidationException(Reason.MALFORMED, "payload is not a valid JWT claims set");
            }
        }
        return claims;
    }

    /** One base64url-encoded JSON object: header or payload. */
    static Map<String, Object> json(byte[] ascii, int from, int to) throws ParseException {
        ByteBuffer decoded = BASE64URL.decode(ByteBuffer.wrap(ascii, from, to - from));
        return JsonObjectParser.parse(new String(decoded.array(), 0, decoded.limit(), StandardCharsets.UTF_8));
    }

    private static byte[] bytes(ByteBuffer decoded) {
        byte[] array = decoded.array();
        return decoded.limit() == array.length ? array : Arrays.copyOf(array, decoded.limit());
    }
}
