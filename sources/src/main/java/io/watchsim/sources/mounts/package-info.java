/**
 * Mounts and superblocks, the two event sources of the ver #5 patches that Linux never merged:
 * {@link io.watchsim.sources.mounts.MountTable} is the single-owner model of a mount namespace
 * (directories and files, mounts with reusable ids, superblocks with unique ids, paths resolved
 * through mounts), its operations with their errnos, the ver #5 counters and the records each
 * operation posts, with the rootward walk that carries a mount record to the watches on the
 * directories above it, and rename(2), which may be made to land during that walk
 * ({@link io.watchsim.sources.mounts.RacingRename}). {@link io.watchsim.sources.mounts.V5Bugs} selects
 * which ver #5 bugs to reproduce (none by default). What each operation does is in
 * docs/KERNEL-BEHAVIOUR.md.
 *
 * <p>Package-private parts: MountNamespace (state), Mount, Superblock, Dentry, MountIdAllocator,
 * PathResolver, Permissions, MountNotifier (counters, records and the walk), PendingRename (a racing
 * rename waiting for its point in the walk), MountObject and
 * SuperblockObject (the actors of a mount and of a superblock).
 */
package io.watchsim.sources.mounts;
