package io.watchsim.queues.ring;

import io.watchsim.queues.record.LittleEndian;

import java.util.List;

/**
 * {@code struct watch_notification_filter} as user space passes it to
 * IOC_WATCH_QUEUE_SET_FILTER: {@code nr_filters}, {@code __reserved} and the entries. Kept raw
 * and unvalidated, so that a caller can hand in exactly what a C program could (a wrong count, a
 * non-zero reserved word); {@link WatchFilter#compile} applies the kernel's checks.
 *
 * <p>When {@code nrFilters} exceeds the entries given, the missing entries read as zeros, as
 * from a zeroed buffer.
 */
public record FilterRequest(int nrFilters, int reserved, List<TypeFilter> filters) {
    public static final int HEADER_SIZE = 8;
    public static final int MAX_FILTERS = 16;

    public FilterRequest {
        filters = List.copyOf(filters);
    }

    /** The usual request: nr_filters = the number of entries, reserved = 0. */
    public static FilterRequest of(TypeFilter... filters) {
        return new FilterRequest(filters.length, 0, List.of(filters));
    }

    /** The entry at {@code i} as the kernel would read it. */
    TypeFilter entry(int i) {
        return i < filters.size() ? filters.get(i) : TypeFilter.ZERO;
    }

    /** The C struct, little-endian: 8 + 44 per entry given. */
    public byte[] encode() {
        byte[] b = new byte[HEADER_SIZE + TypeFilter.SIZE * filters.size()];
        LittleEndian.putInt(b, 0, nrFilters);
        LittleEndian.putInt(b, 4, reserved);
        for (int i = 0; i < filters.size(); i++) {
            filters.get(i).encodeTo(b, HEADER_SIZE + TypeFilter.SIZE * i);
        }
        return b;
    }
}
