package io.claimgate.benchmarks;

import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import java.security.PublicKey;
import java.security.Signature;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import io.claimgate.common.json.JsonObjectParser;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Diagnostics, not a comparison: where the time of a JWT validation goes outside the signature
 * check, to back the suggestions in docs/BENCHMARKS.md.
 * <ul>
 *   <li>{@code payload*} / {@code signature*}: base64url-decoding the parts of the benchmark tokens
 *       with Nimbus' {@link Base64URL} (a constant-time decoder; it is what Nimbus' JWS verifiers
 *       and {@code SignedJWT.getJWTClaimsSet()} use) versus the JDK's {@link Base64#getUrlDecoder()};</li>
 *   <li>{@code pipelineNimbus}: the Nimbus calls claimgate's validator makes, and nothing else:
 *       {@code JWTParser.parse}, {@code SignedJWT.verify} with a verifier built once per key,
 *       {@code getJWTClaimsSet()};</li>
 *   <li>{@code pipelineJdk}: the same result (verified signature, parsed header and claims) with
 *       the JDK's base64 decoder and a reused JCA {@link Signature}, Nimbus only for JSON and the
 *       header and claims objects.</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class DecodeBenchmark {
    @Param({"RS256", "ES256"})
    public String alg;

    private String[] tokens;
    private String[] payloads;
    private String[] signatures;
    private String[] payloadJson;
    private int next;
    private JWSVerifier nimbusVerifier;
    private Signature jca;
    private PublicKey publicKey;

    @Setup(Level.Trial)
    public void setUp() {
        List<String> pool = TokenPool.tokens(TokenPool.keys(), alg, TokenPool.poolSize()).subList(0, 1024);
        tokens = pool.toArray(String[]::new);
        payloads = pool.stream().map(t -> t.split("\\.")[1]).toArray(String[]::new);
        signatures = pool.stream().map(t -> t.split("\\.")[2]).toArray(String[]::new);
        payloadJson = java.util.Arrays.stream(payloads)
                .map(p -> new String(Base64.getUrlDecoder().decode(p), StandardCharsets.UTF_8)).toArray(String[]::new);
        JWK key = TokenPool.signingKey(TokenPool.keys(), alg).toPublicJWK();
        try {
            if (key instanceof RSAKey rsa) {
                nimbusVerifier = new RSASSAVerifier(rsa);
                publicKey = rsa.toPublicKey();
                jca = Signature.getInstance("SHA256withRSA");
            } else {
                nimbusVerifier = new ECDSAVerifier((ECKey) key);
                publicKey = ((ECKey) key).toPublicKey();
                jca = Signature.getInstance("SHA256withECDSA");
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private int index() {
        int i = next;
        next = (i + 1) & 1023;
        return i;
    }

    @Benchmark
    public String payloadNimbus() {
        return new Base64URL(payloads[index()]).decodeToString();
    }

    @Benchmark
    public String payloadJdk() {
        return new String(Base64.getUrlDecoder().decode(payloads[index()]), StandardCharsets.UTF_8);
    }

    /** claimgate's own claims parser on a decoded payload (the JSON part of {@code CompactJws.claims()}). */
    @Benchmark
    public Map<String, Object> claimsJson() throws Exception {
        return JsonObjectParser.parse(payloadJson[index()]);
    }

    @Benchmark
    public byte[] signatureNimbus() {
        return new Base64URL(signatures[index()]).decode();
    }

    @Benchmark
    public byte[] signatureJdk() {
        return Base64.getUrlDecoder().decode(signatures[index()]);
    }

    @Benchmark
    public JWTClaimsSet pipelineNimbus() throws Exception {
        SignedJWT jwt = (SignedJWT) JWTParser.parse(tokens[index()]);
        if (!jwt.verify(nimbusVerifier)) {
            throw new IllegalStateException("signature");
        }
        return jwt.getJWTClaimsSet();
    }

    @Benchmark
    public JWTClaimsSet pipelineJdk() throws Exception {
        String token = tokens[index()];
        int dot1 = token.indexOf('.');
        int dot2 = token.indexOf('.', dot1 + 1);
        Base64.Decoder decoder = Base64.getUrlDecoder();
        byte[] signature = decoder.decode(token.substring(dot2 + 1));
        jca.initVerify(publicKey);
        jca.update(token.substring(0, dot2).getBytes(StandardCharsets.US_ASCII));
        if (!jca.verify(publicKey instanceof java.security.interfaces.ECPublicKey ? RawVerifier.joseToDer(signature) : signature)) {
            throw new IllegalStateException("signature");
        }
        JWSHeader header = JWSHeader.parse(JSONObjectUtils.parse(
                new String(decoder.decode(token.substring(0, dot1)), StandardCharsets.UTF_8)));
        if (header.getAlgorithm() == null) {
            throw new IllegalStateException("header");
        }
        return JWTClaimsSet.parse(JSONObjectUtils.parse(
                new String(decoder.decode(token.substring(dot1 + 1, dot2)), StandardCharsets.UTF_8)));
    }
}
