package io.watchsim.sources.mounts;

/** Where a path led: a mount and an entry of its superblock's tree ({@code struct path}). */
record PathPoint(Mount mount, Dentry dentry) {
    boolean isMountRoot() {
        return dentry == mount.root;
    }
}
