package io.claimgate.filter.kafka;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

/** The raw-bytes lookup gives Kafka's lastHeader answers, on fetched (lazy) and built headers alike. */
class HeaderLookupTest {

    private static ByteBuffer bytes(String text) {
        // A slice inside a larger buffer, as headers of a fetched batch are.
        byte[] raw = ("xx" + text + "yy").getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.wrap(raw, 2, raw.length - 4).slice();
    }

    /** Headers as the consumer builds them from a fetched batch: keys and values not decoded yet. */
    private static RecordHeaders fetched(String... keysAndValues) {
        Header[] headers = new Header[keysAndValues.length / 2];
        for (int i = 0; i < headers.length; i++) {
            String value = keysAndValues[2 * i + 1];
            headers[i] = new RecordHeader(bytes(keysAndValues[2 * i]), value == null ? null : bytes(value));
        }
        return new RecordHeaders(headers);
    }

    @Test
    void theInternalFieldsAreFoundOnThisKafkaVersion() {
        assertTrue(HeaderLookup.FAST, "otherwise every lookup falls back to lastHeader (correct, slower)");
    }

    @Test
    void sameAnswersAsLastHeader() {
        for (RecordHeaders headers : List.of(
                fetched("trace-id", "1", "internal", "false", "source", "x", "internal", "true"),
                fetched("trace-id", "1", "intern", "true", "internal2", "true"),
                fetched(),
                fetched("ïnternal", "true", "internal", "v"))) {
            for (String key : List.of("internal", "trace-id", "missing", "ïnternal")) {
                assertSame(headers.lastHeader(key), new HeaderLookup(key).last(headers), key + " in " + headers);
            }
        }
    }

    @Test
    void keysAlreadyDecodedAndOtherImplementationsWorkToo() {
        RecordHeaders headers = fetched("a", "1", "internal", "true");
        headers.lastHeader("internal");   // decodes the keys: the String path
        assertSame(headers.lastHeader("internal"), new HeaderLookup("internal").last(headers));

        RecordHeaders built = new RecordHeaders();
        built.add("internal", "true".getBytes(StandardCharsets.UTF_8));
        built.add(new Header() {
            @Override
            public String key() {
                return "custom";
            }

            @Override
            public byte[] value() {
                return null;
            }
        });
        assertSame(built.lastHeader("custom"), new HeaderLookup("custom").last(built));
        assertSame(built.lastHeader("internal"), new HeaderLookup("internal").last(built));

        Headers foreign = new Headers() {
            private final RecordHeaders inner = fetched("internal", "true");

            public Headers add(Header header) {
                return inner.add(header);
            }

            public Headers add(String key, byte[] value) {
                return inner.add(key, value);
            }

            public Headers remove(String key) {
                return inner.remove(key);
            }

            public Header lastHeader(String key) {
                return inner.lastHeader(key);
            }

            public Iterable<Header> headers(String key) {
                return inner.headers(key);
            }

            public Header[] toArray() {
                return inner.toArray();
            }

            public Iterator<Header> iterator() {
                return inner.iterator();
            }
        };
        assertSame(foreign.lastHeader("internal"), new HeaderLookup("internal").last(foreign));
    }

    @Test
    void valuesAreComparedWithoutTouchingKafkasCopy() {
        Header raw = fetched("internal", "true").lastHeader("internal");
        byte[] trueBytes = "true".getBytes(StandardCharsets.UTF_8);
        assertTrue(HeaderLookup.sameValue(raw, trueBytes));
        assertFalse(HeaderLookup.sameValue(raw, "tru".getBytes(StandardCharsets.UTF_8)));
        assertFalse(HeaderLookup.sameValue(raw, null));
        raw.value();   // now materialized
        assertTrue(HeaderLookup.sameValue(raw, trueBytes));

        Header nullValue = fetched("internal", null).lastHeader("internal");
        assertNull(nullValue.value());
        assertTrue(HeaderLookup.sameValue(nullValue, null));
        assertFalse(HeaderLookup.sameValue(nullValue, new byte[0]));
        assertFalse(HeaderLookup.sameValue(fetched("internal", "").lastHeader("internal"), null));
    }
}
