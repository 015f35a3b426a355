package io.claimgate.authorizer.decision;

import java.lang.ref.WeakReference;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Remembers the deep {@code hashCode()} of recently seen objects by identity, in a fixed-size,
 * lock-free, direct-mapped table: a hit costs an identity hash and one array read. Used for token
 * claims, which are hashed for every request's cache key while staying the same map instance for
 * a whole session. A slot collision just recomputes and overwrites; objects are held weakly, so
 * the table keeps no token alive. Correct for immutable objects only.
 */
final class IdentityHashMemo {
    private static final int SLOTS = 4096;   // power of two

    private final AtomicReferenceArray<Entry> slots = new AtomicReferenceArray<>(SLOTS);

    int hashOf(Object value) {
        int slot = mix(System.identityHashCode(value)) & (SLOTS - 1);
        Entry entry = slots.getPlain(slot);
        if (entry != null && entry.get() == value) {
            return entry.hash;
        }
        int hash = value.hashCode();
        // Publication race is harmless: Entry's fields are final, a reader sees a complete entry.
        slots.setRelease(slot, new Entry(value, hash));
        return hash;
    }

    private static int mix(int h) {
        return h ^ (h >>> 16);
    }

    private static final class Entry extends WeakReference<Object> {
        final int hash;

        Entry(Object referent, int hash) {
            super(referent);
            this.hash = hash;
        }
    }
}
