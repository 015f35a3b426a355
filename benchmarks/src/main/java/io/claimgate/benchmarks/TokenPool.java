package io.claimgate.benchmarks;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * The signing keys and the pre-signed tokens every handler of {@link ValidationBenchmark} sees.
 *
 * <p>JMH forks one JVM per benchmark, and signing tens of thousands of RS256 tokens takes the
 * better part of a minute on a small machine, so keys and tokens are generated once and kept in
 * {@code ${java.io.tmpdir}/claimgate-bench/} (override with {@code -Dclaimgate.bench.dir=...}):
 * every fork of a run, and every later run, validates the very same tokens against the very same
 * JWKS. Tokens live for {@link #TOKEN_LIFETIME}; a pool with less than a day left, or signed by
 * other keys, is regenerated. These are throw-away benchmark keys, nothing else trusts them.
 */
final class TokenPool {
    static final String ISSUER = "https://idp.bench.claimgate.test/realms/bench";
    static final String AUDIENCE = "kafka-broker";
    static final String RSA_KID = "bench-rsa-2048";
    static final String EC_KID = "bench-ec-p256";
    /** Distinct tokens per algorithm; the "first-seen" benchmarks rotate through all of them. */
    static final int DEFAULT_POOL_SIZE = 20_000;
    static final Duration TOKEN_LIFETIME = Duration.ofDays(8);
    private static final String FORMAT = "v1";

    private TokenPool() {
    }

    static Path directory() {
        return Path.of(System.getProperty("claimgate.bench.dir",
                Path.of(System.getProperty("java.io.tmpdir"), "claimgate-bench").toString()));
    }

    static int poolSize() {
        return Integer.getInteger("claimgate.bench.pool", DEFAULT_POOL_SIZE);
    }

    /** The benchmark IdP's keys, private halves included: one RSA 2048 and one EC P-256 key. */
    static synchronized JWKSet keys() {
        Path file = directory().resolve("keys-" + FORMAT + ".jwks.json");
        try {
            if (Files.exists(file)) {
                return JWKSet.parse(Files.readString(file));
            }
            RSAKey rsa = new RSAKeyGenerator(2048).keyID(RSA_KID).keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256).generate();
            ECKey ec = new ECKeyGenerator(Curve.P_256).keyID(EC_KID).keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.ES256).generate();
            JWKSet set = new JWKSet(List.of(rsa, ec));
            write(file, set.toString(false));
            return set;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ParseException | JOSEException e) {
            throw new IllegalStateException("cannot load or create the benchmark keys in " + file, e);
        }
    }

    /** {@code size} distinct valid tokens signed with {@code alg} (RS256 or ES256). */
    static synchronized List<String> tokens(JWKSet keys, String alg, int size) {
        JWK key = signingKey(keys, alg);
        Path file = directory().resolve("tokens-" + FORMAT + "-" + alg + "-" + size + ".txt");
        try {
            String thumbprint = key.computeThumbprint().toString();
            if (Files.exists(file)) {
                List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
                // header: <thumbprint of the signing key> <exp of the tokens, epoch seconds>
                String[] header = lines.get(0).split(" ");
                long exp = Long.parseLong(header[1]);
                if (header[0].equals(thumbprint) && lines.size() == size + 1
                        && exp - Instant.now().getEpochSecond() > Duration.ofDays(1).toSeconds()) {
                    return List.copyOf(lines.subList(1, lines.size()));
                }
            }
            long started = System.nanoTime();
            Instant iat = Instant.now().minusSeconds(60);
            Instant exp = iat.plus(TOKEN_LIFETIME);
            System.err.printf("claimgate-bench: signing %d %s tokens into %s (once; later forks reuse them)%n",
                    size, alg, file);
            List<String> tokens = IntStream.range(0, size).parallel()
                    .mapToObj(i -> sign(key, alg, claims(i, iat, exp)))
                    .toList();
            List<String> lines = new ArrayList<>(size + 1);
            lines.add(thumbprint + " " + exp.getEpochSecond());
            lines.addAll(tokens);
            write(file, String.join("\n", lines) + "\n");
            System.err.printf("claimgate-bench: signed %d %s tokens in %d s%n", size, alg,
                    Duration.ofNanos(System.nanoTime() - started).toSeconds());
            return tokens;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A valid token like the pool's, but for another audience or issuer (to prove the checks run). */
    static String variant(JWKSet keys, String alg, String issuer, String audience) {
        Instant iat = Instant.now().minusSeconds(60);
        JWTClaimsSet base = claims(-1, iat, iat.plus(TOKEN_LIFETIME));
        JWTClaimsSet changed = new JWTClaimsSet.Builder(base).issuer(issuer).audience(List.of(audience)).build();
        return sign(signingKey(keys, alg), alg, changed);
    }

    /**
     * A fresh valid token of client {@code subject} ({@code sub}, {@code azp} and {@code client_id}),
     * otherwise like the pool's, living {@code lifetime}: what a token endpoint hands a client.
     */
    static String tokenFor(JWKSet keys, String alg, String subject, Duration lifetime) {
        Instant iat = Instant.now().minusSeconds(60);
        JWTClaimsSet claims = new JWTClaimsSet.Builder(claims(-1, iat, iat.plus(lifetime)))
                .subject(subject).claim("azp", subject).claim("client_id", subject).build();
        return sign(signingKey(keys, alg), alg, claims);
    }

    /**
     * {@code size} tokens as an attacker without the IdP's key makes them: valid claims, signed
     * with a throw-away key of the same type as {@code alg}'s that no JWKS publishes, each naming a
     * fresh random {@code kid}. Not cached on disk: a few thousand signatures, made per fork.
     */
    static List<String> forgedTokens(String alg, int size) {
        try {
            JWK attackerKey = switch (alg) {
                case "RS256" -> new RSAKeyGenerator(2048).generate();
                case "ES256" -> new ECKeyGenerator(Curve.P_256).generate();
                default -> throw new IllegalArgumentException("unsupported algorithm " + alg + "; RS256 or ES256");
            };
            Instant iat = Instant.now().minusSeconds(60);
            Instant exp = iat.plus(TOKEN_LIFETIME);
            return IntStream.range(0, size).parallel()
                    .mapToObj(i -> sign(attackerKey, alg, UUID.randomUUID().toString(), claims(i, iat, exp)))
                    .toList();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static JWK signingKey(JWKSet keys, String alg) {
        return switch (alg) {
            case "RS256" -> keys.getKeyByKeyId(RSA_KID);
            case "ES256" -> keys.getKeyByKeyId(EC_KID);
            default -> throw new IllegalArgumentException("unsupported algorithm " + alg + "; RS256 or ES256");
        };
    }

    /**
     * Claims of a typical client-credentials access token (Keycloak-like, about a dozen claims):
     * 100 different clients; {@code jti} makes every token distinct.
     */
    static JWTClaimsSet claims(int i, Instant iat, Instant exp) {
        String client = "client-" + Math.floorMod(i, 100);
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(List.of(AUDIENCE, "account"))
                .subject(client)
                .issueTime(Date.from(iat))
                .notBeforeTime(Date.from(iat))
                .expirationTime(Date.from(exp))
                .jwtID(UUID.randomUUID().toString())
                .claim("azp", client)
                .claim("client_id", client)
                .claim("scope", "openid profile kafka")
                .claim("realm_access", Map.of("roles", List.of("offline_access", "kafka-user")))
                .claim("groups", List.of("team-" + Math.floorMod(i, 7), "all"))
                .build();
    }

    private static String sign(JWK key, String alg, JWTClaimsSet claims) {
        return sign(key, alg, key.getKeyID(), claims);
    }

    private static String sign(JWK key, String alg, String kid, JWTClaimsSet claims) {
        try {
            JWSSigner signer = key instanceof RSAKey rsa ? new RSASSASigner(rsa) : new ECDSASigner((ECKey) key);
            JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.parse(alg)).keyID(kid)
                    .type(JOSEObjectType.JWT).build();
            SignedJWT jwt = new SignedJWT(header, claims);
            jwt.sign(signer);
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Atomic: another run reading the directory never sees half a file. */
    private static void write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        Files.writeString(tmp, content, StandardCharsets.US_ASCII);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
