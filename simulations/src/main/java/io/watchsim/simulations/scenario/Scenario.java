package io.watchsim.simulations.scenario;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A simulation scenario: what the runner builds, drives, breaks and checks. Immutable, with value
 * equality: a scenario read from a HOCON file ({@link ScenarioLoader}) equals the one written with
 * the Java builder ({@link #builder}). Holds no behaviour: every part is named and typed for the
 * runner to carry out. Groups, rules, generators and faults are kept in name order.
 *
 * @param name       the scenario's name (result folders are named after it)
 * @param seed       the seed every random stream derives from ({@link RandomStreams})
 * @param duration   how long the workload runs
 * @param world      the object groups and the key garbage collector's delay
 * @param queues     the queue groups
 * @param watches    the watch rules
 * @param policy     the security policy at the start
 * @param workload   the generators
 * @param faults     the fault plan
 * @param assertions what must hold at the end
 * @param output     what the run writes
 */
public record Scenario(String name, long seed, Duration duration, World world, List<QueueGroup> queues,
                       List<WatchRule> watches, Policy policy, Workload workload, FaultPlan faults,
                       List<Assertion> assertions, Output output) {
    /** The seed when a scenario gives none. */
    public static final long DEFAULT_SEED = 1;

    public Scenario {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(world, "world");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(workload, "workload");
        Objects.requireNonNull(faults, "faults");
        Objects.requireNonNull(output, "output");
        queues = queues.stream().sorted(Comparator.comparing(QueueGroup::name)).toList();
        watches = watches.stream().sorted(Comparator.comparing(WatchRule::name)).toList();
        assertions = List.copyOf(assertions);
    }

    /** An immutable fluent builder for a scenario named {@code name}. */
    public static ScenarioBuilder builder(String name) {
        return ScenarioBuilder.named(name);
    }

    public Optional<QueueGroup> queueGroup(String groupName) {
        return queues.stream().filter(q -> q.name().equals(groupName)).findFirst();
    }

    /** The seed of the random stream {@code stream} ({@link RandomStreams#seed}). */
    public long streamSeed(String stream) {
        return RandomStreams.seed(seed, stream);
    }

    /** Every object the world makes. */
    public long objectCount() {
        return world.objectCount();
    }

    /** Every queue. */
    public long queueCount() {
        return queues.stream().mapToLong(QueueGroup::count).sum();
    }

    /** Every watch the rules set (0 for a rule naming a group that does not exist). */
    public long watchCount() {
        long total = 0;
        for (WatchRule r : watches) {
            Optional<Long> objects = r.kind() == WatchKind.KEY ? world.group(r.objects()).map(g -> (long) g.count())
                    : world.mountTree(r.objects()).map(t -> r.scope() == WatchScope.TOP ? 1 : t.treeMounts());
            Optional<QueueGroup> q = queueGroup(r.queues());
            if (objects.isPresent() && q.isPresent()) {
                total += r.coverage().watches(objects.get(), q.get().count());
            }
        }
        return total;
    }

    /** {@code NAME: N objects, M queues, K watches, G generators, F faults, A assertions}. */
    public String summary() {
        return name + ": " + objectCount() + " objects, " + queueCount() + " queues, " + watchCount() + " watches, "
                + workload.generators().size() + " generators, " + faults.faults().size() + " faults, "
                + assertions.size() + " assertions";
    }
}
