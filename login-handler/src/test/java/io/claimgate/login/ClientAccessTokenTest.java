package io.claimgate.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How the client learns a token's lifetime, scope and subject without being able to verify it. */
class ClientAccessTokenTest {
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @Test
    void theJwtsExpWinsOverExpiresInBecauseItIsWhatTheBrokerChecks() throws Exception {
        String jwt = StaticAndFileTokenTest.jwt("client1", NOW, NOW.plusSeconds(300), null);

        ClientAccessToken token = ClientAccessToken.fromTokenResponse(jwt, NOW, Optional.of(3600L),
                Optional.empty(), "client1", Optional.empty());

        assertEquals(NOW.plusSeconds(300).toEpochMilli(), token.lifetimeMs(), "absolute expiry in epoch ms");
    }

    @Test
    void scopeComesFromTheResponseThenTheTokenThenTheRequest() throws Exception {
        String jwt = StaticAndFileTokenTest.jwt("client1", NOW, NOW.plusSeconds(300), "from-token");

        assertEquals(Set.of("a", "b"), ClientAccessToken.fromTokenResponse(jwt, NOW, Optional.empty(),
                Optional.of("a b"), "client1", Optional.of("requested")).scope());
        assertEquals(Set.of("from-token"), ClientAccessToken.fromTokenResponse(jwt, NOW, Optional.empty(),
                Optional.empty(), "client1", Optional.of("requested")).scope());
        assertEquals(Set.of("requested"), ClientAccessToken.fromTokenResponse("opaque", NOW, Optional.empty(),
                Optional.empty(), "client1", Optional.of("requested")).scope(), "RFC 6749 section 5.1");
    }

    @Test
    void anOpaqueTokenWithoutExpiresInGetsTheDefaultLifetime() {
        ClientAccessToken token = ClientAccessToken.fromTokenResponse("opaque", NOW, Optional.empty(),
                Optional.empty(), "client1", Optional.empty());

        assertEquals(NOW.plus(ClientAccessToken.DEFAULT_LIFETIME).toEpochMilli(), token.lifetimeMs());
        assertEquals(NOW.toEpochMilli(), token.startTimeMs());
        assertEquals("client1", token.principalName());
    }

    @Test
    void toStringNeverShowsTheToken() throws Exception {
        String jwt = StaticAndFileTokenTest.jwt("client1", NOW, NOW.plusSeconds(300), null);

        String shown = ClientAccessToken.fromTokenOnly(jwt, NOW).toString();

        assertFalse(shown.contains(jwt.substring(0, 20)), shown);
        assertEquals("ClientAccessToken[principal=client1, scope=[], start=" + NOW + ", expires="
                + NOW.plusSeconds(300) + "]", shown);
    }

    @Test
    void claimsAreReadFromTheJwtsPayload() {
        String jwt = unsigned("{\"alg\":\"RS256\"}", "{\"client_id\":\"app\",\"iat\":" + NOW.getEpochSecond()
                + ",\"exp\":" + NOW.plusSeconds(60).getEpochSecond() + ",\"scp\":[\"read\",\"write\"]}");

        ClientAccessToken token = ClientAccessToken.fromTokenOnly(jwt, NOW.minusSeconds(10));

        assertEquals(NOW.toEpochMilli(), token.startTimeMs());
        assertEquals(NOW.plusSeconds(60).toEpochMilli(), token.lifetimeMs());
        assertEquals("app", token.principalName());
        assertEquals(Set.of("read", "write"), token.scope());
    }

    /** Not a JWS with a JSON header and JSON claims: an opaque token, whatever its dots. */
    @Test
    void whatIsNotASignedJwtIsOpaque() {
        String claims = "{\"sub\":\"x\",\"exp\":" + NOW.plusSeconds(60).getEpochSecond() + "}";
        for (String token : new String[] {
            unsigned("{\"alg\":\"RS256\"}", claims) + ".extra.parts",   // an encrypted JWT has five
            unsigned("{\"typ\":\"JWT\"}", claims),                      // no alg
            unsigned("{\"alg\":\"RS256\"}", "[1]"),                     // claims not an object
            "a.b.c",
        }) {
            ClientAccessToken opaque = ClientAccessToken.fromTokenOnly(token, NOW);
            assertEquals(NOW.plus(ClientAccessToken.DEFAULT_LIFETIME).toEpochMilli(), opaque.lifetimeMs(), token);
            assertEquals("unknown", opaque.principalName(), token);
        }
    }

    @Test
    void anExpThatIsNotANumberIsIgnored() {
        String jwt = unsigned("{\"alg\":\"RS256\"}", "{\"sub\":\"x\",\"exp\":\"soon\"}");

        assertEquals(NOW.plus(ClientAccessToken.DEFAULT_LIFETIME).toEpochMilli(),
                ClientAccessToken.fromTokenOnly(jwt, NOW).lifetimeMs());
    }

    private static String unsigned(String header, String claims) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + ".c2ln";
    }
}
