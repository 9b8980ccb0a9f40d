package io.watchsim.sources.mounts;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A directory entry of one superblock's tree: a directory or a regular file, with its owner and
 * mode for the permission checks. A superblock's root has no parent. Identity is the object
 * itself; {@link #number} is unique within the namespace and never reused. A rename changes its
 * name and parent ({@link MountNamespace#move}), as d_move() does: a watch on it goes with it.
 */
final class Dentry {
    final long number;
    String name;
    Dentry parent;
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

    /** Whether this entry is {@code d} or lies below it in its superblock's tree ({@code is_subdir()}). */
    boolean isWithin(Dentry d) {
        for (Dentry p = this; p != null; p = p.parent) {
            if (p == d) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return parent == null ? sb.fsType + ":/" : (parent.isRoot() ? parent.toString() : parent + "/") + name;
    }
}
