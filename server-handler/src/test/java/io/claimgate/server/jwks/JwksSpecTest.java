package io.claimgate.server.jwks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.claimgate.common.http.HttpSettings;
import io.claimgate.server.idp.BreakerSettings;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;

/** The JWKS spec is the key validators share a JWKS cache by. */
class JwksSpecTest {
    private static final Optional<URI> JWKS = Optional.of(URI.create("https://idp.example/jwks"));

    @Test
    void theSameTlsSettingsReadTwiceShareOneCache() throws Exception {
        // Two readings of the same truststore give two SSLContexts, equal only to themselves.
        JwksSpec first = spec(SSLContext.getInstance("TLS"), "digest-of-the-same-store", 300);
        JwksSpec second = spec(SSLContext.getInstance("TLS"), "digest-of-the-same-store", 300);
        assertEquals(first, second);
        assertEquals(first.hashCode(), second.hashCode());
    }

    @Test
    void anyDifferenceInWhereOrHowKeysAreFetchedGetsItsOwnCache() throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        assertNotEquals(spec(context, "store-a", 300), spec(context, "store-b", 300));
        assertNotEquals(spec(context, "store-a", 300), spec(context, "store-a", 60));
        assertNotEquals(spec(context, "store-a", 300), new JwksSpec(Optional.empty(),
                Optional.of(URI.create("https://idp.example")), http(context, "store-a"), Duration.ofSeconds(300),
                Duration.ofSeconds(1), Duration.ofDays(1), new BreakerSettings(5, Duration.ofSeconds(10))));
    }

    @Test
    void itsNameNeverShowsTheTlsFingerprint() throws Exception {
        assertFalse(spec(SSLContext.getInstance("TLS"), "secret-derived", 300).toString().contains("secret-derived"));
    }

    private static JwksSpec spec(SSLContext context, String fingerprint, long refreshSeconds) {
        return new JwksSpec(JWKS, Optional.empty(), http(context, fingerprint), Duration.ofSeconds(refreshSeconds),
                Duration.ofSeconds(1), Duration.ofDays(1), new BreakerSettings(5, Duration.ofSeconds(10)));
    }

    private static HttpSettings http(SSLContext context, String fingerprint) {
        return new HttpSettings(Duration.ofSeconds(1), Duration.ofSeconds(1), 0, Duration.ZERO, Duration.ZERO,
                Optional.of(context), fingerprint);
    }
}
