package io.claimgate.authorizer.decision;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.claimgate.authorizer.metrics.AuthorizerMetrics;

/**
 * Bounded decision cache (Caffeine, size-based eviction) of {@link Verdict}s. Keys carry the ACL and rule-index
 * versions, so entries of an older state are never returned; {@link #clear()} on changes only frees
 * memory early. A size of zero disables caching (every request is decided afresh).
 */
final class DecisionCache {
    private final Cache<DecisionKey, Verdict> cache;
    private final AuthorizerMetrics metrics;

    DecisionCache(long maxEntries, AuthorizerMetrics metrics) {
        this.metrics = metrics;
        this.cache = maxEntries <= 0 ? null : Caffeine.newBuilder().maximumSize(maxEntries).build();
    }

    boolean enabled() {
        return cache != null;
    }

    Verdict get(DecisionKey key) {
        Verdict verdict = cache.getIfPresent(key);
        if (verdict != null) {
            metrics.cacheHit();
        } else {
            metrics.cacheMiss();
        }
        return verdict;
    }

    void put(DecisionKey key, Verdict verdict) {
        if (verdict.cacheable()) {
            cache.put(key, verdict);
        }
    }

    void clear() {
        if (cache != null) {
            cache.invalidateAll();
        }
    }

    long size() {
        return cache == null ? 0 : cache.estimatedSize();
    }
}
