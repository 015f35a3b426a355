package io.claimgate.server.principal;

import com.nimbusds.jose.util.JSONObjectUtils;
import io.claimgate.common.json.Json;
import io.claimgate.policy.OAuthKafkaPrincipal;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.errors.SerializationException;

/**
 * The wire form of an {@link OAuthKafkaPrincipal} inside requests a broker forwards to the
 * controller (KIP-590 envelopes): a 4-byte magic {@code CGP1} followed by UTF-8 JSON with type,
 * name, token flag, groups, scopes and claims. The magic cannot collide with Kafka's default
 * format, which starts with a zero version short, so both can be told apart on read.
 *
 * <p>The UTF-8 is strict both ways: a name with an unpaired surrogate (from a JSON escape in a
 * token) would otherwise reach the controller as {@code ?}, a different principal; such a
 * principal cannot be forwarded at all ({@link SerializationException}).
 */
public final class PrincipalCodec {
    private static final byte[] MAGIC = {'C', 'G', 'P', '1'};

    private PrincipalCodec() {
    }

    public static boolean isOurs(byte[] bytes) {
        return bytes != null && bytes.length >= MAGIC.length
                && Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length);
    }

    public static byte[] encode(OAuthKafkaPrincipal principal) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", principal.getPrincipalType());
        json.put("name", principal.getName());
        json.put("tokenAuthenticated", principal.tokenAuthenticated());
        json.put("groups", principal.groups());
        json.put("scopes", List.copyOf(principal.scopes()));
        json.put("claims", principal.claims());
        byte[] body = utf8(JSONObjectUtils.toJSONString(json));
        byte[] out = Arrays.copyOf(MAGIC, MAGIC.length + body.length);
        System.arraycopy(body, 0, out, MAGIC.length, body.length);
        return out;
    }

    public static OAuthKafkaPrincipal decode(byte[] bytes) {
        String body = text(bytes);
        try {
            Map<String, Object> json = JSONObjectUtils.parse(body);
            if (json == null) {   // the text null
                throw new ParseException("expected a JSON object, found null", 0);
            }
            utf8(JSONObjectUtils.toJSONString(json));   // only a JSON escape can carry an unpaired surrogate: refused as encode refuses it
            Object type = json.get("type");
            Object name = json.get("name");
            if (!(type instanceof String) || !(name instanceof String)) {
                throw new SerializationException("claimgate principal without type or name");
            }
            Object claims = json.get("claims");
            @SuppressWarnings("unchecked")
            Map<String, Object> claimMap = claims instanceof Map<?, ?> ? (Map<String, Object>) claims : Map.of();
            if (claims instanceof Map<?, ?> parsed && parsed.containsValue(null)) {
                // never encoded: a token's top-level null claims are left out
                throw new SerializationException("claimgate principal with a null claim");
            }
            OAuthKafkaPrincipal principal = new OAuthKafkaPrincipal((String) type, (String) name,
                    Json.stringList(json.get("groups")), Set.copyOf(Json.stringList(json.get("scopes"))),
                    claimMap);
            principal.tokenAuthenticated(Boolean.TRUE.equals(json.get("tokenAuthenticated")));
            return principal;
        } catch (ParseException e) {
            throw new SerializationException("claimgate principal is not valid JSON: " + e.getMessage());
        }
    }

    private static byte[] utf8(String json) {
        try {
            ByteBuffer encoded = StandardCharsets.UTF_8.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).encode(CharBuffer.wrap(json));
            return Arrays.copyOf(encoded.array(), encoded.limit());
        } catch (CharacterCodingException e) {
            throw new SerializationException("claimgate principal with an unpaired surrogate (not forwardable as UTF-8)");
        }
    }

    private static String text(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, MAGIC.length, bytes.length - MAGIC.length)).toString();
        } catch (CharacterCodingException e) {
            throw new SerializationException("claimgate principal is not valid UTF-8");
        }
    }
}
