package io.watchsim.sources;

import java.util.HashSet;
import java.util.Set;
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
public final class KeySerialAllocator {
    /** Serials below 3 are never handed out. */
    public static final int MIN_SERIAL = 3;

    private final RandomGenerator random;
    private final Set<Integer> live = new HashSet<>();

    public KeySerialAllocator(RandomGenerator random) {
        this.random = random;
    }

    /** A fresh serial, now live. */
    public int allocate() {
        int serial;
        do {
            serial = random.nextInt() >> 1;
        } while (serial < MIN_SERIAL);
        while (live.contains(serial)) {
            serial++;
            if (serial < MIN_SERIAL) {
                serial = MIN_SERIAL;
            }
        }
        live.add(serial);
        return serial;
    }

    /** The key with {@code serial} is gone; its serial may be handed out again. */
    public void release(int serial) {
        live.remove(serial);
    }

    public boolean isLive(int serial) {
        return live.contains(serial);
    }

    public int liveCount() {
        return live.size();
    }
}
