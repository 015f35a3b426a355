package io.claimgate.filter;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs evaluation errors without flooding: the first per filter, then at most one per filter per
 * {@value #INTERVAL_MS} ms, with how many were not logged in between. Every error is counted in
 * the metrics regardless. CEL's messages name keys and types, not record values.
 */
final class ErrorLog {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorLog.class);
    static final long INTERVAL_MS = 60_000;

    private final LongSupplier clock;
    private final Map<String, long[]> byFilter = new ConcurrentHashMap<>();   // {last logged at, suppressed}

    ErrorLog(LongSupplier clock) {
        this.clock = clock;
    }

    void report(String filter, String topic, String message) {
        long now = clock.getAsLong();
        long[] state = byFilter.computeIfAbsent(filter, f -> new long[] {Long.MIN_VALUE, 0});
        long suppressed;
        synchronized (state) {
            if (state[0] != Long.MIN_VALUE && now - state[0] < INTERVAL_MS) {
                state[1]++;
                return;
            }
            state[0] = now;
            suppressed = state[1];
            state[1] = 0;
        }
        LOG.warn("claimgate record filter '{}' failed on a record of topic {}; the record is held back (or, if nothing can retry it, withheld){}: {}", filter,
                topic, suppressed == 0 ? "" : " (" + suppressed + " more failures since the last message)", message);
    }
}
