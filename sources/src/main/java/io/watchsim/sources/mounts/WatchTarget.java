package io.watchsim.sources.mounts;

/**
 * Where a watch_mount or watch_sb call goes once its own checks passed: the actor of the object
 * (a mount, a superblock) and the id the watch is told apart by on it (the directory, the
 * superblock id). {@code mntId} is the mount the path resolved in (0 for a superblock watch).
 */
public record WatchTarget(long objectId, long watchId, int mntId) {
}
