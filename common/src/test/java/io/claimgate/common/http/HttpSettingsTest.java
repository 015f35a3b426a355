package io.claimgate.common.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.claimgate.common.config.InvalidOptionException;
import io.claimgate.common.config.OptionReader;
import io.claimgate.common.config.OptionSource;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpSettingsTest {

    private static HttpSettings read(Map<String, String> jaas) {
        return HttpSettings.from(new OptionReader(OptionSource.of(jaas, Map.of(), name -> null)), 2);
    }

    @Test
    void aBackoffBoundBelowTheFirstWaitIsAContradiction() {
        InvalidOptionException e = assertThrows(InvalidOptionException.class, () -> read(Map.of(
                "oauth.http.retry.backoff.ms", "5000", "oauth.http.retry.backoff.max.ms", "1000")));
        assertEquals("oauth.http.retry.backoff.max.ms", e.option());
    }

    @Test
    void aFirstWaitAboveTheDefaultBoundRaisesTheBound() {
        assertEquals(Duration.ofSeconds(20), read(Map.of("oauth.http.retry.backoff.ms", "20000")).backoffMax());
    }
}
