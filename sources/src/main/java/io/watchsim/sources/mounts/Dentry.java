package io.watchsim.sources.mounts;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A directory entry of one superblock's tree: a directory or a regular file, with its owner and
 * mode for the permission checks. A superblock's root has no parent. Identity is the object
 * itself; {@link #number} is unique within the namespace and never reused.
 */
final class Dentry {
    final long number;
    final String name;
    final Dentry parent;
    final Superblock sb;
    final boolean directory;
    final int mode;
    final int uid;
    final int gid;
    final Map<String, Dentry> children = new LinkedHashMap<>();
    /** DCACHE_MOUNT_WATCH: a mount watch was set here once; as in ver #5, never cleared. */
    boolean mountWatched;

    Dentry(long number, String name, Dentry parent, Superblock sb, boolean directory, int mode, int uid, int gid) {
        this.number = number;
        this.name = name;
        this.parent = parent;
        this.sb = sb;
        this.directory = directory;
        this.mode = mode;
        this.uid = uid;
        this.gid = gid;
    }

    boolean isRoot() {
        return parent == null;
    }

    @Override
    public String toString() {
        return parent == null ? sb.fsType + ":/" : (parent.isRoot() ? parent.toString() : parent + "/") + name;
    }
}
