package io.claimgate.common.json;

import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A strict, bounded parser for one JSON object (RFC 8259), for the header and claims of every token
 * a broker validates: Nimbus' {@code JSONObjectUtils.parse} (bundled Gson) costs several
 * microseconds per token, a noticeable share of a validation (docs/BENCHMARKS.md). Everything else
 * in claimgate still parses JSON with Nimbus ({@link Json#parseObject}).
 *
 * <p>It returns the same values as {@code JSONObjectUtils.parse}: objects as maps (here
 * an immutable {@link JsonObject}, in document order), arrays as {@link ArrayList}, strings, {@link Boolean},
 * {@code null}, and numbers as {@link Long} when written without fraction or exponent and within
 * range, else {@link Double}. Where it differs, it is stricter:
 * <ul>
 *   <li>a key may appear only once in every object (Nimbus rejects duplicates only at the top
 *       level and keeps the last value in nested objects): two values for one claim would let two
 *       readers of the same token disagree;</li>
 *   <li>objects and arrays nest at most {@value #MAX_DEPTH} deep (Gson allows 255), so the
 *       recursion is bounded whatever a token contains.</li>
 * </ul>
 * Anything else that is not JSON is rejected: trailing data, comments, single quotes, unquoted
 * keys, control characters in strings, leading zeros, {@code NaN}, numbers out of double range.
 * Digits, hex digits and whitespace are ASCII only, as RFC 8259 has them: no fullwidth or other
 * Unicode digits in numbers or unicode escapes, no Unicode spaces between tokens.
 * Lone surrogates in unicode escapes are kept as they are, as Gson does. The input is bounded
 * by its caller (the token size limit), and the work is linear in its length.
 */
public final class JsonObjectParser {
    /** Deepest nesting of objects and arrays, the outermost object counting 1. */
    public static final int MAX_DEPTH = 32;

    private final String in;
    private final int length;
    private int pos;

    private JsonObjectParser(String in) {
        this.in = in;
        this.length = in.length();
    }

    /** Parses {@code json}, which must be exactly one JSON object (whitespace around it allowed); a {@link JsonObject}. */
    public static Map<String, Object> parse(String json) throws ParseException {
        JsonObjectParser parser = new JsonObjectParser(json);
        parser.skipWhitespace();
        if (parser.pos >= parser.length || json.charAt(parser.pos) != '{') {
            throw parser.error("expected a JSON object");
        }
        JsonObject object = parser.object(1);
        parser.skipWhitespace();
        if (parser.pos != parser.length) {
            throw parser.error("trailing data after the JSON object");
        }
        return object;
    }

    private JsonObject object(int depth) throws ParseException {
        checkDepth(depth);
        pos++;   // '{'
        // A token's claims are one object of ~10-20 members: sized so that it does not grow on the way.
        JsonObject.Builder object = JsonObject.builder(depth == 1 ? 16 : 4);
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            return JsonObject.empty();
        }
        while (true) {
            skipWhitespace();
            expect('"');
            String key = key();
            skipWhitespace();
            expect(':');
            skipWhitespace();
            Object value = value(depth);
            if (!object.put(key, value)) {
                throw error("duplicate key");   // the key itself is token content: not quoted
            }
            skipWhitespace();
            char next = next();
            if (next == '}') {
                return object.build();
            }
            if (next != ',') {
                throw error("expected ',' or '}'");
            }
        }
    }

    private List<Object> array(int depth) throws ParseException {
        checkDepth(depth);
        pos++;   // '['
        List<Object> array = new ArrayList<>();
        skipWhitespace();
        if (peek() == ']') {
            pos++;
            return array;
        }
        while (true) {
            skipWhitespace();
            array.add(value(depth));
            skipWhitespace();
            char next = next();
            if (next == ']') {
                return array;
            }
            if (next != ',') {
                throw error("expected ',' or ']'");
            }
        }
    }

    private Object value(int depth) throws ParseException {
        char c = peek();
        switch (c) {
            case '{':
                return object(depth + 1);
            case '[':
                return array(depth + 1);
            case '"':
                pos++;
                return string();
            case 't':
                return literal("true", Boolean.TRUE);
            case 'f':
                return literal("false", Boolean.FALSE);
            case 'n':
                return literal("null", null);
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return number();
                }
                throw error("unexpected character");
        }
    }

    /** A member name, after its opening quote: a well-known name comes back as its shared constant. */
    private String key() throws ParseException {
        int start = pos;
        int hash = 0;   // as String.hashCode computes it
        while (pos < length) {
            char c = in.charAt(pos);
            if (c == '"') {
                String known = KnownNames.find(in, start, pos, hash);
                String key = known != null ? known : in.substring(start, pos);
                pos++;   // the closing quote
                return key;
            }
            if (c == '\\' || c < 0x20) {
                pos = start;
                return string();   // escapes and errors: the general path
            }
            hash = 31 * hash + c;
            pos++;
        }
        throw error("unterminated string");
    }

    /** After the opening quote; the common case (no escapes) is one scan and one substring. */
    private String string() throws ParseException {
        int start = pos;
        while (pos < length) {
            char c = in.charAt(pos);
            if (c == '"') {
                return in.substring(start, pos++);
            }
            if (c == '\\') {
                return escapedString(start);
            }
            if (c < 0x20) {
                throw error("control character in a string");
            }
            pos++;
        }
        throw error("unterminated string");
    }

    private String escapedString(int start) throws ParseException {
        StringBuilder text = new StringBuilder(pos - start + 16).append(in, start, pos);
        while (pos < length) {
            char c = in.charAt(pos++);
            if (c == '"') {
                return text.toString();
            }
            if (c < 0x20) {
                throw error("control character in a string");
            }
            text.append(c == '\\' ? escape() : c);
        }
        throw error("unterminated string");
    }

    private char escape() throws ParseException {
        char c = next();
        switch (c) {
            case '"':
            case '\\':
            case '/':
                return c;
            case 'b':
                return '\b';
            case 'f':
                return '\f';
            case 'n':
                return '\n';
            case 'r':
                return '\r';
            case 't':
                return '\t';
            case 'u':
                return unicodeEscape();
            default:
                throw error("invalid escape sequence");
        }
    }

    private char unicodeEscape() throws ParseException {
        if (pos + 4 > length) {
            throw error("truncated unicode escape");
        }
        int value = 0;
        for (int i = 0; i < 4; i++) {
            int digit = hexDigit(in.charAt(pos++));
            if (digit < 0) {
                throw error("invalid unicode escape");
            }
            value = value * 16 + digit;
        }
        return (char) value;
    }

    /**
     * ASCII hex digits only (RFC 8259 §7): {@code Character.digit} also takes fullwidth and other
     * Unicode digits, which gave one character several spellings (backslash-u {@code 00e9}, and the
     * same with the zeros written as U+FF10 FULLWIDTH DIGIT ZERO).
     */
    private static int hexDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    private Object number() throws ParseException {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        int digitsStart = pos;
        if (peek() == '0') {
            pos++;
        } else if (digits() == 0) {
            throw error("invalid number");
        }
        boolean integral = true;
        if (peek() == '.') {
            integral = false;
            pos++;
            if (digits() == 0) {
                throw error("invalid number");
            }
        }
        char c = peek();
        if (c == 'e' || c == 'E') {
            integral = false;
            pos++;
            c = peek();
            if (c == '+' || c == '-') {
                pos++;
            }
            if (digits() == 0) {
                throw error("invalid number");
            }
        }
        c = peek();
        if (c >= '0' && c <= '9') {
            throw error("leading zero in a number");   // "01": the '0' branch stopped before the '1'
        }
        if (integral && pos - digitsStart <= 18) {
            return smallInteger(start, digitsStart);
        }
        return integral ? largeInteger(in.substring(start, pos)) : decimal(in.substring(start, pos));
    }

    /** Up to 18 digits always fit a long: no parse of a substring needed. */
    private Long smallInteger(int start, int digitsStart) {
        long value = 0;
        for (int i = digitsStart; i < pos; i++) {
            value = value * 10 + (in.charAt(i) - '0');
        }
        return digitsStart > start ? -value : value;
    }

    /** As Gson's {@code LONG_OR_DOUBLE}: a long if it fits, else a double. */
    private Object largeInteger(String text) throws ParseException {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return decimal(text);
        }
    }

    private Double decimal(String text) throws ParseException {
        double value = Double.parseDouble(text);   // the grammar was checked above: cannot throw
        if (Double.isInfinite(value)) {
            throw error("number out of range");
        }
        return value;
    }

    private int digits() {
        int start = pos;
        while (pos < length) {
            char c = in.charAt(pos);
            if (c < '0' || c > '9') {
                break;
            }
            pos++;
        }
        return pos - start;
    }

    private Object literal(String word, Object value) throws ParseException {
        if (!in.startsWith(word, pos)) {
            throw error("unexpected character");
        }
        pos += word.length();
        return value;
    }

    private void checkDepth(int depth) throws ParseException {
        if (depth > MAX_DEPTH) {
            throw error("nested deeper than " + MAX_DEPTH);
        }
    }

    private void skipWhitespace() {
        while (pos < length) {
            char c = in.charAt(pos);
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                return;
            }
            pos++;
        }
    }

    /** The current character, or 0 at the end (never valid where a character is expected). */
    private char peek() {
        return pos < length ? in.charAt(pos) : 0;
    }

    private char next() throws ParseException {
        if (pos >= length) {
            throw error("unexpected end of input");
        }
        return in.charAt(pos++);
    }

    private void expect(char c) throws ParseException {
        if (next() != c) {
            pos--;
            throw error("expected '" + c + "'");
        }
    }

    /** Messages never quote the input: it is token content. */
    private ParseException error(String what) {
        return new ParseException("invalid JSON at offset " + pos + ": " + what, pos);
    }
}
