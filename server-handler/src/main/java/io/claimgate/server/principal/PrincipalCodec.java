package io.claimgate.server.principal;

import io.claimgate.common.json.Json;
import io.claimgate.server.OAuthKafkaPrincipal;
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
        byte[] body = Json.toJson(json).getBytes(StandardCharsets.UTF_8);
        byte[] out = Arrays.copyOf(MAGIC, MAGIC.length + body.length);
        System.arraycopy(body, 0, out, MAGIC.length, body.length);
        return out;
    }

    public static OAuthKafkaPrincipal decode(byte[] bytes) {
        String body = new String(bytes, MAGIC.length, bytes.length - MAGIC.length, StandardCharsets.UTF_8);
        try {
            Map<String, Object> json = Json.parseObject(body);
            Object type = json.get("type");
            Object name = json.get("name");
            if (!(type instanceof String) || !(name instanceof String)) {
                throw new SerializationException("claimgate principal without type or name");
            }
            Object claims = json.getOrDefault("claims", Map.of());
            @SuppressWarnings("unchecked")
            Map<String, Object> claimMap = claims instanceof Map<?, ?> ? (Map<String, Object>) claims : Map.of();
            OAuthKafkaPrincipal principal = new OAuthKafkaPrincipal((String) type, (String) name,
                    Json.stringList(json.get("groups")), Set.copyOf(Json.stringList(json.get("scopes"))),
                    claimMap);
            principal.tokenAuthenticated(Boolean.TRUE.equals(json.get("tokenAuthenticated")));
            return principal;
        } catch (ParseException e) {
            throw new SerializationException("claimgate principal is not valid JSON: " + e.getMessage());
        }
    }
}
