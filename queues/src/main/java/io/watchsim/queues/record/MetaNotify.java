package io.watchsim.queues.record;

/**
 * Meta records (docs/KERNEL-BEHAVIOUR.md, "Meta records: loss and removal"): the removal record a watch sends when it goes, and the loss
 * record that read() synthesises after a gap. Neither passes through a filter or an LSM hook.
 */
public final class MetaNotify {
    private MetaNotify() {
    }

    public static final int LOSS_LENGTH = 8;
    public static final int REMOVAL_LENGTH = 16;

    private static final Notification LOSS = Notification.builder(
            WatchNotification.WATCH_TYPE_META, WatchNotification.WATCH_META_LOSS_NOTIFICATION, LOSS_LENGTH).build();
    private static final Notification REMOVAL_NO_ID = Notification.builder(
            WatchNotification.WATCH_TYPE_META, WatchNotification.WATCH_META_REMOVAL_NOTIFICATION, 8).build();

    /** The 8-byte loss record: type 0, subtype 1, info = 8. */
    public static Notification loss() {
        return LOSS;
    }

    /**
     * {@code struct watch_notification_removal}: 16 bytes with the object id at offset 8, or only
     * the 8-byte header when the id is 0. The tag goes into info at post time.
     */
    public static Notification removal(long objectId) {
        if (objectId == 0) {
            return REMOVAL_NO_ID;
        }
        return Notification.builder(WatchNotification.WATCH_TYPE_META,
                        WatchNotification.WATCH_META_REMOVAL_NOTIFICATION, REMOVAL_LENGTH)
                .putLong(8, objectId)
                .build();
    }

    /**
     * The same with type-info bits (16..31) set in its info: what ver #5's watch_sb leaves there,
     * since remove_watch_from_object() copies the watch's {@code info_id}, which holds its tag
     * shifted by 24.
     */
    public static Notification removal(long objectId, int typeInfoBits) {
        if (typeInfoBits == 0) {
            return removal(objectId);
        }
        Notification.Builder b = Notification.builder(WatchNotification.WATCH_TYPE_META,
                WatchNotification.WATCH_META_REMOVAL_NOTIFICATION, objectId == 0 ? 8 : REMOVAL_LENGTH)
                .flags(typeInfoBits);
        return (objectId == 0 ? b : b.putLong(8, objectId)).build();
    }

    public static boolean isMeta(Notification n) {
        return n.type() == WatchNotification.WATCH_TYPE_META;
    }

    public static long removalId(Notification n) {
        return n.length() >= REMOVAL_LENGTH ? n.u64(8) : 0;
    }
}
