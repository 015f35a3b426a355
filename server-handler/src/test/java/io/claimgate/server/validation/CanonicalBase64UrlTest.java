package io.claimgate.server.validation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CanonicalBase64UrlTest {
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    /** Middle characters of the 3-character texts tried: 4 of the alphabet, 5 of other spellings. */
    private static final String MIDDLE = "AB-_=+/. ";

    @Test
    void decodesWhatTheEncoderWritesAtEveryLength() {
        Random random = new Random(14);
        for (int length = 0; length < 70; length++) {
            byte[] bytes = new byte[length];
            random.nextBytes(bytes);
            assertArrayEquals(bytes, decode(ENCODER.encodeToString(bytes)), "length " + length);
        }
    }

    /**
     * Every text of 1 and 2 characters (also after a whole quantum) and many of 3, over the alphabet
     * and the characters of other spellings ('=', '+', '/', '.', ' '): accepted exactly when it is what the
     * encoder writes for the bytes it decodes to, i.e. when it is the one spelling of them.
     */
    @Test
    void acceptsExactlyTheOneSpellingOfEveryByteSequence() {
        String chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_=+/. ";
        int accepted = 0;
        for (int a = 0; a < chars.length(); a++) {
            check("" + chars.charAt(a));
            for (int b = 0; b < chars.length(); b++) {
                accepted += check("" + chars.charAt(a) + chars.charAt(b));
                accepted += check("AAAA" + chars.charAt(a) + chars.charAt(b));
                if (MIDDLE.indexOf(chars.charAt(b)) >= 0) {   // all 3-character texts would take ~10 s (exceptions)
                    for (int c = 0; c < chars.length(); c++) {
                        accepted += check("" + chars.charAt(a) + chars.charAt(b) + chars.charAt(c));
                    }
                }
            }
        }
        // 2^8 one-byte sequences, twice; of the 2-byte ones, those whose middle character is in MIDDLE:
        // 64 first characters x 4 middle ones (of the alphabet) x 16 last ones with the 2 unused bits zero.
        assertEquals(2 * (1 << 8) + 64 * 4 * 16, accepted);
    }

    @Test
    void saysWhatIsWrongWithoutQuotingTheText() {
        assertTrue(message("QQ==").contains("'=' padding at offset 2"));
        assertTrue(message("QQ=").contains("'=' padding"));
        assertTrue(message("a+b/").contains("'+' or '/' at offset 1"));
        assertTrue(message("QR").contains("unused bits"));
        assertTrue(message("QUJ").contains("unused bits"));
        assertTrue(message("QUJDR").contains("4n+1"));
        assertTrue(message("QU%D").contains("outside the base64url alphabet at offset 2"));
        assertEquals("A", new String(decode("QQ"), StandardCharsets.US_ASCII));
        assertEquals("AB", new String(decode("QUI"), StandardCharsets.US_ASCII));
    }

    private static int check(String text) {
        boolean canonical;
        try {
            canonical = ENCODER.encodeToString(Base64.getUrlDecoder().decode(text)).equals(text);
        } catch (IllegalArgumentException e) {
            canonical = false;
        }
        if (canonical) {
            assertArrayEquals(Base64.getUrlDecoder().decode(text), decode(text), text);
            return 1;
        }
        assertThrows(IllegalArgumentException.class, () -> decode(text), text);
        return 0;
    }

    private static String message(String text) {
        return assertThrows(IllegalArgumentException.class, () -> decode(text)).getMessage();
    }

    private static byte[] decode(String text) {
        byte[] ascii = ("." + text + ".").getBytes(StandardCharsets.US_ASCII);
        return CanonicalBase64Url.decode(ascii, 1, ascii.length - 1);
    }
}
