package io.watchsim.policies;

/** The kinds of watched object, each with its own watch hook. */
public enum ObjectKind {
    KEY(Hook.WATCH_KEY),
    MOUNT(Hook.WATCH_MOUNT),
    SUPERBLOCK(Hook.WATCH_SB);

    private final Hook watchHook;

    ObjectKind(Hook watchHook) {
        this.watchHook = watchHook;
    }

    /** The LSM hook asked when a watch is set on an object of this kind. */
    public Hook watchHook() {
        return watchHook;
    }
}
