package io.watchsim.actors.sim;

/**
 * The order in which runnable work goes, decided by a seed: a runnable that became runnable at step
 * {@code s} is ranked {@code s + jitter}, where the jitter is a hash of the seed, the runnable's
 * {@linkplain TaskKeys name} and {@code s}, below {@code window}. Ties go by name, then by submission.
 * A window of 1 is first come, first served; a wide window lets later work overtake earlier work by up to
 * that many steps (never more, so nothing starves). A pure hash rather than a random draw: the rank of a
 * runnable does not depend on how many others were ranked before it.
 */
record SeededOrder(long seed, int window) {
    public SeededOrder {
        if (window < 1) {
            throw new IllegalArgumentException("the schedule's window is at least 1, not " + window);
        }
    }

    /** The windows a seed picks among when none is given: from first-come-first-served to wide. */
    private static final int[] WINDOWS = {1, 4, 16, 64, 256};

    /** The order a seed gives, its window drawn from the seed too. */
    static SeededOrder of(long seed) {
        return new SeededOrder(seed, WINDOWS[(int) Long.remainderUnsigned(mix(seed ^ 0x5EEDL), WINDOWS.length)]);
    }

    long rank(String key, long step) {
        if (window == 1) {
            return step;
        }
        long h = mix(seed ^ mix(key.hashCode() * 0x9E3779B97F4A7C15L) ^ mix(step + 0x632BE59BD9B4E019L));
        return step + Long.remainderUnsigned(h, window);
    }

    /** SplitMix64's finaliser. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
