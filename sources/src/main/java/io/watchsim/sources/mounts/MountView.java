package io.watchsim.sources.mounts;

/**
 * One mount as a caller may see it: its ids, its parent's mount id (its own for the global root),
 * its superblock's id, filesystem type and state, and its attributes ({@link MountAttr} bits).
 */
public record MountView(int mntId, long objectId, int parentId, long sbId, String fsType, boolean sbReadOnly,
                        boolean submount, int attrs) {
}
