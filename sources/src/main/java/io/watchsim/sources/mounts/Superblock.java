package io.watchsim.sources.mounts;

/**
 * One superblock: its unique id (64-bit, strictly increasing, never reused), its filesystem type,
 * its read-only state, whether the kernel made it for a submount, its tree, and how many mounts
 * hold it active ({@code s_active}): it is destroyed when the last one goes.
 */
final class Superblock {
    final long id;
    final String fsType;
    final boolean submount;
    final String label;
    boolean readOnly;
    Dentry root;
    int activeMounts;
    /** {@code s_watchers} exists once a watch was set; posts are made only then, as notify_sb() does. */
    boolean everWatched;

    Superblock(long id, String fsType, boolean readOnly, boolean submount, String label) {
        this.id = id;
        this.fsType = fsType;
        this.readOnly = readOnly;
        this.submount = submount;
        this.label = label;
    }
}
