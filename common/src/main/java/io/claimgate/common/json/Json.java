package io.claimgate.common.json;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reading claims out of parsed JSON ({@link JsonObjectParser}): dotted claim paths such as
 * {@code realm_access.roles}, and claims as lists of strings. No JSON library: this runs in the
 * login jar, which carries none.
 */
public final class Json {
    private Json() {
    }

    /**
     * The value at a claim name, or at a dotted path when the name itself is not a key
     * ({@code realm_access.roles} → {@code claims.realm_access.roles}). A literal key with dots
     * wins over a path, because some IdPs use URLs as claim names.
     */
    public static Optional<Object> at(Map<String, ?> object, String nameOrPath) {
        Object value = object.get(nameOrPath);   // one lookup for a claim that is there (the usual case)
        if (value != null || object.containsKey(nameOrPath)) {
            return Optional.ofNullable(value);
        }
        if (nameOrPath.indexOf('.') < 0) {
            return Optional.empty();
        }
        Object current = object;
        for (String part : nameOrPath.split("\\.")) {
            if (!(current instanceof Map<?, ?>) || !((Map<?, ?>) current).containsKey(part)) {
                return Optional.empty();
            }
            current = ((Map<?, ?>) current).get(part);
        }
        return Optional.ofNullable(current);
    }

    /**
     * A claim as a list of strings: a JSON array (each non-null element as it is), or a string
     * split on U+0020 spaces, or on commas if it has no space. Groups are read so; scopes are not
     * ({@code ScopeClaim}: a comma belongs to a scope). Nothing is trimmed: a tab, a line break or
     * another space stays inside its element, where the name rules refuse it, instead of vanishing
     * and turning the name into another one. Empty elements (two separators in a row, or one at
     * an end) are skipped: they name nothing.
     */
    public static List<String> stringList(Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?>) {
            List<?> list = (List<?>) value;
            List<String> strings = new ArrayList<>(list.size());
            for (Object item : list) {
                if (item != null) {
                    strings.add(String.valueOf(item));
                }
            }
            return Collections.unmodifiableList(strings);
        }
        String text = String.valueOf(value);
        // A hand-written split rather than a regex: this runs for every validated token on a broker
        // network thread, and a Pattern.split was ~1 % of a whole RS256 validation.
        char separator = text.indexOf(' ') < 0 ? ',' : ' ';
        return split(text, separator, separator);
    }

    /**
     * {@code text} split on either of two separator characters (pass the same one twice for one),
     * without empty words and without trimming anything. A hand-written loop rather than a regex:
     * this runs for every validated token on a broker network thread.
     */
    public static List<String> split(String text, char separator, char otherSeparator) {
        List<String> words = new ArrayList<>(4);
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == separator || text.charAt(i) == otherSeparator) {
                if (i > start) {
                    words.add(text.substring(start, i));
                }
                start = i + 1;
            }
        }
        return List.copyOf(words);
    }
}
