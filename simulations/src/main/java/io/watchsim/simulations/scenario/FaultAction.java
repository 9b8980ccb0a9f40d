package io.watchsim.simulations.scenario;

import java.time.Duration;
import java.util.Objects;

/**
 * What a fault does. A share is 0..1 of a group's objects or queues, picked from the fault's
 * random stream each time it fires; at least one is picked when the share is above 0.
 */
public sealed interface FaultAction {
    /** The action's name in a scenario file ({@code action = destroy-objects}). */
    String kind();

    /** Destroys a share of an object group: each watch sends its removal record. */
    record DestroyObjects(String objects, double share) implements FaultAction {
        public DestroyObjects {
            Objects.requireNonNull(objects, "objects");
        }

        @Override
        public String kind() {
            return "destroy-objects";
        }
    }

    /** Crashes the actors of a share of an object group (an exception, not a clean stop). */
    record CrashObjects(String objects, double share) implements FaultAction {
        public CrashObjects {
            Objects.requireNonNull(objects, "objects");
        }

        @Override
        public String kind() {
            return "crash-objects";
        }
    }

    /** Crashes a share of the watch actors feeding a queue group's queues. */
    record CrashWatches(String queues, double share) implements FaultAction {
        public CrashWatches {
            Objects.requireNonNull(queues, "queues");
        }

        @Override
        public String kind() {
            return "crash-watches";
        }
    }

    /** Closes both ends of a share of a queue group's queues: their watches go without removal records. */
    record CloseQueues(String queues, double share) implements FaultAction {
        public CloseQueues {
            Objects.requireNonNull(queues, "queues");
        }

        @Override
        public String kind() {
            return "close-queues";
        }
    }

    /** Stops a share of a queue group's readers for {@code length}. */
    record StallReaders(String queues, double share, Duration length) implements FaultAction {
        public StallReaders {
            Objects.requireNonNull(queues, "queues");
            Objects.requireNonNull(length, "length");
        }

        @Override
        public String kind() {
            return "stall-readers";
        }
    }

    /** Makes a share of a queue group's readers read at {@code pace} for {@code length}. */
    record SlowReaders(String queues, double share, Rate pace, Duration length) implements FaultAction {
        public SlowReaders {
            Objects.requireNonNull(queues, "queues");
            Objects.requireNonNull(pace, "pace");
            Objects.requireNonNull(length, "length");
        }

        @Override
        public String kind() {
            return "slow-readers";
        }
    }

    /** Shrinks the read buffer of a share of a queue group's readers to {@code buffer} bytes, for good. */
    record ShrinkBuffer(String queues, double share, int buffer) implements FaultAction {
        public ShrinkBuffer {
            Objects.requireNonNull(queues, "queues");
        }

        @Override
        public String kind() {
            return "shrink-buffer";
        }
    }

    /** Replaces the policy in force with {@code policy} (the kernel's reload). */
    record SwapPolicy(Policy policy) implements FaultAction {
        public SwapPolicy {
            Objects.requireNonNull(policy, "policy");
        }

        @Override
        public String kind() {
            return "swap-policy";
        }
    }

    /** Reads the policy in force from its files again and reloads it. */
    record ReloadPolicy() implements FaultAction {
        @Override
        public String kind() {
            return "reload-policy";
        }
    }

    /** Posts {@code records} records straight into one queue of a group, past its watches. */
    record FloodQueue(String queues, int records) implements FaultAction {
        public FloodQueue {
            Objects.requireNonNull(queues, "queues");
        }

        @Override
        public String kind() {
            return "flood-queue";
        }
    }

    /**
     * Lazily detaches (umount2 MNT_DETACH) a share of a mount tree's busy mounts, the mounts with
     * mounts below them other than the top (the leaves when the tree has one level): an UNMOUNT per
     * mount of each subtree, and each detached mount's watches send their removal records.
     */
    record DetachMounts(String mounts, double share) implements FaultAction {
        public DetachMounts {
            Objects.requireNonNull(mounts, "mounts");
        }

        @Override
        public String kind() {
            return "detach-mounts";
        }
    }

    /**
     * A storm of automount expiries: a share of a mount tree's automount points, each marked for
     * expiry (EXPIRY) and then unmounted as the expiry pass does (UNMOUNT); the workload's
     * automount operation mounts them again.
     */
    record ExpireAutomounts(String mounts, double share) implements FaultAction {
        public ExpireAutomounts {
            Objects.requireNonNull(mounts, "mounts");
        }

        @Override
        public String kind() {
            return "expire-automounts";
        }
    }
}
