package io.claimgate.common.json;

import com.nimbusds.jose.shaded.gson.Strictness;
import com.nimbusds.jose.shaded.gson.stream.JsonReader;
import com.nimbusds.jose.shaded.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reference for {@link JsonObjectParserFuzzTest}: Gson's streaming reader (the one bundled in
 * Nimbus) in strict RFC 8259 mode, building the same value types as {@link JsonObjectParser} and
 * noting the two things {@code JsonObjectParser} refuses on top of RFC 8259: a duplicate key at
 * any level, and nesting deeper than {@link JsonObjectParser#MAX_DEPTH}.
 *
 * @param value      the parsed object, or null if Gson refused the text
 * @param duplicates whether some object had a key twice
 * @param depth      the deepest nesting of objects and arrays seen (outermost object = 1)
 */
record StrictReference(Map<String, Object> value, boolean duplicates, int depth) {

    static StrictReference parse(String text) {
        Walk walk = new Walk(new JsonReader(new StringReader(text)));
        try {
            walk.reader.setStrictness(Strictness.STRICT);
            if (walk.reader.peek() != JsonToken.BEGIN_OBJECT) {
                return new StrictReference(null, false, 0);
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> value = (Map<String, Object>) walk.value(1);
            if (walk.reader.peek() != JsonToken.END_DOCUMENT) {
                return new StrictReference(null, walk.duplicates, walk.depth);
            }
            return new StrictReference(value, walk.duplicates, walk.depth);
        } catch (IOException | IllegalStateException | NumberFormatException e) {
            // MalformedJsonException is an IOException; Gson's nesting limit (255) an IOException too
            return new StrictReference(null, walk.duplicates, walk.depth);
        }
    }

    /** Whether RFC 8259 accepts the text and it uses nothing JsonObjectParser refuses on top. */
    boolean acceptableToClaimgate() {
        return value != null && !duplicates && depth <= JsonObjectParser.MAX_DEPTH;
    }

    private static final class Walk {
        final JsonReader reader;
        boolean duplicates;
        int depth;

        Walk(JsonReader reader) {
            this.reader = reader;
        }

        Object value(int level) throws IOException {
            switch (reader.peek()) {
                case BEGIN_OBJECT -> {
                    depth = Math.max(depth, level);
                    Map<String, Object> object = new LinkedHashMap<>();
                    reader.beginObject();
                    while (reader.hasNext()) {
                        String key = reader.nextName();
                        Object item = value(level + 1);
                        if (object.containsKey(key)) {
                            duplicates = true;
                        }
                        object.put(key, item);
                    }
                    reader.endObject();
                    return object;
                }
                case BEGIN_ARRAY -> {
                    depth = Math.max(depth, level);
                    List<Object> array = new ArrayList<>();
                    reader.beginArray();
                    while (reader.hasNext()) {
                        array.add(value(level + 1));
                    }
                    reader.endArray();
                    return array;
                }
                case STRING -> {
                    return reader.nextString();
                }
                case NUMBER -> {
                    return number(reader.nextString());
                }
                case BOOLEAN -> {
                    return reader.nextBoolean();
                }
                case NULL -> {
                    reader.nextNull();
                    return null;
                }
                default -> throw new IOException("unexpected " + reader.peek());
            }
        }

        /** Gson's {@code ToNumberPolicy.LONG_OR_DOUBLE}, as Nimbus configures it; infinities are not JSON. */
        private static Object number(String text) throws IOException {
            if (text.indexOf('.') < 0 && text.indexOf('e') < 0 && text.indexOf('E') < 0) {
                try {
                    return Long.parseLong(text);
                } catch (NumberFormatException e) {
                    // too large for a long: a double, as below
                }
            }
            double value = Double.parseDouble(text);
            if (Double.isInfinite(value)) {
                throw new IOException("number out of range");
            }
            return value;
        }
    }
}
