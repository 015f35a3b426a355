package io.claimgate.filter;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * How Kafka record headers appear to {@code skip_when} as {@code record.headers} (a map from
 * string to string). The rules, chosen so that a header is judged the way Kafka itself sees it:
 * <ul>
 *   <li><b>missing</b> header: not in the map; {@code has(record.headers.k)} and
 *       {@code 'k' in record.headers} are false, and reading it gives {@code ''}
 *       ({@link HeaderReads} explains why reading is not an error);</li>
 *   <li><b>repeated</b> header: the last value wins, as {@link Headers#lastHeader} answers;</li>
 *   <li><b>null</b> value: present, with the value {@code ''}; a value-less marker header still
 *       counts for {@code has(...)}, which is the fail-closed direction for marker-style rules;</li>
 *   <li>value <b>not valid UTF-8</b>: decoded with U+FFFD replacement characters, so it never
 *       equals a plain string literal, is still present, and never makes a record
 *       undeliverable just because some other header carries binary data.</li>
 * </ul>
 */
final class HeaderValues {
    private HeaderValues() {
    }

    /** The value a filter sees for {@code key}, or null if the record has no such header. */
    static String lastValue(Headers headers, String key) {
        return valueOf(headers.lastHeader(key));
    }

    /** The value a filter sees for a header found by key, or null for none. */
    static String valueOf(Header header) {
        return header == null ? null : decode(header.value());
    }

    /** Every header, last value winning; for expressions that use the map as a whole. */
    static Map<String, String> all(Headers headers) {
        Map<String, String> out = new HashMap<>();
        for (Header header : headers) {
            if (header.key() != null) {
                out.put(header.key(), decode(header.value()));   // later ones overwrite earlier ones
            }
        }
        return out;
    }

    static String decode(byte[] value) {
        // new String(..., UTF_8) replaces malformed input with U+FFFD; it never throws.
        return value == null ? "" : new String(value, StandardCharsets.UTF_8);
    }
}
