package io.watchsim.simulations.scenario;

import java.util.Objects;

/**
 * A tree of mounts in the scenario's world ({@code world.mounts.NAME}), built with mount(2) calls
 * before the queues: a tmpfs mounted on {@code /NAME} (the tree's top), and in each mount above the
 * deepest level {@code fanout} directories {@code m0, m1, ...}, each with a tmpfs of its own; so
 * {@code depth} levels of mounts below the top. Every tree mount also gets {@code spares} empty
 * directories {@code s0, s1, ...}, where the workload mounts, binds, automounts and moves; the top
 * gets {@code binds} directories {@code b0, ...}, each a bind mount of a tree mount, and the leaves
 * {@code automounts} directories {@code a0, ...} (spread over the leaves), each with an automount
 * (a kernel submount, IS_SUBMOUNT) on it.
 *
 * <p>The tree's mounts (what watch rules, generators and faults act on) are the top and the mounts
 * below it, in breadth-first order (the top first); bind mounts and automounts are extra.
 *
 * @param name       the tree's name: its top is {@code /NAME}
 * @param depth      levels of mounts below the top, 0..{@value #MAX_DEPTH}
 * @param fanout     mounts in each mount above the deepest level, 1..{@value #MAX_FANOUT}
 * @param binds      bind mounts in the top, of the tree's mounts in turn (the top's children first)
 * @param automounts automount points, spread over the leaves
 * @param spares     empty directories in each tree mount
 */
public record MountTree(String name, int depth, int fanout, int binds, int automounts, int spares) {
    public static final int MAX_DEPTH = 6;
    public static final int MAX_FANOUT = 64;
    /** The most mounts a tree may have (its top and the levels below). */
    public static final int MAX_MOUNTS = 100_000;
    public static final int DEFAULT_SPARES = 2;

    public MountTree {
        Objects.requireNonNull(name, "name");
    }

    /** A tree {@code depth} levels below its top, {@code fanout} wide, two spare directories per mount. */
    public static MountTree of(String name, int depth, int fanout) {
        return new MountTree(name, depth, fanout, 0, 0, DEFAULT_SPARES);
    }

    public MountTree withBinds(int n) {
        return new MountTree(name, depth, fanout, n, automounts, spares);
    }

    public MountTree withAutomounts(int n) {
        return new MountTree(name, depth, fanout, binds, n, spares);
    }

    public MountTree withSpares(int n) {
        return new MountTree(name, depth, fanout, binds, automounts, n);
    }

    public MountTree withFanout(int n) {
        return new MountTree(name, depth, n, binds, automounts, spares);
    }

    /** The tree's path: {@code /NAME}. */
    public String top() {
        return "/" + name;
    }

    /** The top and every level below it: 1 + F + F^2 + ... + F^depth (capped past {@link #MAX_MOUNTS}). */
    public long treeMounts() {
        long total = 0;
        long level = 1;
        for (int d = 0; d <= Math.max(0, depth); d++) {
            total += level;
            if (total > MAX_MOUNTS) {
                return total;
            }
            level *= Math.max(1, fanout);
        }
        return total;
    }

    /** The leaves: F^depth. */
    public long leaves() {
        long level = 1;
        for (int d = 0; d < depth && level <= MAX_MOUNTS; d++) {
            level *= Math.max(1, fanout);
        }
        return level;
    }

    /** Every mount the world makes for this tree, and a superblock for each but the bind mounts. */
    public long objectCount() {
        return 2 * (treeMounts() + automounts) + binds;
    }
}
