package io.watchsim.queues.record;

/**
 * {@code struct superblock_notification} (16 bytes) and {@code superblock_error_notification}
 * (24 bytes) of ver #5 (docs/KERNEL-BEHAVIOUR.md, "Superblock records (ver #5)").
 */
public final class SuperblockNotify {
    private SuperblockNotify() {
    }

    public static final int LENGTH = 16;
    public static final int ERROR_LENGTH = 24;

    public static final int NOTIFY_SUPERBLOCK_READONLY = 0;
    public static final int NOTIFY_SUPERBLOCK_ERROR = 1;
    public static final int NOTIFY_SUPERBLOCK_EDQUOT = 2;
    public static final int NOTIFY_SUPERBLOCK_NETWORK = 3;

    public static final int NOTIFY_SUPERBLOCK_IS_NOW_RO = WatchNotification.WATCH_INFO_FLAG_0;

    public static Notification of(int subtype, int flags, long sbId) {
        return Notification.builder(WatchNotification.WATCH_TYPE_SB_NOTIFY, subtype, LENGTH)
                .flags(flags)
                .putLong(8, sbId)
                .build();
    }

    /** An ERROR record; {@code error_cookie} is always 0 in ver #5. */
    public static Notification error(long sbId, int errorNumber) {
        return Notification.builder(WatchNotification.WATCH_TYPE_SB_NOTIFY, NOTIFY_SUPERBLOCK_ERROR, ERROR_LENGTH)
                .putLong(8, sbId)
                .putInt(16, errorNumber)
                .putInt(20, 0)
                .build();
    }

    public static long sbId(Notification n) {
        return n.u64(8);
    }

    public static int errorNumber(Notification n) {
        return n.u32(16);
    }
}
