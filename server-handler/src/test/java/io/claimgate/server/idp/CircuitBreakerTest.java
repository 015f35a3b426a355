package io.claimgate.server.idp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {
    final AtomicLong now = new AtomicLong();
    final AtomicInteger calls = new AtomicInteger();
    final CircuitBreaker breaker = new CircuitBreaker("test endpoint", 3, Duration.ofSeconds(10), now::get);

    String fail() throws IOException {
        calls.incrementAndGet();
        throw new IOException("connection refused");
    }

    String succeed() {
        calls.incrementAndGet();
        return "ok";
    }

    @Test
    void opensAfterConsecutiveFailuresAndThenFailsFast() {
        for (int i = 0; i < 3; i++) {
            assertThrows(IOException.class, () -> breaker.call(this::fail));
        }
        assertEquals(CircuitBreaker.State.OPEN, breaker.state());

        var e = assertThrows(CircuitBreaker.OpenException.class, () -> breaker.call(this::succeed));

        assertEquals(3, calls.get(), "no call while open");
        assertTrue(e.getMessage().contains("test endpoint is open after 3 consecutive failures"), e.getMessage());
    }

    @Test
    void aSuccessResetsTheCount() throws Exception {
        assertThrows(IOException.class, () -> breaker.call(this::fail));
        assertThrows(IOException.class, () -> breaker.call(this::fail));
        breaker.call(this::succeed);
        assertThrows(IOException.class, () -> breaker.call(this::fail));
        assertThrows(IOException.class, () -> breaker.call(this::fail));
        assertEquals(CircuitBreaker.State.CLOSED, breaker.state());
    }

    @Test
    void afterTheCooldownOneProbeDecides() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThrows(IOException.class, () -> breaker.call(this::fail));
        }
        now.addAndGet(Duration.ofSeconds(10).toNanos());

        // The probe fails: open again for a whole cool-down.
        assertThrows(IOException.class, () -> breaker.call(this::fail));
        assertEquals(4, calls.get());
        assertEquals(CircuitBreaker.State.OPEN, breaker.state());
        now.addAndGet(Duration.ofSeconds(9).toNanos());
        assertThrows(CircuitBreaker.OpenException.class, () -> breaker.call(this::succeed));

        now.addAndGet(Duration.ofSeconds(1).toNanos());
        assertEquals("ok", breaker.call(this::succeed));
        assertEquals(CircuitBreaker.State.CLOSED, breaker.state());
        assertEquals("ok", breaker.call(this::succeed));
    }

    @Test
    void whileTheProbeIsUnderWayOthersFailFast() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThrows(IOException.class, () -> breaker.call(this::fail));
        }
        now.addAndGet(Duration.ofSeconds(10).toNanos());

        String result = breaker.call(() -> {
            assertEquals(CircuitBreaker.State.HALF_OPEN, breaker.state());
            var e = assertThrows(CircuitBreaker.OpenException.class, () -> breaker.call(this::succeed));
            assertTrue(e.getMessage().contains("while a probe call is under way"), e.getMessage());
            return "probe";
        });

        assertEquals("probe", result);
        assertEquals(CircuitBreaker.State.CLOSED, breaker.state());
    }
}
