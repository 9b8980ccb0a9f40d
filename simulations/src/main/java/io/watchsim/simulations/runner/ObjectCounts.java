package io.watchsim.simulations.runner;

import java.util.HashMap;
import java.util.Map;

/**
 * Records read per object by one reader: an open-addressing table of primitive object ids and
 * counts, so that counting a record allocates nothing (a map of boxed ids allocated a key per
 * record once a queue's records alternate between objects). A reader watches a few objects, so
 * the table stays small. Single owner (a reader actor); not thread-safe.
 */
final class ObjectCounts {
    private static final long EMPTY = Long.MIN_VALUE;
    private long[] ids = newIds(4);
    private long[] counts = new long[4];
    private int size;

    private static long[] newIds(int capacity) {
        long[] a = new long[capacity];
        java.util.Arrays.fill(a, EMPTY);
        return a;
    }

    /** Adds {@code n} records of {@code object} (any id but {@code Long.MIN_VALUE}). */
    void add(long object, long n) {
        if (object == EMPTY) {
            throw new IllegalArgumentException("object id " + object + " is reserved");
        }
        int mask = ids.length - 1;
        int i = slot(object, mask);
        while (ids[i] != EMPTY && ids[i] != object) {
            i = (i + 1) & mask;
        }
        if (ids[i] == EMPTY) {
            ids[i] = object;
            size++;
        }
        counts[i] += n;
        if (size * 4 > ids.length * 3) {
            grow();
        }
    }

    private static int slot(long object, int mask) {
        long h = object * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }

    private void grow() {
        long[] oldIds = ids;
        long[] oldCounts = counts;
        ids = newIds(oldIds.length * 2);
        counts = new long[oldIds.length * 2];
        size = 0;
        for (int i = 0; i < oldIds.length; i++) {
            if (oldIds[i] != EMPTY) {
                add(oldIds[i], oldCounts[i]);
            }
        }
    }

    /** The counts as an ordinary map. */
    Map<Long, Long> toMap() {
        Map<Long, Long> out = new HashMap<>();
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] != EMPTY) {
                out.put(ids[i], counts[i]);
            }
        }
        return out;
    }
}
