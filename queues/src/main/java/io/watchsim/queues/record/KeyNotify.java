package io.watchsim.queues.record;

/**
 * {@code struct key_notification} (docs/KERNEL-BEHAVIOUR.md, "Key records"): 16 bytes, the header then {@code u32 key_id} and
 * {@code u32 aux}. Key records set no type-specific flags.
 */
public final class KeyNotify {
    private KeyNotify() {
    }

    public static final int LENGTH = 16;
    /** Where the key id sits in a key record, in bytes from its start. */
    public static final int KEY_ID_OFFSET = 8;

    public static final int NOTIFY_KEY_INSTANTIATED = 0;
    public static final int NOTIFY_KEY_UPDATED = 1;
    public static final int NOTIFY_KEY_LINKED = 2;
    public static final int NOTIFY_KEY_UNLINKED = 3;
    public static final int NOTIFY_KEY_CLEARED = 4;
    public static final int NOTIFY_KEY_REVOKED = 5;
    public static final int NOTIFY_KEY_INVALIDATED = 6;
    public static final int NOTIFY_KEY_SETATTR = 7;

    /** A key record about {@code keyId}; {@code aux} as docs/KERNEL-BEHAVIOUR.md, "Keys", defines it for the subtype. */
    public static Notification of(int subtype, int keyId, int aux) {
        return Notification.builder(WatchNotification.WATCH_TYPE_KEY_NOTIFY, subtype, LENGTH)
                .putInt(8, keyId)
                .putInt(12, aux)
                .build();
    }

    public static int keyId(Notification n) {
        return n.u32(KEY_ID_OFFSET);
    }

    public static int aux(Notification n) {
        return n.u32(12);
    }
}
