package io.claimgate.common.json;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * A parsed JSON object: immutable, in document order, {@code null} values as JSON has them. What
 * {@link JsonObjectParser} returns for every object, so that the claims of a token are built once:
 * a broker keeps them for as long as the token is cached or its session lives, and before this
 * they were a {@code LinkedHashMap} (an entry object per claim) copied into an immutable map.
 * Two arrays in document order and an index into them; equality and hash code are {@link Map}'s, so
 * it equals any map with the same entries.
 *
 * <p>The index is open addressing for up to {@value #MAX_PROBED} members (a token's claims, a
 * header), and a {@link HashMap} beyond that: the member names come from whoever sent the token,
 * which may be an unauthenticated client, and names with equal hash codes are easy to make. Probing
 * among thousands of them would be quadratic on a broker's network thread; {@code HashMap} keeps
 * colliding string keys in trees, so a lookup stays logarithmic.
 */
public final class JsonObject extends AbstractMap<String, Object> {
    /** Most members indexed by probing; more go into a {@link HashMap}. */
    static final int MAX_PROBED = 32;
    private static final JsonObject EMPTY = new Builder(0).build();

    private final String[] keys;
    private final Object[] values;
    /** Slot i holds 1 + the index of a key whose hash starts probing there, or 0 (free); null if large. */
    private final int[] index;
    /** Key to its index, for more than {@value #MAX_PROBED} members; else null. */
    private final Map<String, Integer> largeIndex;
    private final boolean hasNullValue;

    private JsonObject(String[] keys, Object[] values, int[] index, Map<String, Integer> largeIndex,
                       boolean hasNullValue) {
        this.keys = keys;
        this.values = values;
        this.index = index;
        this.largeIndex = largeIndex;
        this.hasNullValue = hasNullValue;
    }

    public static JsonObject empty() {
        return EMPTY;
    }

    /** For parsers and code that builds a JSON object member by member. */
    public static Builder builder(int expectedSize) {
        return new Builder(expectedSize);
    }

    /**
     * {@code map} as an immutable map without null values: a {@link JsonObject} that has none as it
     * is, anything else through {@link Map#copyOf} (which refuses null keys and values). For holders
     * of claims that promise immutability, without copying claims a second time.
     */
    public static Map<String, Object> immutable(Map<String, Object> map) {
        if (map instanceof JsonObject && !((JsonObject) map).hasNullValue) {
            return map;
        }
        return Map.copyOf(map);
    }

    /** Whether a member's value is JSON {@code null} (immutable maps of the JDK cannot hold one). */
    public boolean hasNullValue() {
        return hasNullValue;
    }

    @Override
    public int size() {
        return keys.length;
    }

    @Override
    public Object get(Object key) {
        int i = find(key);
        return i < 0 ? null : values[i];
    }

    @Override
    public boolean containsKey(Object key) {
        return find(key) >= 0;
    }

    @Override
    public boolean containsValue(Object value) {
        for (Object candidate : values) {
            if (Objects.equals(candidate, value)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void forEach(BiConsumer<? super String, ? super Object> action) {
        for (int i = 0; i < keys.length; i++) {
            action.accept(keys[i], values[i]);
        }
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public int size() {
                return keys.length;
            }

            @Override
            public Iterator<Entry<String, Object>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < keys.length;
                    }

                    @Override
                    public Entry<String, Object> next() {
                        if (next >= keys.length) {
                            throw new NoSuchElementException();
                        }
                        int i = next++;
                        return new SimpleImmutableEntry<>(keys[i], values[i]);
                    }
                };
            }
        };
    }

    /** Whether lookups go through a {@link HashMap} (more than {@value #MAX_PROBED} members); for tests. */
    boolean hashMapIndexed() {
        return largeIndex != null;
    }

    private int find(Object key) {
        if (!(key instanceof String) || keys.length == 0) {
            return -1;
        }
        if (largeIndex != null) {
            Integer i = largeIndex.get(key);
            return i == null ? -1 : i;
        }
        int mask = index.length - 1;
        for (int slot = spread(key.hashCode()) & mask; ; slot = (slot + 1) & mask) {
            int entry = index[slot];
            if (entry == 0) {
                return -1;
            }
            if (keys[entry - 1].equals(key)) {
                return entry - 1;
            }
        }
    }

    private static int spread(int hash) {
        return hash ^ (hash >>> 16);
    }

    /** Collects members in order; refuses a second value for a key. Not thread-safe; use once. */
    public static final class Builder {
        private String[] keys;
        private Object[] values;
        private int[] index;                       // while at most MAX_PROBED members
        private Map<String, Integer> largeIndex;   // from then on
        private int size;
        private boolean hasNullValue;

        private Builder(int expectedSize) {
            int capacity = Math.min(Math.max(expectedSize, 4), MAX_PROBED);
            keys = new String[capacity];
            values = new Object[capacity];
            index = new int[tableSize(capacity)];
        }

        /** Adds a member; false (and nothing added) if {@code key} is already there. */
        public boolean put(String key, Object value) {
            Objects.requireNonNull(key, "key");
            if (size == keys.length) {
                grow();
            }
            if (largeIndex != null) {
                if (largeIndex.putIfAbsent(key, size) != null) {
                    return false;
                }
            } else if (!probeInsert(key)) {
                return false;
            }
            keys[size] = key;
            values[size] = value;
            hasNullValue |= value == null;
            size++;
            return true;
        }

        private boolean probeInsert(String key) {
            int mask = index.length - 1;
            int slot = spread(key.hashCode()) & mask;
            for (int entry = index[slot]; entry != 0; entry = index[slot]) {
                if (keys[entry - 1].equals(key)) {
                    return false;
                }
                slot = (slot + 1) & mask;
            }
            index[slot] = size + 1;
            return true;
        }

        private void grow() {
            keys = Arrays.copyOf(keys, size * 2);
            values = Arrays.copyOf(values, size * 2);
            if (largeIndex != null) {
                return;
            }
            if (size * 2 <= MAX_PROBED) {
                index = reindex(keys, size, tableSize(size * 2));
            } else {
                largeIndex = new HashMap<>(size * 4);
                for (int i = 0; i < size; i++) {
                    largeIndex.put(keys[i], i);
                }
                index = null;
            }
        }

        public JsonObject build() {
            if (largeIndex != null) {
                return new JsonObject(Arrays.copyOf(keys, size), Arrays.copyOf(values, size), null, largeIndex,
                        hasNullValue);
            }
            if (size == keys.length) {
                return new JsonObject(keys, values, index, null, hasNullValue);
            }
            String[] exactKeys = Arrays.copyOf(keys, size);
            int tableSize = tableSize(size);
            // Rebuilt smaller only when that saves memory worth keeping (a cached token's claims).
            int[] exactIndex = tableSize < index.length ? reindex(exactKeys, size, tableSize) : index;
            return new JsonObject(exactKeys, Arrays.copyOf(values, size), exactIndex, null, hasNullValue);
        }

        /** A power of two at least twice {@code entries}: probe runs stay short. */
        private static int tableSize(int entries) {
            return Math.max(4, Integer.highestOneBit(Math.max(entries, 1) * 2 - 1) << 1);
        }

        private static int[] reindex(String[] keys, int size, int tableSize) {
            int[] index = new int[tableSize];
            int mask = tableSize - 1;
            for (int i = 0; i < size; i++) {
                int slot = spread(keys[i].hashCode()) & mask;
                while (index[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                index[slot] = i + 1;
            }
            return index;
        }
    }
}
