package io.claimgate.server.validation;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.claimgate.server.testkit.SigningKey;
import io.claimgate.server.validation.TokenValidationException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fixed key set of {@link JwtValidatorFuzzTest}: test-only keys committed in
 * {@code fuzz-keys.json} (RS256, PS256, ES256, EdDSA, one each), so the committed seed tokens stay
 * valid, and the tokens signed with them ({@code fuzz-signed-tokens.txt}). Also the key selector
 * the validator gets instead of a JWKS cache: the same choice as {@code JwksKeySelector}, without
 * fetching.
 *
 * <p>{@link #main} regenerates keys, tokens and seeds (then the seeds of
 * {@code JwtValidatorFuzzTest} and {@code TokenParserFuzzTest} change too): run it from the module
 * directory with the test classpath.
 */
final class FuzzKeys implements KeySelector {
    static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    static final String ISSUER = "https://idp.example/realms/kafka";
    static final String AUDIENCE = "kafka-broker";
    private static final String KEYS = "fuzz-keys.json";
    private static final String SIGNED = "fuzz-signed-tokens.txt";
    private static final byte[] ED25519_PKCS8_PREFIX = {0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65,
            0x70, 0x04, 0x22, 0x04, 0x20};

    private final List<VerificationKey> all;
    private final Map<String, List<VerificationKey>> byKid = new LinkedHashMap<>();

    private FuzzKeys(List<JWK> keys) {
        all = new ArrayList<>();
        for (JWK jwk : keys) {
            VerificationKey key = VerificationKey.of(jwk.toPublicJWK());
            all.add(key);
            byKid.computeIfAbsent(jwk.getKeyID(), k -> new ArrayList<>()).add(key);
        }
    }

    static FuzzKeys load() {
        return new FuzzKeys(jwks().getKeys());
    }

    /** Every token signed with these keys (valid or not in other ways): nothing else may be accepted. */
    static Set<String> signedTokens() {
        return new HashSet<>(List.of(resource(SIGNED).split("\n")));
    }

    @Override
    public List<VerificationKey> select(String kid, JWSAlgorithm algorithm) throws TokenValidationException {
        List<VerificationKey> named = kid == null ? all : byKid.getOrDefault(kid, List.of());
        List<VerificationKey> usable = named.stream().filter(k -> KeyTypes.incompatibility(k.jwk(), algorithm) == null)
                .toList();
        if (!usable.isEmpty()) {
            return usable;
        }
        if (!named.isEmpty() && kid != null) {
            throw new TokenValidationException(Reason.BAD_SIGNATURE, "key cannot verify " + algorithm);
        }
        throw new TokenValidationException(Reason.UNKNOWN_KEY, "no such key");
    }

    private static JWKSet jwks() {
        try {
            return JWKSet.parse(resource(KEYS));
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String resource(String name) {
        try (InputStream in = FuzzKeys.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Regenerates keys, the signed-token list and the validator's and parser's seeds under {@code args[0]} (test resources). */
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0], "io/claimgate/server/validation");
        List<JWK> keys = List.of(SigningKey.rsa("rsa-1").jwk(), SigningKey.rsa("ps-1", JWSAlgorithm.PS256).jwk(),
                SigningKey.ec("ec-1").jwk(), ed25519Jwk("ed-1"));
        Files.writeString(dir.resolve(KEYS), new JWKSet(keys).toString(false));
        Map<String, String> seeds = new LinkedHashMap<>();
        JWK rsa = keys.get(0);
        seeds.put("valid-rs256", sign(rsa, JWSAlgorithm.RS256, header(rsa, JWSAlgorithm.RS256), claims().build()));
        seeds.put("valid-ps256", sign(keys.get(1), JWSAlgorithm.PS256, header(keys.get(1), JWSAlgorithm.PS256),
                claims().build()));
        seeds.put("valid-es256", sign(keys.get(2), JWSAlgorithm.ES256, header(keys.get(2), JWSAlgorithm.ES256),
                claims().build()));
        seeds.put("valid-eddsa", sign(keys.get(3), JWSAlgorithm.EdDSA, header(keys.get(3), JWSAlgorithm.EdDSA),
                claims().build()));
        seeds.put("valid-no-kid", sign(rsa, JWSAlgorithm.RS256, new JWSHeader.Builder(JWSAlgorithm.RS256), claims().build()));
        seeds.put("valid-rs512-at-jwt", sign(rsa, JWSAlgorithm.RS512, header(rsa, JWSAlgorithm.RS512)
                .type(new JOSEObjectType("at+jwt")), claims().build()));
        seeds.put("valid-groups-array-scope", sign(rsa, JWSAlgorithm.RS256, header(rsa, JWSAlgorithm.RS256),
                claims().claim("scope", List.of("kafka", "admin")).claim("groups", List.of("kafka-admins", "ops team"))
                        .claim("realm_access", Map.of("roles", List.of("a", "b"))).build()));
        seeds.put("expired", sign(rsa, JWSAlgorithm.RS256, header(rsa, JWSAlgorithm.RS256),
                claims().expirationTime(Date.from(NOW.minusSeconds(3600))).build()));
        seeds.put("wrong-audience", sign(rsa, JWSAlgorithm.RS256, header(rsa, JWSAlgorithm.RS256),
                claims().audience("other").build()));
        seeds.put("missing-scope", sign(rsa, JWSAlgorithm.RS256, header(rsa, JWSAlgorithm.RS256),
                claims().claim("scope", "profile").build()));
        seeds.put("no-principal", sign(rsa, JWSAlgorithm.RS256, header(rsa, JWSAlgorithm.RS256),
                claims().subject(null).claim("client_id", null).build()));
        seeds.put("unknown-kid", sign(rsa, JWSAlgorithm.RS256, header(rsa, JWSAlgorithm.RS256).keyID("nope"),
                claims().build()));
        seeds.put("key-type-confusion", sign(rsa, JWSAlgorithm.RS256, header(rsa, JWSAlgorithm.RS256).keyID("ec-1"),
                claims().build()));
        writeSeeds(dir.resolve("JwtValidatorFuzzTestInputs/validate"), seeds);
        Files.writeString(dir.resolve(SIGNED), String.join("\n", seeds.values()) + "\n");
        writeSeeds(dir.resolve("TokenParserFuzzTestInputs/parse"), Map.of("valid-es256", seeds.get("valid-es256"),
                "valid-no-kid", seeds.get("valid-no-kid")));
    }

    private static JWSHeader.Builder header(JWK key, JWSAlgorithm algorithm) {
        return new JWSHeader.Builder(algorithm).keyID(key.getKeyID()).type(JOSEObjectType.JWT);
    }

    private static JWTClaimsSet.Builder claims() {
        return new JWTClaimsSet.Builder().issuer(ISSUER).audience(AUDIENCE).subject("service-account-orders")
                .claim("client_id", "orders-app").claim("scope", "kafka profile")
                .issueTime(Date.from(NOW.minusSeconds(60))).notBeforeTime(Date.from(NOW.minusSeconds(60)))
                .expirationTime(Date.from(Instant.parse("2100-01-01T00:00:00Z")));
    }

    private static String sign(JWK key, JWSAlgorithm algorithm, JWSHeader.Builder header, JWTClaimsSet claims)
            throws JOSEException, GeneralSecurityException {
        JWSSigner signer = key instanceof RSAKey rsa ? new RSASSASigner(rsa)
                : key instanceof ECKey ec ? new ECDSASigner(ec) : new SigningKey.JdkEd25519Signer(ed25519PrivateKey((OctetKeyPair) key));
        SignedJWT jwt = new SignedJWT(header.build(), claims);
        jwt.sign(signer);
        return jwt.serialize();
    }

    private static void writeSeeds(Path dir, Map<String, String> seeds) throws IOException {
        Files.createDirectories(dir);
        for (Map.Entry<String, String> seed : seeds.entrySet()) {
            Files.writeString(dir.resolve(seed.getKey()), seed.getValue());
        }
    }

    private static JWK ed25519Jwk(String kid) throws GeneralSecurityException {
        var pair = java.security.KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        byte[] spki = pair.getPublic().getEncoded();
        byte[] pkcs8 = pair.getPrivate().getEncoded();
        byte[] x = java.util.Arrays.copyOfRange(spki, spki.length - 32, spki.length);
        byte[] d = java.util.Arrays.copyOfRange(pkcs8, pkcs8.length - 32, pkcs8.length);
        return new OctetKeyPair.Builder(com.nimbusds.jose.jwk.Curve.Ed25519, Base64URL.encode(x))
                .d(Base64URL.encode(d)).keyID(kid).build();
    }

    /** The JDK's Ed25519 (Nimbus' own signer needs Google Tink). */

    /** The JDK's Ed25519 private key for an OKP JWK's {@code d} (PKCS#8 = fixed prefix + the 32 bytes). */
    private static PrivateKey ed25519PrivateKey(OctetKeyPair key) throws JOSEException {
        byte[] d = key.getDecodedD();
        byte[] pkcs8 = java.util.Arrays.copyOf(ED25519_PKCS8_PREFIX, ED25519_PKCS8_PREFIX.length + 32);
        System.arraycopy(d, 0, pkcs8, ED25519_PKCS8_PREFIX.length, 32);
        try {
            return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException e) {
            throw new JOSEException(e.getMessage(), e);
        }
    }
}
