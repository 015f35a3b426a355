package io.claimgate.server.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class RecencyCacheTest {
    @Test
    void whenFullTheLeastRecentlyUsedEntryGoes() {
        RecencyCache<String, Integer> cache = new RecencyCache<>(3);
        cache.put("a", 1);
        cache.put("b", 2);
        cache.put("c", 3);
        cache.get("a");   // now b is the least recently used

        cache.put("d", 4);

        assertNull(cache.get("b"));
        assertEquals(1, cache.get("a"));
        assertEquals(3, cache.get("c"));
        assertEquals(4, cache.get("d"));
        assertEquals(3, cache.size());
    }

    @Test
    void aLargeCacheKeepsItsBoundAcrossSegments() {
        RecencyCache<Integer, Integer> cache = new RecencyCache<>(10_000);
        for (int i = 0; i < 50_000; i++) {
            cache.put(i, i);
        }
        assertEquals(10_000, cache.size(), "16 segments of 625");
        int recent = 0;
        for (int i = 49_000; i < 50_000; i++) {
            recent += cache.get(i) == null ? 0 : 1;
        }
        assertEquals(1000, recent, "the last thousand entries are all there");
    }

    @Test
    void removeAndClear() {
        RecencyCache<String, Integer> cache = new RecencyCache<>(100);
        cache.put("a", 1);
        cache.put("b", 2);
        cache.remove("a");
        assertNull(cache.get("a"));
        cache.clear();
        assertEquals(0, cache.size());
    }

    @Test
    void sizeAndValuesAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> new RecencyCache<String, String>(0));
        assertThrows(NullPointerException.class, () -> new RecencyCache<String, String>(10).put("a", null));
    }

    @Test
    void concurrentUseKeepsEveryEntryConsistent() throws Exception {
        RecencyCache<Integer, Integer> cache = new RecencyCache<>(1000);
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> wrong = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int offset = t * 100_000;
                wrong.add(threads.submit(() -> {
                    int mismatches = 0;
                    for (int i = 0; i < 100_000; i++) {
                        int key = offset + i % 5000;
                        Integer value = cache.get(key);
                        if (value == null) {
                            cache.put(key, key);
                        } else if (value != key) {
                            mismatches++;
                        }
                    }
                    return mismatches;
                }));
            }
            for (Future<Integer> f : wrong) {
                assertEquals(0, f.get());
            }
        } finally {
            threads.shutdownNow();
        }
        assertEquals(1000, cache.size());
    }
}
