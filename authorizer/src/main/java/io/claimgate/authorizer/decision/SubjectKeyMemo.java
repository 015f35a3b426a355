package io.claimgate.authorizer.decision;

import java.lang.ref.WeakReference;
import java.net.InetAddress;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Remembers, per token-claims map INSTANCE, the canonical {@link SubjectKey} of the requests that
 * carried it. Kafka builds a new principal for every request, but the claims map inside it is the
 * token's, the same instance for every request of a session; so a request whose claims instance,
 * groups and scopes instances and name, listener and address match an entry gets the canonical key
 * back without hashing or comparing a single claim, and the decision cache then finds its entry by
 * identity ({@link SubjectKey#equals} checks {@code ==} first).
 *
 * <p>A fixed-size, lock-free table in which each claims instance has two possible slots (by its
 * identity hash): a lookup reads at most two array elements; an insert takes a free slot of the two
 * (or one whose claims map was collected) and otherwise overwrites one of them. A miss only costs
 * what building and interning a key costs anyway ({@link SubjectKeys}); a stale or overwritten entry
 * is never wrong, because an entry is only used when every part of the request matches it.
 *
 * <p>Memory: the claims map an entry was made for is held weakly; the canonical key it points to is
 * held strongly, so the table pins at most {@value #SLOTS} keys, as the decision cache pins the
 * keys of its entries. Entries are immutable (final fields), so a plain read sees a complete one.
 */
final class SubjectKeyMemo {
    private static final int SLOT_BITS = 14;
    static final int SLOTS = 1 << SLOT_BITS;   // 64 KiB of references; two choices keep 4 096 sessions' entries apart
    private static final int MASK = SLOTS - 1;

    private final AtomicReferenceArray<Entry> slots = new AtomicReferenceArray<>(SLOTS);

    /** The canonical key remembered for a request with exactly these parts, or null. */
    SubjectKey get(String type, String name, List<String> groups, Collection<String> scopes,
                   Map<String, Object> claims, String listener, InetAddress address) {
        int h = System.identityHashCode(claims);
        Entry entry = slots.getPlain(first(h));
        if (entry == null || !entry.matches(type, name, groups, scopes, claims, listener, address)) {
            entry = slots.getPlain(second(h));
            if (entry == null || !entry.matches(type, name, groups, scopes, claims, listener, address)) {
                return null;
            }
        }
        return entry.key;
    }

    /** Remember {@code key} for requests with the parts it was built from, as they were passed (instances). */
    void put(SubjectKey key, String name, List<String> groups, Collection<String> scopes, Map<String, Object> claims) {
        int h = System.identityHashCode(claims);
        int first = first(h);
        int second = second(h);
        Entry entry = new Entry(key, name, groups, scopes, claims);
        int slot;
        if (free(slots.getPlain(first))) {
            slot = first;
        } else if (free(slots.getPlain(second))) {
            slot = second;
        } else {
            slot = (h & (1 << 20)) == 0 ? first : second;   // both taken: evict one, chosen by another hash bit
        }
        slots.setRelease(slot, entry);
    }

    private static boolean free(Entry entry) {
        return entry == null || entry.refersTo(null);
    }

    private static int first(int h) {
        return (h ^ (h >>> 16)) & MASK;
    }

    private static int second(int h) {
        return ((h * 0x9E3779B9) >>> (32 - SLOT_BITS)) & MASK;
    }

    private static final class Entry extends WeakReference<Map<String, Object>> {
        final SubjectKey key;
        // The request's own instances, compared by identity first: a session's requests share them.
        final String name;
        final List<String> groups;
        final Collection<String> scopes;

        Entry(SubjectKey key, String name, List<String> groups, Collection<String> scopes, Map<String, Object> claims) {
            super(claims);
            this.key = key;
            this.name = name;
            this.groups = groups;
            this.scopes = scopes;
        }

        boolean matches(String type, String name, List<String> groups, Collection<String> scopes,
                        Map<String, Object> claims, String listener, InetAddress address) {
            return refersTo(claims) && this.groups == groups && this.scopes == scopes && (this.name == name || this.name.equals(name))
                    && key.type.equals(type) && Objects.equals(key.listener, listener)
                    && Objects.equals(key.address, address);
        }
    }
}
