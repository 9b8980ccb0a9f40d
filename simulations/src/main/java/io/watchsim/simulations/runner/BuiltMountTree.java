package io.watchsim.simulations.runner;

import java.util.List;
import java.util.Objects;

/**
 * What the runner built for one mount tree of the scenario's world: its mounts (the top first,
 * then level by level), with the ids the kernel gave them, and the directories the workload and
 * the faults act on. Immutable.
 *
 * @param name            the tree's name (its top is {@code /NAME})
 * @param mounts          the tree's mounts, breadth first, the top first
 * @param spares          every spare directory, in the order of the mounts that hold them
 * @param binds           the bind mounts' paths, in order
 * @param automountPoints the automount points' paths, in order
 */
public record BuiltMountTree(String name, List<TreeMount> mounts, List<String> spares, List<String> binds,
                             List<String> automountPoints) {
    public BuiltMountTree {
        Objects.requireNonNull(name);
        mounts = List.copyOf(mounts);
        spares = List.copyOf(spares);
        binds = List.copyOf(binds);
        automountPoints = List.copyOf(automountPoints);
    }

    /**
     * One mount of the tree.
     *
     * @param path     the path of its root directory
     * @param mntId    its mount id when built
     * @param objectId its actor's id in the kernel (what the history names its posts by)
     * @param level    0 for the top, 1 for its children, ...
     * @param busy     whether tree mounts sit below it
     */
    public record TreeMount(String path, int mntId, long objectId, int level, boolean busy) {
        public TreeMount {
            Objects.requireNonNull(path);
        }
    }

    /** The tree's top. */
    public TreeMount top() {
        return mounts.get(0);
    }

    /** Mounts and superblocks built: one each per tree mount and automount, a mount per bind. */
    public long objectCount() {
        return 2L * (mounts.size() + automountPoints.size()) + binds.size();
    }
}
