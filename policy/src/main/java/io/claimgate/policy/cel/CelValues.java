package io.claimgate.policy.cel;

import com.google.protobuf.NullValue;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts JSON-like Java values (as a token's claims arrive from the JSON parser) into the Java
 * types CEL's runtime works with. Without this, {@code claims.level > 2} would fail on an
 * {@code Integer} claim with "no matching overload" although the policy is correct.
 */
public final class CelValues {
    private CelValues() {
    }

    public static Map<String, Object> normalizeMap(Map<String, ?> map) {
        if (map == null || map.isEmpty()) {
            return Map.of();
        }
        Map<String, Object> out = new HashMap<>(map.size() * 2);
        map.forEach((k, v) -> {
            if (k != null) {
                out.put(k, normalize(v));
            }
        });
        return Map.copyOf(out);
    }

    public static Object normalize(Object value) {
        if (value == null) {
            return NullValue.NULL_VALUE;
        }
        if (value instanceof String || value instanceof Boolean || value instanceof Long || value instanceof Double) {
            return value;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Float) {
            return ((Float) value).doubleValue();
        }
        if (value instanceof BigInteger) {
            BigInteger big = (BigInteger) value;
            return big.bitLength() < 64 ? (Object) big.longValue() : big.doubleValue();
        }
        if (value instanceof BigDecimal) {
            return ((BigDecimal) value).doubleValue();
        }
        if (value instanceof Map<?, ?>) {
            Map<?, ?> map = (Map<?, ?>) value;
            Map<String, Object> out = new HashMap<>(map.size() * 2);
            map.forEach((k, v) -> {
                if (k != null) {
                    out.put(String.valueOf(k), normalize(v));
                }
            });
            return Map.copyOf(out);
        }
        if (value instanceof Collection<?>) {
            Collection<?> collection = (Collection<?>) value;
            List<Object> out = new ArrayList<>(collection.size());
            for (Object item : collection) {
                out.add(normalize(item));
            }
            return List.copyOf(out);
        }
        if (value instanceof Object[]) {
            return normalize(java.util.Arrays.asList((Object[]) value));
        }
        // Dates and other objects have no JSON form in a token; CEL sees their text.
        return String.valueOf(value);
    }
}
