package io.claimgate.it.auth;

import io.claimgate.it.Resources;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.claimgate.it.BrokerLogOnFailure;
import io.claimgate.it.Clients;
import io.claimgate.it.EmbeddedIdp;
import io.claimgate.it.KafkaCluster;
import io.claimgate.it.PresentedTokenLoginHandler;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of bad token a client can present is refused by the real broker: the client gets a
 * {@link SaslAuthenticationException} naming the reason, the broker log names it too, and neither
 * contains the token.
 */
@ExtendWith(BrokerLogOnFailure.class)
class TokenRejectionTest {
    private static EmbeddedIdp idp;
    private static KafkaCluster cluster;

    @BeforeAll
    static void start() {
        idp = EmbeddedIdp.start();
        cluster = KafkaCluster.start(ClaimgateBroker.spec("rejections", idp, ClaimgateBroker.validation(idp)).build());
    }

    @AfterAll
    static void stop() {
        Resources.closeAll(cluster, idp);
    }

    static Stream<Arguments> badTokens() {
        return Stream.of(
                Arguments.of("expired token", "EXPIRED",
                        (Supplier<String>) () -> idp.issueToken("client1", Map.of(), Duration.ofMinutes(-10))),
                Arguments.of("wrong issuer", "WRONG_ISSUER",
                        (Supplier<String>) () -> idp.issueToken("client1", Map.of("iss", "https://evil.example"),
                                Duration.ofMinutes(5))),
                Arguments.of("wrong audience", "WRONG_AUDIENCE",
                        (Supplier<String>) () -> idp.issueToken("client1", Map.of("aud", "someone-else"),
                                Duration.ofMinutes(5))),
                Arguments.of("unknown signing key", "UNKNOWN_KEY",
                        (Supplier<String>) TokenRejectionTest::signedByAStranger),
                Arguments.of("bad signature", "BAD_SIGNATURE",
                        (Supplier<String>) () -> idp.issueForgedToken("client1", Map.of(), Duration.ofMinutes(5))),
                Arguments.of("alg none", "UNSIGNED",
                        (Supplier<String>) () -> new PlainJWT(validClaims()).serialize()),
                Arguments.of("HS256 keyed with the IdP's public key", "ALGORITHM_NOT_ALLOWED",
                        (Supplier<String>) TokenRejectionTest::hmacWithThePublicKey),
                Arguments.of("token over 64 KiB", "TOO_LARGE",
                        (Supplier<String>) () -> idp.issueToken("client1", Map.of("padding", "x".repeat(70_000)),
                                Duration.ofMinutes(5))),
                Arguments.of("not a JWT", "MALFORMED", (Supplier<String>) () -> "not-a-jwt"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badTokens")
    void badTokenIsRefusedWithItsReason(String description, String reason, Supplier<String> badToken) throws Exception {
        String token = badToken.get();
        var mark = cluster.mark();

        SaslAuthenticationException refused = authenticate(token);

        assertTrue(refused.getMessage().contains(reason), "client sees the reason: " + refused.getMessage());
        assertFalse(refused.getMessage().contains(token), "the token is not echoed to the client");
        String logLine = cluster.awaitLogLine(mark, Pattern.compile("claimgate rejected a token: " + reason),
                Duration.ofSeconds(10));
        assertFalse(logLine.contains(token), "the token is not logged");
    }

    @Test
    void aGoodTokenFromTheSameIdpIsAccepted() throws Exception {
        // Guards the test above: the refusals come from the tokens, not from a broken setup.
        try (Admin admin = Admin.create(Clients.admin(cluster.bootstrapServers(ClaimgateBroker.EXTERNAL),
                PresentedTokenLoginHandler.security(idp.issueToken("client1"))))) {
            admin.describeCluster().clusterId().get();
        }
    }

    private static SaslAuthenticationException authenticate(String token) {
        try (Admin admin = Admin.create(Clients.admin(cluster.bootstrapServers(ClaimgateBroker.EXTERNAL),
                PresentedTokenLoginHandler.security(token)))) {
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> admin.describeCluster().clusterId().get());
            return assertInstanceOf(SaslAuthenticationException.class, e.getCause());
        }
    }

    private static JWTClaimsSet validClaims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(idp.issuerUri())
                .audience(EmbeddedIdp.DEFAULT_AUDIENCE)
                .subject("client1")
                .claim("client_id", "client1")
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
                .build();
    }

    private static String signedByAStranger() {
        try {
            RSAKey stranger = new RSAKeyGenerator(2048).keyID("stranger-key").generate();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("stranger-key")
                    .type(JOSEObjectType.JWT).build(), validClaims());
            jwt.sign(new RSASSASigner(stranger));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The classic key-confusion attack: HMAC "signed" with the bytes of the RSA public key. */
    private static String hmacWithThePublicKey() {
        try {
            RSAKey published = (RSAKey) JWKSet.load(URI.create(idp.jwksUri()).toURL()).getKeys().get(0);
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(published.getKeyID())
                    .build(), validClaims());
            jwt.sign(new MACSigner(published.toRSAPublicKey().getEncoded()));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
