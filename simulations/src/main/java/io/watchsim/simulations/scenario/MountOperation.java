package io.watchsim.simulations.scenario;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The mount and superblock operations a generator on a mount tree draws from
 * (KERNEL-BEHAVIOUR.md, "Mounts and superblocks"). Each acts on a mount of the generator's tree or
 * on one of its spare directories, drawn uniformly; an operation that does not fit the moment
 * (nothing mounted on the spare directory it drew, a busy mount) is answered with an errno, which
 * the run counts.
 */
public enum MountOperation {
    /** mount(2) of a new tmpfs on a spare directory (stacked on what is there): NEW_MOUNT. */
    MOUNT("mount a new tmpfs on a spare directory: NEW_MOUNT on the mount it lands in"),
    /** A bind mount of a tree mount on a spare directory: NEW_MOUNT. */
    BIND("bind mount a tree mount on a spare directory: NEW_MOUNT"),
    /** An automount (a kernel submount) on a spare directory: NEW_MOUNT with IS_SUBMOUNT. */
    AUTOMOUNT("automount a tmpfs on a spare directory: NEW_MOUNT with IS_SUBMOUNT"),
    /** umount2() of what is mounted on a spare directory: UNMOUNT (EBUSY with mounts below it, EINVAL for none). */
    UMOUNT("umount what is mounted on a spare directory: UNMOUNT (EINVAL when nothing is, EBUSY when busy)"),
    /** umount2(MNT_DETACH) of what is mounted on a spare directory, with its subtree: an UNMOUNT per mount. */
    UMOUNT_LAZY("lazy detach (MNT_DETACH) of what is mounted on a spare directory and every mount below it"),
    /** move_mount of what is mounted on one spare directory onto another: MOVE_FROM, MOVE_TO. */
    MOVE("move what is mounted on a spare directory onto another spare directory: MOVE_FROM, MOVE_TO"),
    /** A bind remount of a tree mount, noatime on or off in turn: SETATTR. */
    REMOUNT("remount a tree mount with noatime set or cleared in turn: SETATTR"),
    /** reconfigure_super() of a tree mount's superblock, read-only or read-write in turn: READONLY on it. */
    RECONFIGURE("reconfigure a tree mount's superblock read-only or read-write in turn: superblock READONLY"),
    /** Marks what is mounted on a spare directory for expiry: EXPIRY. */
    EXPIRE("mark what is mounted on a spare directory for expiry: EXPIRY (EINVAL when nothing is)"),
    /** A tree mount's filesystem reports an I/O error: superblock ERROR. */
    SB_ERROR("a tree mount's filesystem reports EIO: superblock ERROR"),
    /** A tree mount's filesystem reports a quota overrun: superblock EDQUOT. */
    SB_EDQUOT("a tree mount's filesystem reports a quota overrun: superblock EDQUOT"),
    /** A tree mount's filesystem reports a network status change: superblock NETWORK. */
    SB_NETWORK("a tree mount's filesystem reports a network change: superblock NETWORK");

    private final String description;

    MountOperation(String description) {
        this.description = description;
    }

    /** What the operation calls and posts, for the key reference. */
    public String description() {
        return description;
    }

    /** The name in a scenario's mix: mount, umount-lazy, sb-error, ... */
    public String keyword() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<MountOperation> byKeyword(String keyword) {
        return Arrays.stream(values()).filter(o -> o.keyword().equals(keyword)).findFirst();
    }
}
