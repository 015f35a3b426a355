package io.claimgate.server.principal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.claimgate.policy.OAuthKafkaPrincipal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Fuzzes the wire form of a principal that a broker forwards to the controller (KIP-590). Without
 * {@code JAZZER_FUZZ} this runs the seeds in {@code PrincipalCodecFuzzTestInputs/<method>/}.
 */
class PrincipalCodecFuzzTest {

    /** Any principal a token can produce comes back unchanged: type, name, groups, scopes, claims, flag. */
    @FuzzTest(maxDuration = "3m")
    void roundTrip(FuzzedDataProvider data) {
        OAuthKafkaPrincipal principal = new OAuthKafkaPrincipal(data.pickValue(List.of("User", "Group")),
                data.consumeString(64), strings(data), new HashSet<>(strings(data)), claims(data, 0));
        principal.tokenAuthenticated(data.consumeBoolean());
        byte[] bytes;
        try {
            bytes = PrincipalCodec.encode(principal);
        } catch (SerializationException e) {
            assertTrue(hasUnpairedSurrogate(List.of(principal.getPrincipalType(), principal.getName(), principal.groups(),
                    List.copyOf(principal.scopes()), principal.claims())), "refused to encode " + principal);
            return;
        }
        assertTrue(PrincipalCodec.isOurs(bytes));
        assertSame(principal, PrincipalCodec.decode(bytes));
    }

    /**
     * What {@code OAuthPrincipalBuilder.deserialize} does with bytes that start with the magic:
     * a principal or {@link SerializationException}, nothing else; and what it decodes can be
     * encoded again, to the same principal (it never accepts what {@code encode} cannot write).
     */
    @FuzzTest(maxDuration = "3m")
    void decode(byte[] input) {
        if (!PrincipalCodec.isOurs(input)) {
            return;
        }
        OAuthKafkaPrincipal decoded;
        try {
            decoded = PrincipalCodec.decode(input);
        } catch (SerializationException e) {
            return;
        }
        assertSame(decoded, PrincipalCodec.decode(PrincipalCodec.encode(decoded)));
    }

    /** Whether some string in a tree of lists and maps (keys too) has an unpaired surrogate: not UTF-8-encodable. */
    private static boolean hasUnpairedSurrogate(Object value) {
        if (value instanceof String text) {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else if (Character.isSurrogate(c)) {
                    return true;
                }
            }
            return false;
        }
        if (value instanceof List<?> list) {
            return list.stream().anyMatch(PrincipalCodecFuzzTest::hasUnpairedSurrogate);
        }
        if (value instanceof Map<?, ?> map) {
            return map.keySet().stream().anyMatch(PrincipalCodecFuzzTest::hasUnpairedSurrogate)
                    || map.values().stream().anyMatch(PrincipalCodecFuzzTest::hasUnpairedSurrogate);
        }
        return false;
    }

    private static void assertSame(OAuthKafkaPrincipal expected, OAuthKafkaPrincipal actual) {
        assertEquals(expected.getPrincipalType(), actual.getPrincipalType());
        assertEquals(expected.getName(), actual.getName());
        assertEquals(expected.groups(), actual.groups());
        assertEquals(expected.scopes(), actual.scopes());
        assertEquals(expected.claims(), actual.claims());
        assertEquals(expected.tokenAuthenticated(), actual.tokenAuthenticated());
    }

    private static List<String> strings(FuzzedDataProvider data) {
        List<String> strings = new ArrayList<>();
        for (int i = data.consumeInt(0, 4); i > 0; i--) {
            strings.add(data.consumeString(32));
        }
        return strings;
    }

    /** Claims as a token's JSON has them: no top-level nulls (JwtClaims leaves them out). */
    private static Map<String, Object> claims(FuzzedDataProvider data, int depth) {
        Map<String, Object> claims = new LinkedHashMap<>();
        for (int i = data.consumeInt(0, 4); i > 0; i--) {
            Object value = value(data, depth);
            if (value != null || depth > 0) {
                claims.put(data.consumeString(16), value);
            }
        }
        return claims;
    }

    private static Object value(FuzzedDataProvider data, int depth) {
        switch (data.consumeInt(0, depth < 3 ? 6 : 4)) {
            case 0:
                return data.consumeString(32);
            case 1:
                return data.consumeLong();
            case 2: {
                double d = data.consumeRegularDouble();
                return d;
            }
            case 3:
                return data.consumeBoolean();
            case 4:
                return null;
            case 5: {
                List<Object> list = new ArrayList<>();
                for (int i = data.consumeInt(0, 3); i > 0; i--) {
                    list.add(value(data, depth + 1));
                }
                return list;
            }
            default:
                return claims(data, depth + 1);
        }
    }
}
