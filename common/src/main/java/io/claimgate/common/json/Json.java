package io.claimgate.common.json;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * JSON helpers on top of Nimbus' bundled parser, so claimgate carries no second JSON library.
 * Also resolves dotted claim paths such as {@code realm_access.roles}.
 */
public final class Json {
    private Json() {
    }

    /** One JSON object; never null (Nimbus returns null for the text {@code null}). */
    public static Map<String, Object> parseObject(String json) throws ParseException {
        Map<String, Object> object = JSONObjectUtils.parse(json);
        if (object == null) {
            throw new ParseException("expected a JSON object, found null", 0);
        }
        return object;
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
        // A hand-written split rather than a regex: this runs for every validated token (scopes) on
        // a broker network thread, and a Pattern.split was ~1 % of a whole RS256 validation.
        return split(text, text.indexOf(' ') < 0);
    }

    /**
     * {@code text} (trimmed, not empty) split into words, exactly as the regular expressions
     * {@code \s+} (text with a space) or {@code ,\s*} (without) would with {@code String.split}:
     * on runs of whitespace (space, tab, CR, LF, form feed, vertical tab), or on a comma and any
     * whitespace after it.
     * Empty words between two commas are kept; a trailing comma adds none.
     */
    private static List<String> split(String text, boolean onCommas) {
        List<String> words = new ArrayList<>(4);
        int start = 0;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (onCommas ? c == ',' : isSpace(c)) {
                words.add(text.substring(start, i));
                i++;
                while (i < text.length() && isSpace(text.charAt(i))) {
                    i++;
                }
                start = i;
            } else {
                i++;
            }
        }
        if (start < text.length()) {
            words.add(text.substring(start));
        }
        while (!words.isEmpty() && words.get(words.size() - 1).isEmpty()) {
            words.remove(words.size() - 1);   // as String.split: no trailing empty words
        }
        return List.copyOf(words);
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B;
    }
}
