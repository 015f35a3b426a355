package io.claimgate.server;

import static io.claimgate.server.testkit.Validation.accepted;
import static io.claimgate.server.testkit.Validation.configuredHandler;
import static io.claimgate.server.testkit.Validation.options;
import static io.claimgate.server.testkit.Validation.rejected;
import static io.claimgate.server.testkit.Validation.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jwt.JWTClaimsSet;
import io.claimgate.server.testkit.Claims;
import io.claimgate.server.testkit.HandlerAgainstJwks;
import io.claimgate.server.testkit.SigningKey;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the broker-side validator accepts and how it maps tokens to principals, groups and scopes,
 * through the real {@code handle()} with Kafka's callback classes, against a JWKS served over HTTP.
 * Rejections are in {@link TokenRejectionTest}, the JWKS lifecycle in {@link JwksRefreshTest}.
 */
class OAuthValidatorCallbackHandlerTest {
    static final SigningKey RSA = SigningKey.rsa("rsa-1");
    static final SigningKey EC = SigningKey.ec("ec-1");
    static final SigningKey ED = SigningKey.ed25519("ed-1");

    @RegisterExtension
    static final HandlerAgainstJwks idp = HandlerAgainstJwks.publishing(RSA.publicJwk(), EC.publicJwk(), ED.publicJwk());

    @Nested
    class ValidTokens {
        @Test
        void rs256TokenYieldsPrincipalScopesAndLifetime() {
            JWTClaimsSet claims = Claims.valid().build();
            String token = RSA.sign(claims);

            ValidatedToken validated = accepted(idp.handler(), token);

            assertEquals("service-account-orders", validated.principalName());
            assertEquals(Claims.ISSUER, validated.iss());
            assertEquals(Set.of("kafka", "profile"), validated.scope());
            assertEquals(claims.getExpirationTime().getTime(), validated.lifetimeMs());
            assertEquals(claims.getIssueTime().getTime(), validated.startTimeMs());
            assertEquals(token, validated.value());
            assertEquals("orders-app", validated.claims().get("client_id"));
            // Claims are plain JSON values: times as epoch seconds, not java.util.Date.
            assertEquals(claims.getExpirationTime().getTime() / 1000, validated.claims().get("exp"));
        }

        @Test
        void es256TokenIsAccepted() {
            assertEquals("service-account-orders", accepted(idp.handler(), EC.sign(Claims.valid().build())).principalName());
        }

        @Test
        void eddsaTokenIsAcceptedWithoutTink() {
            assertEquals("service-account-orders", accepted(idp.handler(), ED.sign(Claims.valid().build())).principalName());
        }

        @Test
        void ps256WithAnRsaKeyIsAccepted() {
            SigningKey ps = new SigningKey(RSA.jwk(), JWSAlgorithm.PS256, RSA.signer());
            accepted(idp.handler(), ps.sign(Claims.valid().build()));
        }

        @Test
        void tokenWithoutKidIsCheckedAgainstKeysOfTheMatchingType() {
            String token = EC.sign(new JWSHeader.Builder(JWSAlgorithm.ES256), Claims.valid().build());
            accepted(idp.handler(), token);
        }

        @Test
        void expiryWithinTheClockSkewIsTolerated() {
            accepted(idp.handler(), RSA.sign(Claims.valid().expirationTime(Claims.in(Duration.ofSeconds(-10))).build()));
        }

        @Test
        void claimsWithNullValuesOrUnusualShapesAreTolerated() throws Exception {
            String payload = "{\"iss\":\"" + Claims.ISSUER + "\",\"aud\":\"" + Claims.AUDIENCE + "\",\"sub\":\"s1\","
                    + "\"exp\":" + Claims.in(Duration.ofMinutes(5)).getTime() / 1000 + ",\"nickname\":null,"
                    + "\"scope\":{\"not\":\"a list\"},\"nested\":{\"a\":null}}";
            JWSObject jws = new JWSObject(RSA.header().build(), new Payload(payload));
            jws.sign(RSA.signer());

            ValidatedToken validated = accepted(idp.handler(), jws.serialize());

            assertEquals("s1", validated.principalName());
            assertEquals(Set.of(), validated.scope());
            assertNull(validated.startTimeMs(), "no iat, no start time");
        }

        @Test
        void audienceMayBeAListContainingOneAcceptedValue() {
            accepted(idp.handler(), RSA.sign(Claims.valid().audience(List.of("account", Claims.AUDIENCE)).build()));
        }
    }

    @Nested
    class Mapping {
        @Test
        void usernameComesFromTheFirstPresentClaimOfTheChainPlusPrefix() {
            var options = with(with(options(idp.jwks()), "oauth.username.claim", "client_id, azp, sub"),
                    "oauth.username.prefix", "idp1:");
            OAuthValidatorCallbackHandler chained = configuredHandler(options);
            try {
                String noClientId = RSA.sign(Claims.valid().claim("client_id", null).claim("azp", "billing").build());
                assertEquals("idp1:billing", accepted(chained, noClientId).principalName());
                String notAString = RSA.sign(Claims.valid().claim("client_id", List.of("x")).claim("azp", null).build());
                assertEquals("idp1:service-account-orders", accepted(chained, notAString).principalName());
                // A present name that breaks the name rules is refused: the chain does not move on.
                String blankClientId = RSA.sign(Claims.valid().claim("client_id", " ").claim("azp", null).build());
                assertTrue(rejected(chained, blankClientId).startsWith("invalid_token (INVALID_PRINCIPAL: "));
            } finally {
                chained.close();
            }
        }

        @Test
        void groupsComeFromADottedPathAndScopesFromAnArrayClaim() {
            var options = with(with(options(idp.jwks()), "oauth.groups.claim", "realm_access.roles"),
                    "oauth.scope.claim", "scp");
            OAuthValidatorCallbackHandler mapped = configuredHandler(options);
            try {
                String token = RSA.sign(Claims.valid()
                        .claim("realm_access", Map.of("roles", List.of("admins", "auditors")))
                        .claim("scp", List.of("kafka.read", "kafka.write")).build());
                ValidatedToken validated = accepted(mapped, token);
                assertEquals(List.of("admins", "auditors"), validated.groups());
                assertEquals(Set.of("kafka.read", "kafka.write"), validated.scope());
            } finally {
                mapped.close();
            }
        }

        @Test
        void missingPrincipalClaimIsRejectedNamingTheClaimsTried() {
            OAuthValidatorCallbackHandler chained = configuredHandler(
                    with(options(idp.jwks()), "oauth.username.claim", "preferred_username,sub"));
            try {
                String status = rejected(chained, RSA.sign(Claims.valid().subject(null).build()));
                assertTrue(status.startsWith("invalid_token (NO_PRINCIPAL: "), status);
                assertTrue(status.contains("[preferred_username, sub]"), status);
            } finally {
                chained.close();
            }
        }
    }

    @Nested
    class Plumbing {
        @Test
        void onlyTheOauthbearerMechanismIsAccepted() {
            var e = assertThrows(IllegalArgumentException.class, () -> new OAuthValidatorCallbackHandler()
                    .configure(Map.of(), "PLAIN", List.of()));
            assertTrue(e.getMessage().contains("PLAIN"), e.getMessage());
        }

        @Test
        void otherCallbacksAreUnsupported() {
            assertThrows(UnsupportedCallbackException.class,
                    () -> idp.handler().handle(new Callback[] {new NameCallback("name")}));
        }

        @Test
        void anUnconfiguredHandlerRejects() {
            assertTrue(rejected(new OAuthValidatorCallbackHandler(), RSA.sign(Claims.valid().build()))
                    .startsWith("invalid_token (INTERNAL_ERROR: "));
        }

        @Test
        void anUnexpectedExceptionRejectsInsteadOfFailingOpen() {
            var broken = new OAuthValidatorCallbackHandler(new io.claimgate.server.validation.TokenValidator() {
                @Override
                public ValidatedToken validate(String token) {
                    throw new IllegalStateException("bug");
                }

                @Override
                public void close() {
                }
            }, Set.of(), io.claimgate.server.metrics.AuthenticationMetrics.none());
            String status = rejected(broken, RSA.sign(Claims.valid().build()));
            assertEquals("invalid_token (INTERNAL_ERROR: unexpected IllegalStateException, see broker log)", status);
        }

        @Test
        void kafkasOwnConfigNamesWorkAsFallbacks() {
            OAuthValidatorCallbackHandler kafkaStyle = new OAuthValidatorCallbackHandler();
            kafkaStyle.configure(Map.of(
                            "sasl.oauthbearer.jwks.endpoint.url", idp.jwks().jwksUri().toString(),
                            "sasl.oauthbearer.expected.issuer", Claims.ISSUER,
                            "sasl.oauthbearer.expected.audience", List.of(Claims.AUDIENCE),
                            "sasl.oauthbearer.sub.claim.name", "client_id"),
                    OAuthBearerLoginModule.OAUTHBEARER_MECHANISM, List.of());
            try {
                assertEquals("orders-app", accepted(kafkaStyle, RSA.sign(Claims.valid().build())).principalName());
                rejected(kafkaStyle, RSA.sign(Claims.valid().issuer("https://other").build()));
            } finally {
                kafkaStyle.close();
            }
        }
    }
}
