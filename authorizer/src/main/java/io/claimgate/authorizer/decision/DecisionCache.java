package io.claimgate.authorizer.decision;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.claimgate.authorizer.metrics.AuthorizerMetrics;

/**
 * Bounded decision cache (Caffeine, size-based eviction). Keys carry the ACL and rule-index
 * versions, so entries of an older state are never returned; {@link #clear()} on changes only frees
 * memory early. A size of zero disables caching (every request is decided afresh).
 */
final class DecisionCache {
    private final Cache<DecisionKey, Decision> cache;

    DecisionCache(long maxEntries) {
        this.cache = maxEntries <= 0 ? null : Caffeine.newBuilder().maximumSize(maxEntries).build();
    }

    boolean enabled() {
        return cache != null;
    }

    Decision get(DecisionKey key) {
        Decision decision = cache.getIfPresent(key);
        if (decision != null) {
            AuthorizerMetrics.cacheHit();
        } else {
            AuthorizerMetrics.cacheMiss();
        }
        return decision;
    }

    void put(DecisionKey key, Decision decision) {
        if (decision.cacheable()) {
            cache.put(key, decision);
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
