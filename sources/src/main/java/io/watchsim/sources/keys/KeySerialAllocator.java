package io.watchsim.sources.keys;

import java.util.function.IntPredicate;
import java.util.random.RandomGenerator;

/**
 * Key serial numbers as {@code key_alloc_serial()} hands them out: a random 32-bit value shifted
 * right by one as a signed int (so negative draws are redrawn and serials lie in 3..2^30-1), and,
 * when that serial is taken, the next free one above it, wrapping to 3. A serial is never reused
 * while its key lives. The random source is the simulation's own seeded stream, so a seed decides
 * every serial.
 *
 * <p>Concurrency contract: single owner (the kernel's key registry).
 */
final class KeySerialAllocator {
    /** Serials below 3 are never handed out. */
    public static final int MIN_SERIAL = 3;

    private final RandomGenerator random;

    KeySerialAllocator(RandomGenerator random) {
        this.random = random;
    }

    /**
     * A fresh serial: one that {@code taken} says no live key has. The caller records it (the
     * key table's own map of live keys is the record, so serials cost no second set).
     */
    public int allocate(IntPredicate taken) {
        int serial;
        do {
            serial = random.nextInt() >> 1;
        } while (serial < MIN_SERIAL);
        while (taken.test(serial)) {
            serial++;
            if (serial < MIN_SERIAL) {
                serial = MIN_SERIAL;
            }
        }
        return serial;
    }
}
