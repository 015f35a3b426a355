package io.claimgate.server.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.claimgate.common.json.JsonObjectParser;
import java.text.ParseException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JwtClaimsTest {

    @Test
    void aTypicalAccessTokenKeepsItsParsedMap() throws ParseException {
        Map<String, Object> parsed = JsonObjectParser.parse("{\"iss\":\"https://idp\",\"aud\":[\"a\",\"b\"],"
                + "\"exp\":1764000000,\"iat\":1763990000,\"sub\":\"s\",\"realm_access\":{\"roles\":[\"r\"]}}");
        JwtClaims claims = JwtClaims.of(parsed);
        assertSame(parsed, claims.json());
        assertEquals("https://idp", claims.issuer());
        assertEquals(List.of("a", "b"), claims.audience());
        assertEquals(1_764_000_000_000L, claims.expiresAtMs());
        assertEquals(1_763_990_000_000L, claims.issuedAtMs());
        assertNull(claims.notBeforeMs());
    }

    @Test
    void normalisedAsJwtClaimsSetToJsonObjectWas() throws ParseException {
        JwtClaims claims = JwtClaims.of(JsonObjectParser.parse(
                "{\"aud\":[\"only\"],\"exp\":1764000000.9,\"nbf\":null,\"x\":{\"y\":null}}"));
        assertEquals("only", claims.json().get("aud"));
        assertEquals(1_764_000_000L, claims.json().get("exp"));
        assertFalse(claims.json().containsKey("nbf"));
        assertEquals(java.util.Collections.singletonMap("y", null), claims.json().get("x"));
        assertEquals(List.of("only"), claims.audience());
        assertFalse(JwtClaims.of(JsonObjectParser.parse("{\"aud\":[]}")).json().containsKey("aud"));
        assertEquals(List.of("one"), JwtClaims.of(JsonObjectParser.parse("{\"aud\":\"one\"}")).audience());
    }

    @Test
    void registeredClaimsOfTheWrongTypeAreRefused() {
        for (String json : List.of("{\"iss\":1}", "{\"sub\":[\"a\"]}", "{\"jti\":{}}", "{\"aud\":1}",
                "{\"aud\":[\"a\",2]}", "{\"aud\":[null]}", "{\"exp\":\"1764000000\"}", "{\"nbf\":true}",
                "{\"iat\":[1]}")) {
            assertThrows(ParseException.class, () -> JwtClaims.of(JsonObjectParser.parse(json)), json);
        }
    }

    @Test
    void absurdTimesSaturateInsteadOfWrappingAround() throws ParseException {
        assertEquals(Long.MAX_VALUE, JwtClaims.of(JsonObjectParser.parse("{\"exp\":9223372036854775807}")).expiresAtMs());
        assertEquals(Long.MAX_VALUE, JwtClaims.of(JsonObjectParser.parse("{\"exp\":1e300}")).expiresAtMs());
        assertEquals(Long.MIN_VALUE, JwtClaims.of(JsonObjectParser.parse("{\"nbf\":-9223372036854775808}")).notBeforeMs());
    }
}
