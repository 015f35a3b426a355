package io.claimgate.cli.policy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Claim values written in YAML, typed as the broker sees them in a token (JSON numbers are Long or Double). */
final class ClaimValues {
    private ClaimValues() {
    }

    static Object asToken(Object value) {
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof java.math.BigInteger big) {
            return big.longValue();
        }
        if (value instanceof Float f) {
            return f.doubleValue();
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(item -> out.add(asToken(item)));
            return out;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), asToken(v)));
            return out;
        }
        if (value instanceof java.util.Date date) {
            return date.toInstant().getEpochSecond();
        }
        return value;
    }
}
