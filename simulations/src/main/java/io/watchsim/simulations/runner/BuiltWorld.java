package io.watchsim.simulations.runner;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The world a scenario built, by name: the serials of each object group, the queue ids of each
 * queue group, and every watch set. Immutable once built; the runner's generators, faults,
 * readers and checks look everything up here.
 *
 * @param objects     object group name to its objects' serials, in creation order (for a tree:
 *                    its leaves; the inner keyrings are in {@code innerRings})
 * @param innerRings  object group name to the keyrings inside its tree (empty for other shapes)
 * @param queues      queue group name to its queue ids, in creation order
 * @param watches     every watch on a key set, in the order set
 * @param mountTrees  mount tree name to what was built for it
 * @param mountWatches every watch_mount and watch_sb watch set, in the order set
 */
public record BuiltWorld(Map<String, List<Integer>> objects, Map<String, List<Integer>> innerRings,
                         Map<String, List<Long>> queues, List<WatchSet> watches, Map<String, BuiltMountTree> mountTrees,
                         List<MountWatchSet> mountWatches) {
    public BuiltWorld {
        // copies that keep the builder's (the scenario's) order: Map.copyOf's order changes from one JVM to the next
        objects = ordered(objects);
        innerRings = ordered(innerRings);
        queues = ordered(queues);
        watches = List.copyOf(watches);
        mountTrees = ordered(mountTrees);
        mountWatches = List.copyOf(mountWatches);
    }

    private static <K, V> Map<K, V> ordered(Map<K, V> m) {
        return java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(m));
    }

    /** A world of keys only. */
    public BuiltWorld(Map<String, List<Integer>> objects, Map<String, List<Integer>> innerRings,
                      Map<String, List<Long>> queues, List<WatchSet> watches) {
        this(objects, innerRings, queues, watches, Map.of(), List.of());
    }

    /**
     * One watch_mount or watch_sb watch: queue {@code queueId} watches the root directory of tree
     * mount {@code mount} (or its superblock), set by rule {@code rule}.
     */
    public record MountWatchSet(String rule, String tree, long queueId, BuiltMountTree.TreeMount mount,
                                boolean superblock, int tag) {
        public MountWatchSet {
            Objects.requireNonNull(rule);
            Objects.requireNonNull(tree);
            Objects.requireNonNull(mount);
        }
    }

    /** One watch: queue {@code queueId} watches key {@code serial} with {@code tag}, set by rule {@code rule}. */
    public record WatchSet(String rule, long queueId, int serial, int tag) {
        public WatchSet {
            Objects.requireNonNull(rule);
        }
    }

    /** What was built for the mount tree {@code name}, if there is one. */
    public java.util.Optional<BuiltMountTree> mountTree(String name) {
        return java.util.Optional.ofNullable(mountTrees.get(name));
    }

    /** Every watch set, on keys and on mounts and superblocks. */
    public long watchCount() {
        return watches.size() + mountWatches.size();
    }

    /** The serials of an object group (none for an unknown name). */
    public List<Integer> objects(String group) {
        return objects.getOrDefault(group, List.of());
    }

    /** The queue ids of a queue group (none for an unknown name). */
    public List<Long> queues(String group) {
        return queues.getOrDefault(group, List.of());
    }

    public long objectCount() {
        return objects.values().stream().mapToLong(List::size).sum()
                + innerRings.values().stream().mapToLong(List::size).sum()
                + mountTrees.values().stream().mapToLong(BuiltMountTree::objectCount).sum();
    }

    public long queueCount() {
        return queues.values().stream().mapToLong(List::size).sum();
    }
}
