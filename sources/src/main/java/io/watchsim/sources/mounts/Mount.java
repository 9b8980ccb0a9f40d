package io.watchsim.sources.mounts;

import java.util.ArrayList;
import java.util.List;

/**
 * One mount: its mount id (reused once it is freed), the id of its actor (never reused), its
 * superblock and root, where it is mounted, its attributes and the three ver #5 counters, which
 * are u32 and wrap (Java ints, read unsigned).
 */
final class Mount {
    final int mntId;
    final long objectId;
    final Superblock sb;
    final Dentry root;
    /** The parent mount; the global root is its own parent, as in the kernel. */
    Mount parent;
    /** The directory of the parent's tree this mount sits on; the global root's is its own root. */
    Dentry mountpoint;
    int attrs;
    int topologyChanges;
    int attrChanges;
    int subtreeNotifications;
    /** Child mounts in the order they were attached ({@code mnt_mounts}). */
    final List<Mount> children = new ArrayList<>();
    /** Watches on this mount's list (added minus removed through the mount source). */
    int watchCount;
    boolean expiryMark;
    boolean attached = true;

    Mount(int mntId, long objectId, Superblock sb, Dentry root, int attrs) {
        this.mntId = mntId;
        this.objectId = objectId;
        this.sb = sb;
        this.root = root;
        this.attrs = attrs;
        this.parent = this;
        this.mountpoint = root;
    }

    boolean isGlobalRoot() {
        return parent == this;
    }

    /** {@code __mnt_is_readonly()}: the mount or its superblock is read-only. */
    boolean isReadOnly() {
        return (attrs & MountAttr.READONLY) != 0 || sb.readOnly;
    }
}
