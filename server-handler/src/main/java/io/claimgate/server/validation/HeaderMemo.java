package io.claimgate.server.validation;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The JWS headers parsed last, by their exact encoded bytes. An IdP signs all its tokens with a
 * handful of distinct headers ({@code alg}, {@code kid}, {@code typ}), so base64url-decoding and
 * parsing the same header for every token is work a byte comparison can skip (~0.7 µs of an RS256
 * validation).
 *
 * <ul>
 *   <li>What is remembered is a pure function of the bytes compared, so a hit gives exactly what
 *       parsing would; only headers that parsed into a usable JWS header are remembered.</li>
 *   <li>Bounded: {@value #SLOTS} slots, chosen by a hash of the header, a newer header replacing
 *       the one in its slot; headers longer than {@value #MAX_HEADER_BYTES} bytes are not
 *       remembered (a crafted token can only make the memo miss).</li>
 *   <li>Thread-safe: immutable entries in an {@link AtomicReferenceArray}.</li>
 * </ul>
 */
final class HeaderMemo {
    static final int SLOTS = 16;
    static final int MAX_HEADER_BYTES = 256;

    private record Entry(byte[] encoded, JoseHeader header) {
    }

    private final AtomicReferenceArray<Entry> slots = new AtomicReferenceArray<>(SLOTS);

    /** The header encoded as {@code ascii[0 .. length)}, if it is remembered; else null. */
    JoseHeader get(byte[] ascii, int length) {
        if (length > MAX_HEADER_BYTES) {
            return null;
        }
        Entry entry = slots.get(slot(ascii, length));
        return entry != null && Arrays.equals(entry.encoded(), 0, entry.encoded().length, ascii, 0, length)
                ? entry.header() : null;
    }

    /** Remembers what {@code ascii[0 .. length)} parsed into. */
    void put(byte[] ascii, int length, JoseHeader header) {
        if (length <= MAX_HEADER_BYTES) {
            slots.set(slot(ascii, length), new Entry(Arrays.copyOf(ascii, length), header));
        }
    }

    private static int slot(byte[] ascii, int length) {
        int hash = length;
        for (int i = 0; i < length; i++) {
            hash = 31 * hash + ascii[i];
        }
        return (hash ^ (hash >>> 16)) & (SLOTS - 1);
    }
}
