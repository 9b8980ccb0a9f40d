package io.watchsim.simulations.runner;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The share arithmetic of faults: how many members a share of a group is, and which ones a
 * random stream picks. A share above 0 is at least one member ({@code faults.NAME.share}: "at
 * least one when above 0"), and never more than the group holds.
 */
final class Shares {
    private Shares() {
    }

    /**
     * The members a {@code share} (0..1) of a group of {@code size} is: {@code share × size}
     * rounded to the nearest whole number (halves up), at least 1 when the share is above 0 and
     * the group is not empty, at most {@code size}; 0 for a share of 0 or less (or not a number).
     */
    static int count(double share, int size) {
        if (!(share > 0) || size <= 0) {
            return 0;
        }
        long rounded = Math.round(share * size);
        return (int) Math.max(1, Math.min(size, rounded));
    }

    /**
     * {@code k} distinct positions out of {@code 0..n-1}, drawn uniformly from {@code random}
     * (Floyd's sampling: k draws, whatever n), in ascending order. One stream and one (n, k) give
     * the same positions every time.
     */
    static int[] sample(int n, int k, SplittableRandom random) {
        if (k < 0 || k > n) {
            throw new IllegalArgumentException("cannot pick " + k + " of " + n);
        }
        Set<Integer> chosen = new HashSet<>(Math.max(16, k * 2));
        for (int j = n - k; j < n; j++) {
            int t = random.nextInt(j + 1);
            chosen.add(chosen.contains(t) ? j : t);
        }
        int[] out = chosen.stream().mapToInt(Integer::intValue).toArray();
        Arrays.sort(out);
        return out;
    }
}
