package io.claimgate.server.idp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** One budget drawn down by successive waits, on a clock the test moves. */
class TimeBudgetTest {
    final AtomicLong now = new AtomicLong(1_000_000);

    @Test
    void stepsDrawDownOneBudget() throws Exception {
        TimeBudget budget = TimeBudget.start(Duration.ofMillis(1500), now::get);
        Duration timeouts = Duration.ofSeconds(20);

        assertEquals(Duration.ofMillis(1500), budget.cap(timeouts), "the first step may use it all");
        now.addAndGet(Duration.ofMillis(1000).toNanos());   // discovery took 1 s
        assertEquals(Duration.ofMillis(500), budget.cap(timeouts), "the next step gets what is left");
        assertEquals(Duration.ofMillis(200), budget.cap(Duration.ofMillis(200)), "or its own timeout if shorter");
        budget.check("introspection");

        now.addAndGet(Duration.ofMillis(500).toNanos());

        assertTrue(budget.exhausted());
        assertEquals(Duration.ZERO, budget.remaining());
        TimeBudget.Exhausted e = assertThrows(TimeBudget.Exhausted.class, () -> budget.check("introspection"));
        assertEquals("validation budget of 1500 ms (oauth.validation.timeout.ms) exhausted while waiting for"
                + " introspection", e.getMessage());
    }

    @Test
    void backgroundWorkHasNoBudget() {
        assertFalse(TimeBudget.unlimited().exhausted());
        assertEquals(Duration.ofSeconds(20), TimeBudget.unlimited().cap(Duration.ofSeconds(20)));
    }
}
