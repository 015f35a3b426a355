package io.claimgate.server;

import static io.claimgate.server.testkit.Validation.accepted;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import io.claimgate.server.testkit.Claims;
import io.claimgate.server.testkit.HandlerAgainstJwks;
import io.claimgate.server.testkit.SigningKey;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The token cache keeps a JWT's claims as the payload's JSON text and parses them anew on a hit
 * ({@link ValidatedToken.Stored}): what a reconnect gets must be what the first connection got.
 */
class CachedValidationTest {
    static final SigningKey KEY = SigningKey.rsa("rs");

    @RegisterExtension
    static final HandlerAgainstJwks idp = HandlerAgainstJwks.publishing(KEY.publicJwk());

    @Test
    void aReconnectGetsTheSameClaimsParsedAnew() throws JOSEException {
        String token = signed("{\"iss\":\"" + Claims.ISSUER + "\",\"aud\":[\"" + Claims.AUDIENCE + "\",\"other\"],"
                + "\"sub\":\"service-account-orders\",\"exp\":" + Claims.in(Duration.ofMinutes(5)).getTime() / 1000 + ","
                + "\"iat\":" + Claims.now().getEpochSecond() + ",\"scope\":\"kafka orders\",\"admin\":false,"
                + "\"ratio\":0.25,\"name\":\"J\\u00f6rg \\\"the\\\" \u20ac\",\"realm_access\":{\"roles\":[\"a\",\"b\"]},"
                + "\"nothing\":{},\"big\":123456789012345678901234567890}");
        ValidatedToken first = accepted(idp.handler(), token);
        assertTrue(first.stored().compact(), "claims kept as the payload's text");
        ValidatedToken again = accepted(idp.handler(), token);

        assertEquals(first.claims(), again.claims());
        assertNotSame(first.claims(), again.claims(), "parsed anew, not kept");
        assertEquals(List.copyOf(first.claims().keySet()), List.copyOf(again.claims().keySet()), "in document order");
        assertEquals("J\u00f6rg \"the\" \u20ac", again.claims().get("name"));
        assertEquals(Map.of("roles", List.of("a", "b")), again.claims().get("realm_access"));
        assertEquals(first.principalName(), again.principalName());
        assertEquals(first.scope(), again.scope());
        assertEquals(first.groups(), again.groups());
        assertSame(first.issuer(), again.issuer());
        assertEquals(first.lifetimeMs(), again.lifetimeMs());
        assertEquals(first.startTimeMs(), again.startTimeMs());
        assertEquals(token, again.value());
        assertEquals(OAuthPrincipalBuilder.principalOf(first), OAuthPrincipalBuilder.principalOf(again));
    }

    /** Claims that had to be normalised are not the payload's parse: the cache keeps them as they are. */
    @Test
    void normalisedClaimsAreKeptAsParsed() throws JOSEException {
        String token = signed("{\"iss\":\"" + Claims.ISSUER + "\",\"aud\":[\"" + Claims.AUDIENCE + "\"],"
                + "\"sub\":\"service-account-orders\",\"exp\":" + Claims.in(Duration.ofMinutes(5)).getTime() / 1000 + ".5}");
        ValidatedToken first = accepted(idp.handler(), token);
        assertFalse(first.stored().compact());
        assertEquals(Claims.AUDIENCE, first.claims().get("aud"), "a one-element aud array reads as a string");
        ValidatedToken again = accepted(idp.handler(), token);
        assertEquals(first.claims(), again.claims());
        assertSame(first.claims(), again.claims());
        assertTrue(again.claims().get("exp") instanceof Long);
    }

    @Test
    void storedWithoutText() {
        Issuer issuer = new Issuer("default", Optional.of("https://idp"), Duration.ofSeconds(30), "", "");
        ValidatedToken token = ValidatedToken.builder("secret-token", "client1", issuer).claims(Map.of("sub", "client1"))
                .lifetimeMs(5).build();
        ValidatedToken.Stored stored = token.stored();
        assertFalse(stored.compact());
        assertEquals("u", stored.restore("u").value());
        assertSame(token.claims(), stored.restore("u").claims());
        assertSame(issuer, stored.issuer());
        assertFalse(stored.toString().contains("secret-token"), stored.toString());
    }

    private static String signed(String payload) throws JOSEException {
        JWSObject jws = new JWSObject(KEY.header().build(), new Payload(payload));
        jws.sign(KEY.signer());
        return jws.serialize();
    }
}
