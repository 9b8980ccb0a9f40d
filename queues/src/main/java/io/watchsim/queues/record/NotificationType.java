package io.watchsim.queues.record;

import java.util.List;

/**
 * The record types of ver #5 with their subtypes' names, as kernel scripts print them
 * ({@code type=1(KEY_NOTIFY) subtype=1(updated)}).
 */
public enum NotificationType {
    META(WatchNotification.WATCH_TYPE_META, List.of("removal", "loss")),
    KEY_NOTIFY(WatchNotification.WATCH_TYPE_KEY_NOTIFY,
            List.of("instantiated", "updated", "linked", "unlinked", "cleared", "revoked", "invalidated", "setattr")),
    MOUNT_NOTIFY(WatchNotification.WATCH_TYPE_MOUNT_NOTIFY,
            List.of("new_mount", "unmount", "expiry", "readonly", "setattr", "move_from", "move_to")),
    SB_NOTIFY(WatchNotification.WATCH_TYPE_SB_NOTIFY, List.of("readonly", "error", "edquot", "network"));

    private static final NotificationType[] BY_CODE = values();

    private final int code;
    private final List<String> subtypeNames;

    NotificationType(int code, List<String> subtypeNames) {
        this.code = code;
        this.subtypeNames = subtypeNames;
    }

    public int code() {
        return code;
    }

    /** The subtype's lower-case name, or {@code "?"} for a subtype this type does not define. */
    public String subtypeName(int subtype) {
        return subtype >= 0 && subtype < subtypeNames.size() ? subtypeNames.get(subtype) : "?";
    }

    /** The name of a type number: META, KEY_NOTIFY, MOUNT_NOTIFY, SB_NOTIFY, or {@code "?"}. */
    public static String nameOf(int type) {
        return type >= 0 && type < BY_CODE.length ? BY_CODE[type].name() : "?";
    }

    public static String subtypeNameOf(int type, int subtype) {
        return type >= 0 && type < BY_CODE.length ? BY_CODE[type].subtypeName(subtype) : "?";
    }
}
