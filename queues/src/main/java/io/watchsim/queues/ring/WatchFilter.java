package io.watchsim.queues.ring;

import io.watchsim.queues.Errno;
import io.watchsim.queues.ErrnoException;
import io.watchsim.queues.record.WatchNotification;

/**
 * A queue's compiled filter, immutable once built (IOC_WATCH_QUEUE_SET_FILTER in
 * {@code kernel/watch_queue.c}). It is consulted once per
 * (record, watch) at post time, after the watch's tag is in {@code info}.
 *
 * <p>Compilation follows {@code watch_queue_set_filter()}: the count and the reserved word are
 * checked first, then every entry's info bits (unknown types included), and unknown types are
 * skipped with the same test in every pass, the lesson of CVE-2022-0995.
 */
public final class WatchFilter {
    private final int typeBitmap;
    private final int[] types;
    private final int[] infoFilters;
    private final int[] infoMasks;
    private final int[] subtypeWords;

    private WatchFilter(int typeBitmap, int[] types, int[] infoFilters, int[] infoMasks, int[] subtypeWords) {
        this.typeBitmap = typeBitmap;
        this.types = types;
        this.infoFilters = infoFilters;
        this.infoMasks = infoMasks;
        this.subtypeWords = subtypeWords;
    }

    /** Validates a request as the kernel does and builds the filter; EINVAL names the value at fault. */
    public static WatchFilter compile(FilterRequest request) {
        int nr = request.nrFilters();
        if (nr == 0 || Integer.toUnsignedLong(nr) > FilterRequest.MAX_FILTERS) {
            throw new ErrnoException(Errno.EINVAL, "nr_filters " + Integer.toUnsignedString(nr)
                    + " is out of range; allowed 1.." + FilterRequest.MAX_FILTERS);
        }
        if (request.reserved() != 0) {
            throw new ErrnoException(Errno.EINVAL, "__reserved is " + Integer.toUnsignedString(request.reserved())
                    + "; it must be 0");
        }
        int accepted = 0;
        for (int i = 0; i < nr; i++) {
            TypeFilter tf = request.entry(i);
            if ((tf.infoFilter() & ~tf.infoMask()) != 0) {
                throw new ErrnoException(Errno.EINVAL, String.format(
                        "filter %d: info_filter 0x%08x has bits outside info_mask 0x%08x", i, tf.infoFilter(), tf.infoMask()));
            }
            if ((tf.infoMask() & WatchNotification.WATCH_INFO_LENGTH) != 0) {
                throw new ErrnoException(Errno.EINVAL, String.format(
                        "filter %d: info_mask 0x%08x touches the length bits 0x0000007f", i, tf.infoMask()));
            }
            if (isKnownType(tf.type())) {
                accepted++;
            }
        }
        int[] types = new int[accepted];
        int[] infoFilters = new int[accepted];
        int[] infoMasks = new int[accepted];
        int[] subtypeWords = new int[accepted];
        int bitmap = 0;
        int q = 0;
        for (int i = 0; i < nr; i++) {
            TypeFilter tf = request.entry(i);
            if (!isKnownType(tf.type())) {
                continue;
            }
            types[q] = tf.type();
            infoFilters[q] = tf.infoFilter();
            infoMasks[q] = tf.infoMask();
            subtypeWords[q] = tf.subtypeWord0();
            bitmap |= 1 << tf.type();
            q++;
        }
        return new WatchFilter(bitmap, types, infoFilters, infoMasks, subtypeWords);
    }

    private static boolean isKnownType(int type) {
        return Integer.compareUnsigned(type, WatchNotification.WATCH_TYPE__NR) < 0;
    }

    /**
     * Whether a record passes: its type's bit is set, and some entry of that type has the
     * subtype's bit in word 0 and {@code (info & info_mask) == info_filter}. Subtypes of 32 and
     * above never match (the kernel keeps only word 0).
     */
    public boolean matches(int type, int subtype, int info) {
        if (!isKnownType(type) || (typeBitmap & (1 << type)) == 0 || subtype >= 32) {
            return false;
        }
        int bit = 1 << subtype;
        for (int i = 0; i < types.length; i++) {
            if (types[i] == type && (subtypeWords[i] & bit) != 0 && (info & infoMasks[i]) == infoFilters[i]) {
                return true;
            }
        }
        return false;
    }

    /** Entries kept after unknown types were skipped. */
    public int size() {
        return types.length;
    }
}
