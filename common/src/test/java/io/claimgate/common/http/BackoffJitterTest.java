package io.claimgate.common.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.LongUnaryOperator;
import org.junit.jupiter.api.Test;

/** Retry waits are random within [half, all] of the exponential, capped wait; never past the cap. */
class BackoffJitterTest {
    private static final HttpSettings SETTINGS = new HttpSettings(Duration.ofSeconds(1), Duration.ofSeconds(1), 10,
            Duration.ofMillis(100), Duration.ofMillis(350), Optional.empty());

    /** Always the lowest (0) or the highest (bound - 1) value a bounded draw can give. */
    private static LongUnaryOperator always(boolean highest) {
        return bound -> highest ? bound - 1 : 0;
    }

    @Test
    void theExtremesAreHalfAndAllOfTheNominalWait() {
        LongUnaryOperator lowest = always(false);
        LongUnaryOperator highest = always(true);
        assertEquals(Duration.ofMillis(50), SETTINGS.jitteredBackoffBefore(1, lowest));
        assertEquals(Duration.ofMillis(100), SETTINGS.jitteredBackoffBefore(1, highest));
        assertEquals(Duration.ofMillis(100), SETTINGS.jitteredBackoffBefore(2, lowest));
        assertEquals(Duration.ofMillis(200), SETTINGS.jitteredBackoffBefore(2, highest));
        assertEquals(Duration.ofMillis(175), SETTINGS.jitteredBackoffBefore(3, lowest), "half of the cap");
        assertEquals(Duration.ofMillis(350), SETTINGS.jitteredBackoffBefore(9, highest), "the cap, as before");
    }

    @Test
    void seededWaitsStayWithinTheBoundsAndSpreadOverThem() {
        Random random = new Random(42);
        for (int attempt = 1; attempt <= 10; attempt++) {
            long ceiling = SETTINGS.backoffBefore(attempt).toMillis();
            Set<Long> seen = new HashSet<>();
            for (int i = 0; i < 1_000; i++) {
                long wait = SETTINGS.jitteredBackoffBefore(attempt, random::nextLong).toMillis();
                assertTrue(wait >= (ceiling + 1) / 2 && wait <= ceiling, "attempt " + attempt + ": " + wait);
                seen.add(wait);
            }
            assertTrue(seen.size() > 20, "spread, not one value: " + seen.size() + " distinct waits");
        }
    }

    @Test
    void anOddWaitKeepsItsLargerHalfAndNoBackoffStaysNone() {
        HttpSettings odd = new HttpSettings(Duration.ofSeconds(1), Duration.ofSeconds(1), 1,
                Duration.ofMillis(3), Duration.ofMillis(3), Optional.empty());
        assertEquals(Duration.ofMillis(2), odd.jitteredBackoffBefore(1, always(false)));
        assertEquals(Duration.ofMillis(3), odd.jitteredBackoffBefore(1, always(true)));

        HttpSettings none = new HttpSettings(Duration.ofSeconds(1), Duration.ofSeconds(1), 1,
                Duration.ZERO, Duration.ZERO, Optional.empty());
        assertEquals(Duration.ZERO, none.jitteredBackoffBefore(1, new Random(1)::nextLong));
    }
}
