package io.claimgate.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScopedOptionSourceTest {
    final OptionSource base = OptionSource.of(Map.of(
                    "oauth.issuer.corp.jwks.endpoint.uri", "https://corp.example/jwks",
                    "oauth.clock.skew.seconds", "10",
                    "oauth.issuer.corp.read.timeout.ms", "oops"),
            Map.of("sasl.oauthbearer.expected.issuer", "https://kafka-config.example"),
            name -> name.equals("OAUTH_ISSUER_CORP_CLIENT_SECRET") ? "from-env" : null);
    final Set<String> identity = Set.of(OptionNames.JWKS_ENDPOINT_URI, OptionNames.VALID_ISSUER_URI,
            OptionNames.CLIENT_SECRET);
    final OptionReader corp = new OptionReader(base.scoped("oauth.issuer.corp.", option -> !identity.contains(option)));

    @Test
    void scopedOptionsWinAndSharedOnesAreInherited() {
        assertEquals(Optional.of("https://corp.example/jwks"), corp.string(OptionNames.JWKS_ENDPOINT_URI));
        assertEquals(Optional.of("10"), corp.string(OptionNames.CLOCK_SKEW_SECONDS));
        assertEquals(Optional.of("from-env"), corp.string(OptionNames.CLIENT_SECRET));
    }

    @Test
    void identityOptionsAreNotInheritedNorTakenFromKafkasConfigs() {
        assertEquals(Optional.empty(), corp.string(OptionNames.VALID_ISSUER_URI));
        assertEquals(Optional.of("https://kafka-config.example"),
                new OptionReader(base).string(OptionNames.VALID_ISSUER_URI));
    }

    @Test
    void messagesNameTheScopedOption() {
        var missing = corp.missing(OptionNames.VALID_ISSUER_URI, "the issuer");
        assertEquals("oauth.issuer.corp.valid.issuer.uri", missing.option());
        assertTrue(missing.getMessage().contains("OAUTH_ISSUER_CORP_VALID_ISSUER_URI"), missing.getMessage());
        var invalid = assertThrows(InvalidOptionException.class,
                () -> corp.millis(OptionNames.READ_TIMEOUT_MS, java.time.Duration.ofSeconds(1),
                        java.time.Duration.ZERO, java.time.Duration.ofMinutes(1)));
        assertEquals("oauth.issuer.corp.read.timeout.ms", invalid.option());
    }
}
