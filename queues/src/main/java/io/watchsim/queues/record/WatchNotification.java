package io.watchsim.queues.record;

/**
 * Constants of {@code struct watch_notification}, the 8-byte header every record starts with
 * (docs/KERNEL-BEHAVIOUR.md, "The header" and "The info word"), and of the queue's slots ("Slots").
 *
 * <pre>
 *  offset 0: u32  type:24 (bits 0..23) | subtype:8 (bits 24..31)   little-endian
 *  offset 4: u32  info = length (bits 0..6) | tag (bits 8..15) | type info (bits 16..31)
 * </pre>
 */
public final class WatchNotification {
    private WatchNotification() {
    }

    public static final int HEADER_SIZE = 8;
    public static final int MIN_LENGTH = 8;
    public static final int MAX_LENGTH = 127;
    public static final int MAX_TYPE = 0xFFFFFF;
    public static final int MAX_SUBTYPE = 0xFF;

    public static final int WATCH_INFO_LENGTH = 0x0000007F;
    public static final int WATCH_INFO_LENGTH__SHIFT = 0;
    public static final int WATCH_INFO_ID = 0x0000FF00;
    public static final int WATCH_INFO_ID__SHIFT = 8;
    public static final int WATCH_INFO_TYPE_INFO = 0xFFFF0000;
    public static final int WATCH_INFO_TYPE_INFO__SHIFT = 16;
    public static final int WATCH_INFO_FLAG_0 = 0x00010000;
    public static final int WATCH_INFO_FLAG_1 = 0x00020000;
    public static final int WATCH_INFO_FLAG_2 = 0x00040000;
    public static final int WATCH_INFO_FLAG_3 = 0x00080000;
    public static final int WATCH_INFO_FLAG_4 = 0x00100000;
    public static final int WATCH_INFO_FLAG_5 = 0x00200000;
    public static final int WATCH_INFO_FLAG_6 = 0x00400000;
    public static final int WATCH_INFO_FLAG_7 = 0x00800000;

    /** Type numbers of ver #5 (docs/KERNEL-BEHAVIOUR.md, "Types and subtypes"). */
    public static final int WATCH_TYPE_META = 0;
    public static final int WATCH_TYPE_KEY_NOTIFY = 1;
    public static final int WATCH_TYPE_MOUNT_NOTIFY = 2;
    public static final int WATCH_TYPE_SB_NOTIFY = 3;
    /** Count of types: a filter entry whose type is at or above it is skipped. */
    public static final int WATCH_TYPE__NR = 4;

    /** Meta subtypes (docs/KERNEL-BEHAVIOUR.md, "Types and subtypes"). */
    public static final int WATCH_META_REMOVAL_NOTIFICATION = 0;
    public static final int WATCH_META_LOSS_NOTIFICATION = 1;

    /** Each record, whatever its length, takes one 128-byte slot. */
    public static final int WATCH_QUEUE_NOTE_SIZE = 128;
    public static final int PAGE_SIZE = 4096;
    public static final int WATCH_QUEUE_NOTES_PER_PAGE = PAGE_SIZE / WATCH_QUEUE_NOTE_SIZE;
    /** The provisional hard limit of IOC_WATCH_QUEUE_SET_SIZE. */
    public static final int WATCH_QUEUE_MAX_NOTES = 512;

    /** {@code _IO('W', 0x60)} and {@code _IO('W', 0x61)}. */
    public static final int IOC_WATCH_QUEUE_SET_SIZE = 0x5760;
    public static final int IOC_WATCH_QUEUE_SET_FILTER = 0x5761;

    /** {@code O_NOTIFICATION_PIPE} = {@code O_EXCL} on x86 and the generic ABI. */
    public static final int O_NOTIFICATION_PIPE = 0x80;

    public static int lengthOf(int info) {
        return info & WATCH_INFO_LENGTH;
    }

    public static int tagOf(int info) {
        return (info & WATCH_INFO_ID) >>> WATCH_INFO_ID__SHIFT;
    }

    public static int typeInfoOf(int info) {
        return info >>> WATCH_INFO_TYPE_INFO__SHIFT;
    }

    /** {@code info} with the tag bits replaced, as post time does for each watch. */
    public static int withTag(int info, int tag) {
        return (info & ~WATCH_INFO_ID) | ((tag & 0xFF) << WATCH_INFO_ID__SHIFT);
    }
}
