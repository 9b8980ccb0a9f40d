package io.watchsim.sources.mounts;

/**
 * The id spaces of the mount source, chosen apart from each other and from key serials (1 to
 * 2^31-1), so that one kernel's directory of objects and a printer of removal records can tell
 * them apart:
 * <ul>
 *   <li>mount ids: 1 upwards, reused (they are what records carry; never an actor's id);</li>
 *   <li>superblock ids: from 2^32, strictly increasing, never reused; also their actors' ids (ver #5
 *       draws them from the clock in nanoseconds, so they are as large);</li>
 *   <li>mount actors' ids: from 2^40, one per mount ever made, never reused;</li>
 *   <li>mount watch ids (a watched directory): from 2^44, one per directory; or, reproducing ver #5,
 *       kernel-like addresses from 0xffff888000000000.</li>
 * </ul>
 */
public final class MountIds {
    private MountIds() {
    }

    public static final long FIRST_SUPERBLOCK_ID = 1L << 32;
    public static final long FIRST_MOUNT_OBJECT_ID = 1L << 40;
    public static final long FIRST_DENTRY_ID = 1L << 44;
    /** Where x86-64's direct map starts: ver #5's dentry "ids" are such addresses. */
    public static final long DENTRY_ADDRESS_BASE = 0xffff_8880_0000_0000L;
    /** sizeof(struct dentry) on x86-64, rounded as the slab lays them out. */
    public static final long DENTRY_SIZE = 0xc0;

    /** The watch id of a directory: what a mount watch on it is told apart by, and its explicit removal carries. */
    static long dentryWatchId(Dentry d, V5Bugs bugs) {
        return bugs.has(V5Bug.DENTRY_ADDRESS_IN_REMOVAL) ? DENTRY_ADDRESS_BASE + d.number * DENTRY_SIZE
                : FIRST_DENTRY_ID + d.number;
    }

    /** The number of the directory whose watch id is {@code watchId} (the inverse of {@link #dentryWatchId}). */
    static long dentryNumber(long watchId, V5Bugs bugs) {
        return bugs.has(V5Bug.DENTRY_ADDRESS_IN_REMOVAL) ? (watchId - DENTRY_ADDRESS_BASE) / DENTRY_SIZE
                : watchId - FIRST_DENTRY_ID;
    }
}
