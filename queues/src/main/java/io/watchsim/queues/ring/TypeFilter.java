package io.watchsim.queues.ring;

import io.watchsim.queues.record.LittleEndian;

import java.util.Arrays;

/**
 * One {@code struct watch_notification_type_filter} as user space passes it (44 bytes): the
 * type, {@code info_filter}, {@code info_mask} and the 256-bit subtype bitmap as eight words.
 * Values are kept unvalidated, exactly as given; {@link WatchFilter#compile} rules on them.
 */
public record TypeFilter(int type, int infoFilter, int infoMask, int[] subtypeFilter) {
    public static final int SIZE = 44;
    public static final int SUBTYPE_WORDS = 8;
    /** An all-zero entry: what an unfilled part of a zeroed user buffer holds. */
    public static final TypeFilter ZERO = new TypeFilter(0, 0, 0, new int[SUBTYPE_WORDS]);

    public TypeFilter {
        if (subtypeFilter.length > SUBTYPE_WORDS) {
            throw new IllegalArgumentException("subtype_filter has " + subtypeFilter.length
                    + " words; the struct has " + SUBTYPE_WORDS);
        }
        subtypeFilter = Arrays.copyOf(subtypeFilter, SUBTYPE_WORDS);
    }

    /** An entry that passes the given subtypes (each 0..255) of {@code type}, with no info test. */
    public static TypeFilter forSubtypes(int type, int... subtypes) {
        int[] words = new int[SUBTYPE_WORDS];
        for (int s : subtypes) {
            if (s < 0 || s > 255) {
                throw new IllegalArgumentException("subtype " + s + " is out of range 0..255");
            }
            words[s >>> 5] |= 1 << (s & 31);
        }
        return new TypeFilter(type, 0, 0, words);
    }

    public TypeFilter withInfo(int infoFilter, int infoMask) {
        return new TypeFilter(type, infoFilter, infoMask, subtypeFilter);
    }

    @Override
    public int[] subtypeFilter() {
        return subtypeFilter.clone();
    }

    int subtypeWord0() {
        return subtypeFilter[0];
    }

    void encodeTo(byte[] b, int offset) {
        LittleEndian.putInt(b, offset, type);
        LittleEndian.putInt(b, offset + 4, infoFilter);
        LittleEndian.putInt(b, offset + 8, infoMask);
        for (int i = 0; i < SUBTYPE_WORDS; i++) {
            LittleEndian.putInt(b, offset + 12 + 4 * i, subtypeFilter[i]);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TypeFilter t && t.type == type && t.infoFilter == infoFilter
                && t.infoMask == infoMask && Arrays.equals(t.subtypeFilter, subtypeFilter);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * type + infoFilter) + infoMask) + Arrays.hashCode(subtypeFilter);
    }

    @Override
    public String toString() {
        return String.format("TypeFilter[type=%d info_filter=0x%x info_mask=0x%x subtypes=%s]",
                type, infoFilter, infoMask, Arrays.toString(subtypeFilter));
    }
}
