package io.claimgate.server.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import io.claimgate.server.validation.TokenValidationException.Reason;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class TokenParserTest {
    private static final String PAYLOAD = b64("{\"sub\":\"x\"}");
    private final TokenParser parser = new TokenParser(1000);

    @Test
    void splitsOnceAndReadsTheHeader() throws TokenValidationException {
        CompactJws jws = parser.parse(b64("{\"alg\":\"RS256\",\"kid\":\"k1\",\"typ\":\"at+jwt\",\"jku\":7}") + "."
                + PAYLOAD + ".c2ln");
        assertEquals(new JoseHeader(JWSAlgorithm.RS256, "k1", "at+jwt"), jws.header());
        assertEquals("x", jws.claims().json().get("sub"));
        assertEquals("sig", new String(jws.signature(), StandardCharsets.US_ASCII));
        assertTrue(jws.claims() == jws.claims(), "parsed once");
    }

    @Test
    void refusals() {
        assertReason(Reason.MALFORMED, "not-a-jwt");
        assertReason(Reason.MALFORMED, "a.b");
        assertReason(Reason.MALFORMED, "%%%." + PAYLOAD + ".c2ln");
        assertReason(Reason.MALFORMED, b64("not json") + "." + PAYLOAD + ".c2ln");
        assertReason(Reason.MALFORMED, b64("{\"typ\":\"JWT\"}") + "." + PAYLOAD + ".c2ln");
        assertReason(Reason.MALFORMED, b64("{\"alg\":5}") + "." + PAYLOAD + ".c2ln");
        assertReason(Reason.MALFORMED, b64("{\"alg\":\"RS256\"}") + "." + PAYLOAD + ".c2ln.x");
        assertReason(Reason.MALFORMED, b64("{\"alg\":\"RS256\"} x") + "." + PAYLOAD + ".c2ln");
        assertReason(Reason.MALFORMED, b64("{\"alg\":\"RS256\",\"alg\":\"none\"}") + "." + PAYLOAD + ".c2ln");
        assertReason(Reason.MALFORMED, b64("{\"alg\":\"RS256\",\"crit\":[]}") + "." + PAYLOAD + ".c2ln");
        assertReason(Reason.MALFORMED, b64("{\"alg\":\"RS256\",\"b64\":\"false\"}") + "." + PAYLOAD + ".c2ln");
        assertReason(Reason.MALFORMED, b64("{\"alg\":\"RS256\",\"typ\":1}") + "." + PAYLOAD + ".c2ln");
        assertReason(Reason.UNSIGNED, b64("{\"alg\":\"none\"}") + "." + PAYLOAD + ".");
        assertReason(Reason.ENCRYPTED, b64("{\"alg\":\"RSA-OAEP\",\"enc\":\"A128GCM\"}") + ".a.b.c.d");
    }

    @Test
    void aRememberedHeaderIsNotALoopholeForTheRefusals() throws TokenValidationException {
        parser.parse(b64("{\"alg\":\"RS256\"}") + "." + PAYLOAD + ".c2ln");   // this header is now remembered
        refusals();
    }

    @Test
    void everyTokenGetsItsOwnHeaderWhilstTheLastOnesAreRemembered() throws TokenValidationException {
        int distinct = HeaderMemo.SLOTS * 4;   // more headers than slots: some share a slot
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < distinct; i++) {
                String header = "{\"alg\":\"" + (i % 2 == 0 ? "RS256" : "ES256") + "\",\"kid\":\"key-" + i + "\"}";
                JoseHeader parsed = parser.parse(b64(header) + "." + PAYLOAD + ".c2ln").header();
                assertEquals("key-" + i, parsed.keyId());
                assertEquals(i % 2 == 0 ? JWSAlgorithm.RS256 : JWSAlgorithm.ES256, parsed.algorithm());
            }
        }
    }

    @Test
    void aRememberedHeaderIsFoundByItsBytes() throws TokenValidationException {
        String token = b64("{\"alg\":\"RS256\",\"kid\":\"k1\"}") + "." + PAYLOAD + ".c2ln";
        assertTrue(parser.parse(token).header() == parser.parse(token).header(), "parsed once");
        String longHeader = b64("{\"alg\":\"RS256\",\"kid\":\"" + "k".repeat(HeaderMemo.MAX_HEADER_BYTES) + "\"}");
        String longToken = longHeader + "." + PAYLOAD + ".c2ln";
        assertTrue(parser.parse(longToken).header() != parser.parse(longToken).header(), "long headers are not kept");
    }

    @Test
    void payloadProblemsSurfaceOnlyWhenTheClaimsAreRead() throws TokenValidationException {
        CompactJws jws = parser.parse(b64("{\"alg\":\"RS256\"}") + "." + b64("[1]") + ".c2ln");
        assertEquals(Reason.MALFORMED, assertThrows(TokenValidationException.class, jws::claims).reason());
        CompactJws bad = parser.parse(b64("{\"alg\":\"RS256\"}") + ".e30=.c2ln");   // padding: not canonical
        assertEquals(Reason.MALFORMED, assertThrows(TokenValidationException.class, bad::claims).reason());
        CompactJws signature = parser.parse(b64("{\"alg\":\"RS256\"}") + "." + PAYLOAD + ".*");
        assertThrows(IllegalArgumentException.class, signature::signature);
        assertNull(parser.parse(b64("{\"alg\":\"RS256\"}") + "." + PAYLOAD + ".c2ln").header().keyId());
    }

    @Test
    void headerAndPayloadMustBeUtf8() throws TokenValidationException {
        String header = b64("{\"alg\":\"RS256\"}");
        byte[] claims = "{\"sub\":\"ad?min\"}".getBytes(StandardCharsets.US_ASCII);
        for (int bad : new int[] {0xff, 0xc0, 0x80}) {   // never in UTF-8; an overlong start; a lone continuation byte
            claims[10] = (byte) bad;
            CompactJws jws = parser.parse(header + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(claims)
                    + ".c2ln");
            assertEquals(Reason.MALFORMED, assertThrows(TokenValidationException.class, jws::claims).reason());
            assertReason(Reason.MALFORMED, Base64.getUrlEncoder().withoutPadding().encodeToString(
                    "{\"alg\":\"RS256\",\"kid\":\"k?\"}".replace('?', (char) bad).getBytes(StandardCharsets.ISO_8859_1))
                    + "." + PAYLOAD + ".c2ln");
        }
        assertEquals("ad\ufffdmin", parser.parse(header + "." + b64("{\"sub\":\"ad\ufffdmin\"}") + ".c2ln").claims()
                .json().get("sub"), "a U+FFFD the IdP wrote is kept");
    }

    @Test
    void aTokenIsAsciiOnly() throws TokenValidationException {
        String header = b64("{\"alg\":\"RS256\"}");
        for (String outside : new String[] {"é", "€", "😀", "\u0080"}) {
            assertReason(Reason.MALFORMED, header + "." + PAYLOAD + outside + ".c2ln");
            assertReason(Reason.MALFORMED, outside + header + "." + PAYLOAD + ".c2ln");
            assertReason(Reason.MALFORMED, header + "." + PAYLOAD + ".c2ln" + outside);
        }
        // A character whose low byte is a dot must not pass for one.
        assertReason(Reason.MALFORMED, header + "\u012e" + PAYLOAD + ".c2ln");
        // A lone surrogate is one '?' to the parser, which no base64url part accepts.
        assertReason(Reason.MALFORMED, "\uD83D" + header + "." + PAYLOAD + ".c2ln");
        CompactJws lone = parser.parse(header + "." + PAYLOAD + "\uDE00.c2ln");
        assertEquals(Reason.MALFORMED, assertThrows(TokenValidationException.class, lone::claims).reason());
        CompactJws loneInSignature = parser.parse(header + "." + PAYLOAD + ".c2ln\uDE00");
        assertThrows(IllegalArgumentException.class, loneInSignature::signature);
    }

    @Test
    void sizeIsCountedInUtf8BytesWithoutCopyingSmallTokens() throws TokenValidationException {
        parser.checkSize("a".repeat(1000));
        assertReason(Reason.TOO_LARGE, "a".repeat(1001));
        assertReason(Reason.TOO_LARGE, "é".repeat(501));   // 501 chars, 1002 bytes
        parser.checkSize("é".repeat(500));
        assertReason(Reason.TOO_LARGE, "😀".repeat(251));   // 502 chars, 1004 bytes
        assertReason(Reason.MALFORMED, " ");
        assertEquals(3, TokenParser.utf8Length("€"));
    }

    private void assertReason(Reason reason, String token) {
        TokenValidationException e = assertThrows(TokenValidationException.class, () -> parser.parse(token), token);
        assertEquals(reason, e.reason(), e.detail());
    }

    private static String b64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
