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
 * @param watches     every watch set, in the order set
 */
public record BuiltWorld(Map<String, List<Integer>> objects, Map<String, List<Integer>> innerRings,
                         Map<String, List<Long>> queues, List<WatchSet> watches) {
    public BuiltWorld {
        objects = Map.copyOf(objects);
        innerRings = Map.copyOf(innerRings);
        queues = Map.copyOf(queues);
        watches = List.copyOf(watches);
    }

    /** One watch: queue {@code queueId} watches key {@code serial} with {@code tag}, set by rule {@code rule}. */
    public record WatchSet(String rule, long queueId, int serial, int tag) {
        public WatchSet {
            Objects.requireNonNull(rule);
        }
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
                + innerRings.values().stream().mapToLong(List::size).sum();
    }

    public long queueCount() {
        return queues.values().stream().mapToLong(List::size).sum();
    }
}
