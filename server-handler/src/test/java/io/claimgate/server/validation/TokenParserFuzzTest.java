package io.claimgate.server.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.claimgate.server.validation.TokenValidationException.Reason;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;

/**
 * Fuzzes step 1 of validation: from text to a signed JWT, and its claims. Without {@code JAZZER_FUZZ}
 * this runs the seeds in {@code TokenParserFuzzTestInputs/parse/}.
 * <ul>
 *   <li>parsing throws only {@link TokenValidationException} with one of the parser's reasons;
 *       decoding the signature only {@link IllegalArgumentException} (reported as a bad
 *       signature); the claims only {@code MALFORMED};</li>
 *   <li>{@code TOO_LARGE} exactly when the token's UTF-8 form is over the limit;</li>
 *   <li>a parser that remembers headers ({@link HeaderMemo}, shared by every input of a run) says
 *       exactly what a fresh parser says;</li>
 *   <li>what parses has three parts and an algorithm that is not {@code none}; each part that
 *       decodes (the header when parsed, the payload and signature when first read) is in the one
 *       spelling of base64url (no padding, zero unused bits).</li>
 * </ul>
 */
class TokenParserFuzzTest {
    private static final int LIMIT = 1024;
    private static final Set<Reason> PARSER_REASONS = EnumSet.of(Reason.MALFORMED, Reason.TOO_LARGE, Reason.UNSIGNED,
            Reason.ENCRYPTED);
    private static final TokenParser REMEMBERING = new TokenParser(LIMIT);

    @FuzzTest(maxDuration = "5m")
    void parse(byte[] input) {
        String token = new String(input, StandardCharsets.UTF_8);
        Object remembered = outcome(REMEMBERING, token);
        Object fresh = outcome(new TokenParser(LIMIT), token);
        assertEquals(fresh, remembered, "the header memo changed the outcome");
        boolean tooLarge = token.getBytes(StandardCharsets.UTF_8).length > LIMIT;
        assertEquals(tooLarge, fresh == Reason.TOO_LARGE, "TOO_LARGE exactly over the limit");
        if (fresh instanceof Parsed parsed) {
            assertNotNull(parsed.header().algorithm());
            assertNotEquals("none", parsed.header().algorithm().getName());
            assertEquals(2, token.chars().filter(c -> c == '.').count(), "three parts");
            String[] parts = token.split("\\.", -1);
            assertCanonical(parts[0]);
            if (parsed.claimsRead()) {
                assertCanonical(parts[1]);
            }
            if (parsed.signatureRead()) {
                assertCanonical(parts[2]);
            }
        }
    }

    /** What a parsed token gave: its header, and whether its payload and signature decoded. */
    private record Parsed(JoseHeader header, boolean claimsRead, boolean signatureRead) {
    }

    private static void assertCanonical(String part) {
        String canonical = canonical(part);
        assertTrue(canonical == null || canonical.equals(part), "one spelling per token: canonical base64url only");
    }

    /** The part decoded and encoded again without padding, or null if it does not decode. */
    private static String canonical(String part) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Base64.getUrlDecoder().decode(part));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The header, or the reason it was refused; the claims and signature are decoded on the way. */
    private static Object outcome(TokenParser parser, String token) {
        CompactJws jws;
        try {
            jws = parser.parse(token);
        } catch (TokenValidationException e) {
            assertTrue(PARSER_REASONS.contains(e.reason()), e::getMessage);
            if (token.length() >= 16) {
                assertFalse(e.getMessage().contains(token), "the detail repeats the token");
            }
            return e.reason();
        }
        boolean signatureRead = true;
        try {
            jws.signature();
        } catch (IllegalArgumentException e) {
            signatureRead = false;   // not canonical base64url: SignatureCheck reports BAD_SIGNATURE
        }
        boolean claimsRead = true;
        try {
            assertNotNull(jws.claims().json());
        } catch (TokenValidationException e) {
            assertEquals(Reason.MALFORMED, e.reason(), e::getMessage);
            claimsRead = false;
        }
        return new Parsed(jws.header(), claimsRead, signatureRead);
    }
}
