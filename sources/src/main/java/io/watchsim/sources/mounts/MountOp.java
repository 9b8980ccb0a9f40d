package io.watchsim.sources.mounts;

/**
 * One mount or superblock system call (or kernel event) as a message: immutable, carrying only
 * values. Paths are absolute; see {@link MountTable} for what each does.
 */
public sealed interface MountOp {
    record Mkdir(String path) implements MountOp {
    }

    record Touch(String path) implements MountOp {
    }

    /** rename(2) of the entry {@code from} to {@code to}, within one mount. */
    record Rename(String from, String to) implements MountOp {
    }

    /** {@code options}: a comma list of ro, nosuid, nodev, noexec, noatime (or empty); {@code label} may be null. */
    record Mount(String fsType, String path, String options, String label) implements MountOp {
    }

    record BindMount(String from, String to) implements MountOp {
    }

    record Automount(String fsType, String path) implements MountOp {
    }

    record Umount(String path, boolean detach) implements MountOp {
    }

    record MoveMount(String from, String to) implements MountOp {
    }

    record Remount(String path, String options) implements MountOp {
    }

    record SbRemount(String path, boolean readOnly) implements MountOp {
    }

    record Expire(String path) implements MountOp {
    }

    record SbError(String path, int errorNumber) implements MountOp {
    }

    record SbEdquot(String path) implements MountOp {
    }

    record SbNetwork(String path) implements MountOp {
    }

    /** watch_mount(AT_FDCWD, path, atFlags, queue, tag); tag -1 removes; {@code queueId} -1: no notification pipe. */
    record WatchMount(String path, int atFlags, long queueId, long tag) implements MountOp {
    }

    /** watch_sb, the same way. */
    record WatchSb(String path, int atFlags, long queueId, long tag) implements MountOp {
    }
}
