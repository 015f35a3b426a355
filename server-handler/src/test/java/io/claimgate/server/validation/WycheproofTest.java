package io.claimgate.server.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import io.claimgate.common.json.JsonObjectParser;
import io.claimgate.server.validation.TokenValidationException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Project Wycheproof's known-answer tests (src/test/resources/wycheproof, with their licence) run
 * against claimgate's own signature check, on the path a token's signature takes:
 * {@link SignatureCheck} with a {@link VerificationKey} made from the vector's public key as a
 * JWK, the signature base64url-encoded as in a JWS and decoded by claimgate. Every {@code valid}
 * case must verify and every {@code invalid} one must be refused.
 *
 * <p>{@code acceptable} cases are legal either way. The only one in these files is an RS256
 * signature whose DigestInfo omits the NULL parameters of the hash algorithm (RFC 8017 §9.2 note 2
 * lets verifiers accept it): claimgate accepts it, as the JDK does. It is not a second spelling an
 * attacker can make of someone's token: producing it takes the private key, as any signature does.
 */
class WycheproofTest {
    private record Vectors(String file, JWSAlgorithm algorithm, Map<String, String> groupParameters) {
    }

    private static final List<Vectors> FILES = List.of(
            new Vectors("ecdsa_secp256r1_sha256_p1363_test.json", JWSAlgorithm.ES256, Map.of("sha", "SHA-256")),
            new Vectors("ecdsa_secp384r1_sha384_p1363_test.json", JWSAlgorithm.ES384, Map.of("sha", "SHA-384")),
            new Vectors("ecdsa_secp521r1_sha512_p1363_test.json", JWSAlgorithm.ES512, Map.of("sha", "SHA-512")),
            new Vectors("rsa_signature_2048_sha256_test.json", JWSAlgorithm.RS256, Map.of("sha", "SHA-256")),
            new Vectors("rsa_pss_2048_sha256_mgf1_32_test.json", JWSAlgorithm.PS256,
                    Map.of("sha", "SHA-256", "mgf", "MGF1", "mgfSha", "SHA-256", "sLen", "32")),
            new Vectors("ed25519_test.json", JWSAlgorithm.EdDSA, Map.of()));

    private final SignatureCheck signatures = new SignatureCheck();

    @TestFactory
    Stream<DynamicTest> everyVectorOfEveryFile() {
        return FILES.stream().map(vectors -> DynamicTest.dynamicTest(vectors.algorithm() + " " + vectors.file(),
                () -> run(vectors)));
    }

    private void run(Vectors vectors) throws Exception {
        Map<String, Object> file = load(vectors.file());
        int valid = 0;
        int invalid = 0;
        int acceptable = 0;
        List<String> wrong = new ArrayList<>();
        for (Object g : (List<?>) file.get("testGroups")) {
            Map<?, ?> group = (Map<?, ?>) g;
            vectors.groupParameters().forEach((name, value) ->
                    assertEquals(value, text(group.get(name)), vectors.file() + " " + name));
            VerificationKey key = VerificationKey.of(jwk(group));
            for (Object t : (List<?>) group.get("tests")) {
                Map<?, ?> test = (Map<?, ?>) t;
                String result = (String) test.get("result");
                boolean accepted = verifies(vectors.algorithm(), key, hex(test.get("msg")), hex(test.get("sig")));
                boolean expected = switch (result) {
                    case "valid" -> {
                        valid++;
                        yield true;
                    }
                    case "invalid" -> {
                        invalid++;
                        yield false;
                    }
                    case "acceptable" -> {
                        acceptable++;
                        yield true;   // see the class comment
                    }
                    default -> throw new AssertionError("unknown result " + result);
                };
                if (accepted != expected) {
                    wrong.add("tcId " + number(test.get("tcId")) + " (" + result + ", " + test.get("comment") + ", flags "
                            + test.get("flags") + "): " + (accepted ? "accepted" : "refused"));
                }
            }
        }
        int total = valid + invalid + acceptable;
        System.out.printf("Wycheproof %-5s %-40s %4d vectors: %3d valid, %3d invalid, %d acceptable (accepted); %d wrong%n",
                vectors.algorithm(), vectors.file(), total, valid, invalid, acceptable, wrong.size());
        assertEquals(number(file.get("numberOfTests")), (long) total, "every test of " + vectors.file() + " ran");
        assertTrue(valid > 0 && invalid > 0, vectors.file());
        if (!wrong.isEmpty()) {
            fail(vectors.file() + ": " + wrong.size() + " wrong:\n  " + String.join("\n  ", wrong));
        }
    }

    /** The signature of {@code msg}, as the third part of a JWS whose signing input is {@code msg}. */
    private boolean verifies(JWSAlgorithm algorithm, VerificationKey key, byte[] msg, byte[] sig) {
        byte[] signed = new byte[msg.length + 1];
        System.arraycopy(msg, 0, signed, 0, msg.length);
        signed[msg.length] = '.';
        byte[] ascii = concat(signed, Base64.getUrlEncoder().withoutPadding().encode(sig));
        CompactJws jws = new CompactJws(ascii, 0, msg.length, new JoseHeader(algorithm, "wycheproof", null));
        try {
            assertEquals(key, signatures.verify(jws, algorithm, List.of(key)));
            return true;
        } catch (TokenValidationException e) {
            assertEquals(Reason.BAD_SIGNATURE, e.reason(), e.detail());
            return false;
        }
    }

    /** The group's key as a JWK: as given, or (EC groups whose key has no JWK form in the file) built from its point. */
    private static JWK jwk(Map<?, ?> group) throws Exception {
        Object jwk = group.get("publicKeyJwk") != null ? group.get("publicKeyJwk") : group.get("keyJwk");
        if (jwk != null) {
            @SuppressWarnings("unchecked")
            Map<String, Object> json = (Map<String, Object>) jwk;
            return JWK.parse(json);
        }
        Map<?, ?> point = (Map<?, ?>) group.get("publicKey");
        Curve curve = switch ((String) point.get("curve")) {
            case "secp256r1" -> Curve.P_256;
            case "secp384r1" -> Curve.P_384;
            case "secp521r1" -> Curve.P_521;
            default -> throw new AssertionError("curve " + point.get("curve"));
        };
        int fieldSize = curve.toECParameterSpec().getCurve().getField().getFieldSize();
        return new ECKey.Builder(curve,
                ECKey.encodeCoordinate(fieldSize, new BigInteger(1, hex(point.get("wx")))),
                ECKey.encodeCoordinate(fieldSize, new BigInteger(1, hex(point.get("wy"))))).build();
    }

    private static Map<String, Object> load(String name) throws IOException, java.text.ParseException {
        try (InputStream in = Objects.requireNonNull(WycheproofTest.class.getResourceAsStream("/wycheproof/" + name),
                name)) {
            return JsonObjectParser.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private static byte[] hex(Object text) {
        return HexFormat.of().parseHex((String) text);
    }

    /** A string as it is, a number without a fraction (Nimbus reads JSON numbers as Long or Double). */
    private static String text(Object value) {
        return value instanceof Number n ? String.valueOf(n.longValue()) : String.valueOf(value);
    }

    private static long number(Object value) {
        return value instanceof Number n ? n.longValue() : Long.parseLong(String.valueOf(value));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
