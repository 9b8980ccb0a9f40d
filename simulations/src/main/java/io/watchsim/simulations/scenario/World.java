package io.watchsim.simulations.scenario;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The objects a scenario starts with ({@code world}): its groups of keys and keyrings, in name
 * order, and the key garbage collector's delay.
 *
 * @param gcDelay /proc/sys/kernel/keys/gc_delay: how long a revoked or expired key stays before the
 *                collector frees it; whole seconds (Linux's default is 300 s)
 * @param groups  the object groups, kept in name order; the runner creates a group after the one
 *                it is linked into
 */
public record World(Duration gcDelay, List<ObjectGroup> groups) {
    /** Linux's default gc_delay. */
    public static final Duration DEFAULT_GC_DELAY = Duration.ofSeconds(300);

    public World {
        Objects.requireNonNull(gcDelay, "gcDelay");
        groups = groups.stream().sorted(Comparator.comparing(ObjectGroup::name)).toList();
    }

    public Optional<ObjectGroup> group(String name) {
        return groups.stream().filter(g -> g.name().equals(name)).findFirst();
    }

    /** Every object the world makes, inner keyrings of trees included. */
    public long objectCount() {
        return groups.stream().mapToLong(ObjectGroup::objectCount).sum();
    }
}
