package io.watchsim.simulations.scenario;

import io.watchsim.queues.record.NotificationType;
import io.watchsim.queues.ring.TypeFilter;

import java.util.ArrayList;
import java.util.List;

/**
 * One entry of a queue's filter, as the kernel's {@code struct watch_notification_type_filter}
 * holds it: a record passes if its type is {@code type}, its subtype's bit is set in
 * {@code subtypes}, and {@code (info & infoMask) == infoFilter} (the watch's tag is in info bits
 * 8..15). Only the bitmap's first word is kept by the kernel, so subtypes are 0..31.
 *
 * @param type       the record type: 0 meta, 1 key, 2 mount, 3 superblock
 * @param subtypes   the subtype bitmap's first word: bit n passes subtype n
 * @param infoFilter the info bits that must be set, inside {@code infoMask}
 * @param infoMask   the info bits tested; never the length bits 0x7f
 */
public record FilterEntry(int type, int subtypes, int infoFilter, int infoMask) {
    /** Every subtype 0..31. */
    public static final int ALL_SUBTYPES = 0xFFFFFFFF;
    /** info's length bits, which a mask may not hold (WATCH_INFO_LENGTH). */
    public static final int LENGTH_BITS = 0x7F;
    /** info's tag bits (WATCH_INFO_ID). */
    public static final int TAG_BITS = 0xFF00;

    /** An entry passing the given subtypes (0..31) of {@code type}, with no info test. */
    public static FilterEntry of(int type, int... subtypes) {
        return new FilterEntry(type, bitmap(subtypes), 0, 0);
    }

    /** An entry passing every subtype of {@code type}. */
    public static FilterEntry all(int type) {
        return new FilterEntry(type, ALL_SUBTYPES, 0, 0);
    }

    public FilterEntry withInfo(int newInfoFilter, int newInfoMask) {
        return new FilterEntry(type, subtypes, newInfoFilter, newInfoMask);
    }

    /** Passes only records whose watch tag is {@code tag}: info filter tag << 8, mask 0xff00. */
    public FilterEntry withTag(int tag) {
        return withInfo(tag << 8, TAG_BITS);
    }

    /** The bitmap of subtypes 0..31; others are refused. */
    public static int bitmap(int... subtypes) {
        int word = 0;
        for (int s : subtypes) {
            if (s < 0 || s > 31) {
                throw new IllegalArgumentException("subtype " + s + " is outside 0..31");
            }
            word |= 1 << s;
        }
        return word;
    }

    /** The subtypes whose bit is set, in order. */
    public List<Integer> subtypeList() {
        List<Integer> list = new ArrayList<>();
        for (int s = 0; s < 32; s++) {
            if ((subtypes >>> s & 1) != 0) {
                list.add(s);
            }
        }
        return list;
    }

    /** The entry as the kernel's filter takes it. */
    public TypeFilter toTypeFilter() {
        int[] words = new int[TypeFilter.SUBTYPE_WORDS];
        words[0] = subtypes;
        return new TypeFilter(type, infoFilter, infoMask, words);
    }

    /** The type's name in a scenario file: meta, key, mount, superblock (or its number). */
    public static String typeName(int type) {
        return switch (type) {
            case 0 -> "meta";
            case 1 -> "key";
            case 2 -> "mount";
            case 3 -> "superblock";
            default -> Integer.toString(type);
        };
    }

    /** The subtype names of {@code type} that a scenario file may write, by number. */
    public static List<String> subtypeNames(int type) {
        List<String> names = new ArrayList<>();
        if (type >= 0 && type < NotificationType.values().length) {
            for (int s = 0; s < 32 && !NotificationType.subtypeNameOf(type, s).equals("?"); s++) {
                names.add(NotificationType.subtypeNameOf(type, s));
            }
        }
        return names;
    }
}
