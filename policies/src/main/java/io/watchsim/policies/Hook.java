package io.watchsim.policies;

/**
 * The LSM hooks WatchSim applies: the four of the notification design (docs/KERNEL-BEHAVIOUR.md,
 * "The hooks") and {@code key_permission}, which every key lookup passes.
 */
public enum Hook {
    /** {@code security_watch_key(key)}: may the current task watch this key? */
    WATCH_KEY("watch_key"),
    /** {@code security_watch_mount(watch, path)} (ver #5). */
    WATCH_MOUNT("watch_mount"),
    /** {@code security_watch_sb(watch, sb)} (ver #5). */
    WATCH_SB("watch_sb"),
    /** {@code security_post_notification(w_cred, cred, n)}: may this record reach this watch's queue? */
    POST_NOTIFICATION("post_notification"),
    /** {@code security_key_permission(key_ref, cred, need)}: every key operation's LSM check. */
    KEY_PERMISSION("key_permission");

    private final String kernelName;

    Hook(String kernelName) {
        this.kernelName = kernelName;
    }

    /** The hook's name as the kernel spells it. */
    public String kernelName() {
        return kernelName;
    }
}
