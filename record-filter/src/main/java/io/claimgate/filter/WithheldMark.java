package io.claimgate.filter;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * How {@link RecordFilterDeserializer} tells {@link RecordFilterInterceptor} "a filter skips this
 * record": it adds one header object, this class's private instance, to the record's headers. The
 * interceptor compares by identity, not by key or value, so a producer cannot forge the mark (a
 * header with the same key from the wire is another object) and cannot remove it either (it is
 * added on the consumer, after the record was parsed, as the last header).
 *
 * <p>A marked record's value is null (its value is never deserialized), so the interceptor only
 * looks for the mark on records whose value is null. The mark is claimgate's own implementation of
 * the public {@link Header} interface (not Kafka's internal {@code RecordHeader}): it never leaves
 * the consumer, so it only needs a key.
 */
final class WithheldMark {
    static final String KEY = "claimgate.withheld";
    private static final Header MARK = new Mark();

    private WithheldMark() {
    }

    static void mark(Headers headers) {
        headers.add(MARK);
    }

    /** True only for headers {@link #mark marked} on this consumer. */
    static boolean isMarked(Headers headers) {
        // The mark is the last header, so the scan from the end stops at once when it is there.
        return headers.lastHeader(KEY) == MARK;
    }

    private static final class Mark implements Header {
        @Override
        public String key() {
            return KEY;
        }

        @Override
        public byte[] value() {
            return null;
        }

        @Override
        public String toString() {
            return KEY + " (claimgate's mark of a withheld record)";
        }
    }
}
