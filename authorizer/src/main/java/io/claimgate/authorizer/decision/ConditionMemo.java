package io.claimgate.authorizer.decision;

import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * Per-requester memory of evaluated policy conditions: two bits per policy (unknown, false, true)
 * in a lock-free array, so a requester costs a few bytes even with thousands of policies, and a
 * lookup is one array read. Writes race benignly: both racers computed the same value.
 */
final class ConditionMemo {
    static final int UNKNOWN = 0;
    static final int FALSE = 1;
    static final int TRUE = 2;

    private static final int PER_INT = 16;

    private final AtomicIntegerArray bits;

    ConditionMemo(int policies) {
        this.bits = new AtomicIntegerArray(Math.max(1, (policies + PER_INT - 1) / PER_INT));
    }

    int get(int policy) {
        return (bits.getPlain(policy / PER_INT) >>> shift(policy)) & 3;
    }

    void set(int policy, boolean value) {
        int index = policy / PER_INT;
        int mask = 3 << shift(policy);
        int state = (value ? TRUE : FALSE) << shift(policy);
        int current;
        do {
            current = bits.get(index);
        } while (!bits.weakCompareAndSetVolatile(index, current, (current & ~mask) | state));
    }

    private static int shift(int policy) {
        return (policy % PER_INT) * 2;
    }
}
