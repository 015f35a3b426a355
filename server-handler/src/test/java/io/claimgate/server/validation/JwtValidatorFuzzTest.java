package io.claimgate.server.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.claimgate.common.config.OptionReader;
import io.claimgate.common.config.OptionSource;
import io.claimgate.server.IssuerOptions;
import io.claimgate.server.ValidatedToken;
import io.claimgate.server.validation.TokenValidationException.Reason;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;

/**
 * Fuzzes the whole local validation pipeline (parse, algorithm, {@code typ}, key selection,
 * signature, claims, mapping) with a fixed key set ({@link FuzzKeys}) and a fixed clock. Without
 * {@code JAZZER_FUZZ} this runs the seeds in {@code JwtValidatorFuzzTestInputs/validate/}.
 * <ul>
 *   <li>the only exception is {@link TokenValidationException}, never {@code INTERNAL_ERROR};</li>
 *   <li>a token is accepted only if it is, character for character, one the test keys signed: no
 *       forgery, and no second spelling of a signed token;</li>
 *   <li>an accepted token's principal is the claim the options name, its issuer the expected one;</li>
 *   <li>a refusal's detail never repeats the token.</li>
 * </ul>
 */
class JwtValidatorFuzzTest {
    private static final Set<String> SIGNED = FuzzKeys.signedTokens();
    private static final JwtValidator VALIDATOR = validator();

    @FuzzTest(maxDuration = "6m")
    void validate(byte[] input) {
        String token = new String(input, StandardCharsets.UTF_8);
        ValidatedToken accepted;
        try {
            accepted = VALIDATOR.validate(token);
        } catch (TokenValidationException e) {
            assertNotEquals(Reason.INTERNAL_ERROR, e.reason(), e::getMessage);
            if (token.length() >= 16) {
                assertFalse(e.getMessage().contains(token), "the detail repeats the token");
            }
            return;
        }
        assertTrue(SIGNED.contains(token), () -> "accepted a token the test keys did not sign: " + token);
        assertEquals(FuzzKeys.ISSUER, accepted.iss());
        assertEquals(accepted.claims().get("client_id"), accepted.principalName());
        assertEquals(token, accepted.value());
    }

    private static JwtValidator validator() {
        Map<String, String> options = Map.of(
                "oauth.jwks.endpoint.uri", "https://idp.example/jwks",
                "oauth.valid.issuer.uri", FuzzKeys.ISSUER,
                "oauth.valid.audience", FuzzKeys.AUDIENCE,
                "oauth.required.scopes", "kafka",
                "oauth.username.claim", "client_id",
                "oauth.groups.claim", "groups",
                "oauth.max.token.bytes", "4096");
        IssuerOptions issuer = IssuerOptions.from(IssuerOptions.DEFAULT_ID,
                new OptionReader(OptionSource.of(options, Map.of(), name -> null)));
        Clock clock = Clock.fixed(FuzzKeys.NOW, ZoneOffset.UTC);
        return JwtValidator.builder(issuer, issuer.issuer(), clock).keys(FuzzKeys.load()).build();
    }
}
