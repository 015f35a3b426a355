package io.claimgate.server;

import static io.claimgate.server.testkit.Validation.accepted;
import static io.claimgate.server.testkit.Validation.rejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import io.claimgate.server.testkit.Claims;
import io.claimgate.server.testkit.HandlerAgainstJwks;
import io.claimgate.server.testkit.SigningKey;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One spelling per token: every other spelling of a valid token's three parts is refused, through
 * the handler as Kafka calls it. Header and payload variants are signed anew by the IdP's key (so
 * only the encoding can refuse them: that is how an IdP with a lax encoder would issue them);
 * signature variants are what anyone holding a token can make of it without any key.
 */
class TokenSpellingTest {
    private static final SigningKey RS256 = SigningKey.rsa("rs");
    private static final SigningKey PS256 = SigningKey.rsa("ps", JWSAlgorithm.PS256);
    private static final SigningKey ES256 = SigningKey.ec("es");
    private static final SigningKey ED = SigningKey.ed25519("ed");
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    @RegisterExtension
    static final HandlerAgainstJwks idp = HandlerAgainstJwks.publishing(RS256.publicJwk(), PS256.publicJwk(), ES256.publicJwk(), ED.publicJwk());

    @Test
    void everyOtherSpellingOfEachPartIsRefused() throws Exception {
        for (SigningKey key : List.of(RS256, ES256, ED)) {
            String[] parts = wellSpread(key).split("\\.");
            assertEquals("service-account-orders", accepted(idp.handler(), String.join(".", parts)).principalName());
            for (String header : otherSpellings(parts[0])) {
                assertReason("MALFORMED", signed(key, header, parts[1]), "header is not canonical base64url");
            }
            for (String payload : otherSpellings(parts[1])) {
                assertReason("MALFORMED", signed(key, parts[0], payload), "payload is not canonical base64url");
            }
            for (String signature : otherSpellings(parts[2])) {
                assertReason("BAD_SIGNATURE", parts[0] + "." + parts[1] + "." + signature,
                        "signature is not canonical base64url");
            }
        }
    }

    /** RSA: the modulus length (RFC 8017 §8.2.2, §8.1.2); ECDSA: JOSE's fixed r‖s; Ed25519: 64 bytes. */
    @Test
    void signaturesOfAnyOtherLengthAreRefused() {
        for (SigningKey key : List.of(RS256, PS256, ES256, ED)) {
            String[] parts = key.sign(Claims.valid().build()).split("\\.");
            byte[] signature = Base64.getUrlDecoder().decode(parts[2]);
            byte[] zeroAppended = Arrays.copyOf(signature, signature.length + 1);   // Ed25519 in the JDK accepted this
            byte[] zeroPrepended = new byte[signature.length + 1];
            System.arraycopy(signature, 0, zeroPrepended, 1, signature.length);
            for (byte[] other : List.of(zeroAppended, zeroPrepended, Arrays.copyOf(signature, signature.length - 1))) {
                assertReason("BAD_SIGNATURE", parts[0] + "." + parts[1] + "." + b64(other), "does not verify");
            }
        }
    }

    /**
     * Each alternative spelling of {@code part}: padded, with the unused bits of the last
     * character set, and with standard base64's '+' and '/' for '-' and '_'.
     */
    private static List<String> otherSpellings(String part) {
        assertTrue(part.length() % 4 >= 2 && part.contains("-") && part.contains("_"), part);
        List<String> spellings = new ArrayList<>(List.of(part + "=", part + "=="));
        char last = part.charAt(part.length() - 1);
        int unusedBits = part.length() % 4 == 2 ? 4 : 2;
        for (int bit = 0; bit < unusedBits; bit++) {
            char other = ALPHABET.charAt(ALPHABET.indexOf(last) ^ (1 << bit));
            spellings.add(part.substring(0, part.length() - 1) + other);   // decodes to the same bytes in the JDK
        }
        spellings.add(part.replaceFirst("-", "+"));
        spellings.add(part.replaceFirst("_", "/"));
        spellings.add(part.replace('-', '+').replace('_', '/'));
        return spellings;
    }

    /**
     * A valid token whose three parts each end with unused bits and contain '-' and '_', so that
     * every alternative spelling applies: found by trying fillers in the header and the payload.
     */
    private static String wellSpread(SigningKey key) throws JOSEException {
        Random random = new Random(14);
        for (int attempt = 0; attempt < 10_000; attempt++) {
            String header = b64(("{\"alg\":\"" + key.algorithm() + "\",\"kid\":\"" + key.kid() + "\",\"x\":\""
                    + filler(random) + "\"}").getBytes(StandardCharsets.UTF_8));
            String payload = b64(Claims.valid().claim("x", filler(random)).build().toString()
                    .getBytes(StandardCharsets.UTF_8));
            String token = signed(key, header, payload);
            if (Arrays.stream(token.split("\\.")).allMatch(p -> p.length() % 4 >= 2 && p.contains("-") && p.contains("_"))) {
                return token;
            }
        }
        throw new AssertionError("no filler found");
    }

    private static String filler(Random random) {
        char[] chars = new char[1 + random.nextInt(12)];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = "~?>}|{".charAt(random.nextInt(6));
        }
        return new String(chars);
    }

    /** header.payload exactly as given, signed with {@code key}. */
    private static String signed(SigningKey key, String header, String payload) throws JOSEException {
        String input = header + "." + payload;
        JWSAlgorithm algorithm = key.algorithm();
        return input + "." + key.signer().sign(new JWSHeader(algorithm), input.getBytes(StandardCharsets.US_ASCII));
    }

    private static void assertReason(String reason, String token, String detail) {
        String status = rejected(idp.handler(), token);
        assertTrue(status.startsWith("invalid_token (" + reason + ": ") && status.contains(detail), status);
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
