package io.watchsim.queues.record;

/**
 * {@code struct mount_notification} of ver #5 (docs/KERNEL-BEHAVIOUR.md, "Mount records (ver #5)"): 28 bytes, with the trigger and the
 * auxiliary mount ids and the counters after the operation.
 */
public final class MountNotify {
    private MountNotify() {
    }

    public static final int LENGTH = 28;

    public static final int NOTIFY_MOUNT_NEW_MOUNT = 0;
    public static final int NOTIFY_MOUNT_UNMOUNT = 1;
    public static final int NOTIFY_MOUNT_EXPIRY = 2;
    public static final int NOTIFY_MOUNT_READONLY = 3;
    public static final int NOTIFY_MOUNT_SETATTR = 4;
    public static final int NOTIFY_MOUNT_MOVE_FROM = 5;
    public static final int NOTIFY_MOUNT_MOVE_TO = 6;

    public static final int NOTIFY_MOUNT_IN_SUBTREE = WatchNotification.WATCH_INFO_FLAG_0;
    public static final int NOTIFY_MOUNT_IS_RECURSIVE = WatchNotification.WATCH_INFO_FLAG_1;
    public static final int NOTIFY_MOUNT_IS_NOW_RO = WatchNotification.WATCH_INFO_FLAG_2;
    public static final int NOTIFY_MOUNT_IS_SUBMOUNT = WatchNotification.WATCH_INFO_FLAG_3;

    /** Where a mount record holds the mount id of the mount it was triggered on. */
    public static final int TRIGGERED_ON_OFFSET = 8;
    /** Where a mount record holds the auxiliary mount's id (the mount attached, detached or moved). */
    public static final int AUXILIARY_MOUNT_OFFSET = 12;

    public static Notification of(int subtype, int flags, int triggeredOn, int auxiliaryMount,
                                  int topologyChanges, int attrChanges, int auxTopologyChanges) {
        return Notification.builder(WatchNotification.WATCH_TYPE_MOUNT_NOTIFY, subtype, LENGTH)
                .flags(flags)
                .putInt(TRIGGERED_ON_OFFSET, triggeredOn)
                .putInt(AUXILIARY_MOUNT_OFFSET, auxiliaryMount)
                .putInt(16, topologyChanges)
                .putInt(20, attrChanges)
                .putInt(24, auxTopologyChanges)
                .build();
    }

    public static int triggeredOn(Notification n) {
        return n.u32(TRIGGERED_ON_OFFSET);
    }

    public static int auxiliaryMount(Notification n) {
        return n.u32(AUXILIARY_MOUNT_OFFSET);
    }

    public static int topologyChanges(Notification n) {
        return n.u32(16);
    }

    public static int attrChanges(Notification n) {
        return n.u32(20);
    }

    public static int auxTopologyChanges(Notification n) {
        return n.u32(24);
    }
}
