package io.claimgate.common.json;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * JSON helpers on top of Nimbus' bundled parser, so claimgate carries no second JSON library.
 * Also resolves dotted claim paths such as {@code realm_access.roles}.
 */
public final class Json {
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern COMMAS = Pattern.compile(",\\s*");
    private Json() {
    }

    public static Map<String, Object> parseObject(String json) throws ParseException {
        return JSONObjectUtils.parse(json);
    }

    public static String toJson(Map<String, ?> object) {
        return JSONObjectUtils.toJSONString(object);
    }

    /**
     * The value at a claim name, or at a dotted path when the name itself is not a key
     * ({@code realm_access.roles} → {@code claims.realm_access.roles}). A literal key with dots
     * wins over a path, because some IdPs use URLs as claim names.
     */
    public static Optional<Object> at(Map<String, ?> object, String nameOrPath) {
        if (object.containsKey(nameOrPath)) {
            return Optional.ofNullable(object.get(nameOrPath));
        }
        Object current = object;
        for (String part : nameOrPath.split("\\.")) {
            if (!(current instanceof Map<?, ?> map) || !map.containsKey(part)) {
                return Optional.empty();
            }
            current = map.get(part);
        }
        return Optional.ofNullable(current);
    }

    /**
     * A claim as a list of strings: a JSON array of strings, or a string split on spaces (as the
     * OAuth {@code scope} claim is) — or commas if it has no spaces.
     */
    public static List<String> stringList(Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list) {
            List<String> strings = new ArrayList<>(list.size());
            for (Object item : list) {
                if (item != null) {
                    strings.add(String.valueOf(item));
                }
            }
            return Collections.unmodifiableList(strings);
        }
        String text = String.valueOf(value).trim();
        if (text.isEmpty()) {
            return List.of();
        }
        // Compiled once: String.split compiles a regex on every call, and this runs for every
        // validated token (scopes) on a broker network thread.
        return List.of((text.indexOf(' ') >= 0 ? SPACES : COMMAS).split(text));
    }
}
