package io.claimgate.server.validation;

import java.util.Arrays;

/**
 * Decodes one part of a compact JWS, accepting only the one spelling RFC 7515 §2 allows for its
 * bytes: the base64url alphabet ({@code A-Z a-z 0-9 - _}), no {@code =} padding, no length of
 * {@code 4n+1} characters, and the unused low bits of the last character zero.
 *
 * <p>The JDK's decoder accepts padding and ignores non-zero unused bits, so a valid token had
 * several spellings that all verified: each was a new token-cache entry and slipped past anything
 * keyed on the token text (a deny-list, a log search). Here every byte sequence has exactly one
 * encoding that decodes.
 *
 * <p>One pass over the characters, checking and decoding together, into an array of the exact
 * size; about as fast as the JDK's decoder. Stateless and thread-safe.
 */
final class CanonicalBase64Url {
    /** Value of each base64url character, -1 for every other byte (non-ASCII became '?' before). */
    private static final int[] VALUES = new int[256];

    static {
        Arrays.fill(VALUES, -1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for (int i = 0; i < alphabet.length(); i++) {
            VALUES[alphabet.charAt(i)] = i;
        }
    }

    private CanonicalBase64Url() {
    }

    /**
     * The bytes {@code ascii[from .. to)} encode.
     *
     * @throws IllegalArgumentException the text is not canonical base64url; the message says why
     *                                  (never quoting the text, which is token content)
     */
    static byte[] decode(byte[] ascii, int from, int to) {
        int length = to - from;
        int tail = length & 3;
        if (tail == 1) {
            throw new IllegalArgumentException(length + " characters: no base64url encoding has a length of 4n+1");
        }
        byte[] out = new byte[(length >>> 2) * 3 + (tail == 0 ? 0 : tail - 1)];
        int in = from;
        int o = 0;
        for (int wholeEnd = to - tail; in < wholeEnd; in += 4) {
            int bits = VALUES[ascii[in] & 0xff] << 18 | VALUES[ascii[in + 1] & 0xff] << 12
                    | VALUES[ascii[in + 2] & 0xff] << 6 | VALUES[ascii[in + 3] & 0xff];
            if (bits < 0) {   // a -1 anywhere sets the sign bit
                throw notInAlphabet(ascii, in, in + 4, from);
            }
            out[o++] = (byte) (bits >> 16);
            out[o++] = (byte) (bits >> 8);
            out[o++] = (byte) bits;
        }
        if (tail == 2) {
            int bits = VALUES[ascii[in] & 0xff] << 6 | VALUES[ascii[in + 1] & 0xff];
            checkTail(bits, 0x0f, ascii, in, to, from);
            out[o] = (byte) (bits >> 4);
        } else if (tail == 3) {
            int bits = VALUES[ascii[in] & 0xff] << 12 | VALUES[ascii[in + 1] & 0xff] << 6 | VALUES[ascii[in + 2] & 0xff];
            checkTail(bits, 0x03, ascii, in, to, from);
            out[o++] = (byte) (bits >> 10);
            out[o] = (byte) (bits >> 2);
        }
        return out;
    }

    private static void checkTail(int bits, int unusedBits, byte[] ascii, int in, int to, int from) {
        if (bits < 0) {
            throw notInAlphabet(ascii, in, to, from);
        }
        if ((bits & unusedBits) != 0) {
            throw new IllegalArgumentException("the unused bits of the last character are not zero"
                    + " (another spelling of the same bytes)");
        }
    }

    /** The error path only: which character of {@code ascii[in .. end)} is wrong, and how. */
    private static IllegalArgumentException notInAlphabet(byte[] ascii, int in, int end, int from) {
        int i = in;
        while (i < end - 1 && VALUES[ascii[i] & 0xff] >= 0) {
            i++;
        }
        int offset = i - from;
        return new IllegalArgumentException(switch (ascii[i]) {
            case '=' -> "'=' padding at offset " + offset + " (base64url in a JWS has none)";
            case '+', '/' -> "'+' or '/' at offset " + offset + " (standard base64, not base64url)";
            default -> "a character outside the base64url alphabet at offset " + offset;
        });
    }
}
