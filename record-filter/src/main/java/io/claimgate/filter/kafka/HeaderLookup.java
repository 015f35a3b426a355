package io.claimgate.filter.kafka;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * {@link Headers#lastHeader(String)} without its cost on freshly fetched records. The consumer
 * hands records over with lazily parsed headers, and {@code lastHeader} calls {@code key()} on
 * every header it passes, which takes a lock and decodes the key into a new String: for three
 * headers that is most of a small record's consumer-side cost, paid although the filter reads one.
 * Here keys are compared as UTF-8 bytes where Kafka has not decoded them yet; nothing is decoded,
 * locked or allocated for headers that do not match, and Kafka's objects are left as they were.
 *
 * <p><b>Kafka internals:</b> the private fields {@code RecordHeaders.headers} (a
 * {@code List<Header>}), {@code RecordHeader.keyBuffer}, {@code .value} and {@code .valueBuffer}
 * (unchanged since KIP-82, 0.11), and how {@code key()} and {@code value()} treat them (they
 * decode or copy, then drop the buffer without moving it). {@link #sameValue} likewise compares a
 * value with known bytes without copying it. If the fields are not there or not accessible, or a
 * record's headers are another implementation, it simply calls {@code lastHeader} ({@link #FAST}
 * says which): same answers either way. {@code RecordFilterBoundaryContract} checks both on each
 * kafka-clients release claimgate supports.
 */
public final class HeaderLookup {
    private static final VarHandle HEADERS;
    private static final VarHandle KEY_BUFFER;
    private static final VarHandle VALUE;
    private static final VarHandle VALUE_BUFFER;
    /** Whether the internal fields were found; otherwise every lookup is Kafka's {@code lastHeader}. */
    public static final boolean FAST;

    static {
        VarHandle headers = null;
        VarHandle keyBuffer = null;
        VarHandle value = null;
        VarHandle valueBuffer = null;
        try {
            MethodHandles.Lookup recordHeaders = MethodHandles.privateLookupIn(RecordHeaders.class, MethodHandles.lookup());
            headers = recordHeaders.findVarHandle(RecordHeaders.class, "headers", List.class);
            MethodHandles.Lookup recordHeader = MethodHandles.privateLookupIn(RecordHeader.class, MethodHandles.lookup());
            keyBuffer = recordHeader.findVarHandle(RecordHeader.class, "keyBuffer", ByteBuffer.class);
            value = recordHeader.findVarHandle(RecordHeader.class, "value", byte[].class);
            valueBuffer = recordHeader.findVarHandle(RecordHeader.class, "valueBuffer", ByteBuffer.class);
        } catch (ReflectiveOperationException | RuntimeException e) {
            headers = null;
        }
        HEADERS = headers;
        KEY_BUFFER = keyBuffer;
        VALUE = value;
        VALUE_BUFFER = valueBuffer;
        FAST = headers != null;
    }

    private final String key;
    private final byte[] keyBytes;

    public HeaderLookup(String key) {
        this.key = key;
        this.keyBytes = key.getBytes(StandardCharsets.UTF_8);
    }

    /** The last header named {@code key}, or null; as {@code headers.lastHeader(key)}. */
    public Header last(Headers headers) {
        if (!FAST || headers.getClass() != RecordHeaders.class) {
            return headers.lastHeader(key);
        }
        @SuppressWarnings("unchecked")
        List<Header> list = (List<Header>) HEADERS.get((RecordHeaders) headers);   // exact types: no VarHandle adaptation
        for (int i = list.size() - 1; i >= 0; i--) {
            Header header = list.get(i);
            if (header.getClass() == RecordHeader.class ? matches((RecordHeader) header) : key.equals(header.key())) {
                return header;
            }
        }
        return null;
    }

    private boolean matches(RecordHeader header) {
        // The raw key first, with a plain read: Kafka's key() decodes into the volatile 'key' and then
        // drops the buffer, never changing the buffer's bytes or position, so a buffer seen here
        // still holds this header's key whether or not it was decoded meanwhile.
        ByteBuffer raw = rawKey(header);
        if (raw != null) {
            return sameBytes(raw, keyBytes);
        }
        return key.equals(header.key());   // decoded: Kafka's accessor reads the volatile field
    }

    /** Whether {@code header}'s value is exactly {@code bytes} (null: a null value). */
    public static boolean sameValue(Header header, byte[] bytes) {
        if (FAST && header.getClass() == RecordHeader.class && VALUE.getAcquire(header) == null) {
            ByteBuffer raw = rawValue((RecordHeader) header);
            if (raw != null) {
                return bytes != null && sameBytes(raw, bytes);
            }
        }
        return java.util.Arrays.equals(header.value(), bytes);
    }

    /** The key's bytes as fetched, or null once Kafka decoded the key (then {@code key()} holds it). Needs {@link #FAST}. */
    static ByteBuffer rawKey(RecordHeader header) {
        return (ByteBuffer) KEY_BUFFER.get(header);
    }

    /** The value's bytes as fetched, or null once Kafka copied them out (or the value is null). Needs {@link #FAST}. */
    static ByteBuffer rawValue(RecordHeader header) {
        return (ByteBuffer) VALUE_BUFFER.getAcquire(header);
    }

    /**
     * Absolute reads: the buffer's position is Kafka's and stays as it is. The length decides most
     * mismatches (header keys rarely share a length), then the first byte.
     */
    private static boolean sameBytes(ByteBuffer raw, byte[] bytes) {
        int start = raw.position();
        int length = raw.limit() - start;
        if (length != bytes.length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (raw.get(start + i) != bytes[i]) {
                return false;
            }
        }
        return true;
    }
}
