package io.watchsim.simulations.scenario;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The objects a scenario starts with ({@code world}): its groups of keys and keyrings and its
 * mount trees, each in name order, the key garbage collector's delay, and whether the mount and
 * superblock sources reproduce ver #5's bugs.
 *
 * @param gcDelay /proc/sys/kernel/keys/gc_delay: how long a revoked or expired key stays before the
 *                collector frees it; whole seconds (Linux's default is 300 s)
 * @param groups  the object groups, kept in name order; the runner creates a group after the one
 *                it is linked into
 * @param mounts  the mount trees, kept in name order
 * @param v5Bugs  whether the mount and superblock sources behave as ver #5 did, bugs included
 *                ({@code --v5-bugs}); otherwise as it was meant to
 */
public record World(Duration gcDelay, List<ObjectGroup> groups, List<MountTree> mounts, boolean v5Bugs) {
    /** Linux's default gc_delay. */
    public static final Duration DEFAULT_GC_DELAY = Duration.ofSeconds(300);

    public World {
        Objects.requireNonNull(gcDelay, "gcDelay");
        groups = groups.stream().sorted(Comparator.comparing(ObjectGroup::name)).toList();
        mounts = mounts.stream().sorted(Comparator.comparing(MountTree::name)).toList();
    }

    /** A world of keys only. */
    public World(Duration gcDelay, List<ObjectGroup> groups) {
        this(gcDelay, groups, List.of(), false);
    }

    public Optional<MountTree> mountTree(String name) {
        return mounts.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    public Optional<ObjectGroup> group(String name) {
        return groups.stream().filter(g -> g.name().equals(name)).findFirst();
    }

    /** Every object the world makes, inner keyrings of trees, mounts and superblocks included. */
    public long objectCount() {
        return groups.stream().mapToLong(ObjectGroup::objectCount).sum()
                + mounts.stream().mapToLong(MountTree::objectCount).sum();
    }
}
