package io.watchsim.simulations.script;

import java.util.HashMap;
import java.util.Map;

/**
 * How a script prints mounts, superblocks and watched directories: a mount id by the name last
 * bound to it (ids are reused), a superblock id as {@code NAME.sb} after the mount that made it, a
 * directory's watch id as {@code dentry:PATH}; anything unnamed as its number.
 */
final class MountNames {
    /** The namespace's root mount and its superblock. */
    static final String ROOT = "@root";

    private final Map<Integer, String> mounts = new HashMap<>();
    private final Map<Long, String> superblocks = new HashMap<>();
    private final Map<Long, String> directories = new HashMap<>();

    void bindMount(int mntId, String name) {
        mounts.put(mntId, name);
    }

    void bindSuperblock(long sbId, String mountName) {
        superblocks.put(sbId, mountName + ".sb");
    }

    void bindDirectory(long watchId, String path) {
        directories.putIfAbsent(watchId, "dentry:" + path);
    }

    /** A mount id's name, {@code 0} for none, its number when unnamed. */
    String mount(int mntId) {
        if (mntId == 0) {
            return "0";
        }
        String name = mounts.get(mntId);
        return name != null ? name : Integer.toUnsignedString(mntId);
    }

    /** A mount id's name, or null: for words, which print names only for what was named. */
    String knownMount(int word) {
        return word == 0 ? null : mounts.get(word);
    }

    String superblock(long sbId) {
        String name = superblocks.get(sbId);
        return name != null ? name : Long.toUnsignedString(sbId);
    }

    /**
     * The name of a removal record's id when it is a mount source's: a watched directory, a
     * superblock, or a mount; null when it is none of them (a key's serial).
     */
    String removalId(long id) {
        String name = directories.get(id);
        if (name == null) {
            name = superblocks.get(id);
        }
        if (name == null && (id >>> 32) == 0) {
            name = mounts.get((int) id);
        }
        return name;
    }
}
