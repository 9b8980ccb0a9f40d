package io.watchsim.simulations.scenario;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The Java form of a scenario: an immutable fluent builder (every call returns a new builder, so a
 * partly built scenario can be shared and varied) whose {@link #build()} gives the same
 * {@link Scenario} the HOCON form of it loads to, checked by the same {@link ScenarioValidator}.
 * The parts are records with their own {@code with...} methods: {@link ObjectGroup},
 * {@link QueueGroup}, {@link WatchRule}, {@link Policy}, {@link Generator}, {@link Fault}.
 *
 * <pre>{@code
 * Scenario s = Scenario.builder("quickstart").seed(1).duration("10s")
 *         .group(ObjectGroup.keyrings("ring", 1))
 *         .group(ObjectGroup.keys("keys", 100).withLinkedInto("ring"))
 *         .queues(QueueGroup.of("watchers", 10))
 *         .watch(WatchRule.of("all", "watchers", "keys").withTag(1))
 *         .generator(Generator.of("churn", "keys", Injection.constant("1k/s")).with(KeyOperation.UPDATE, 1))
 *         .assertion("invariants.all")
 *         .build();
 * }</pre>
 */
public final class ScenarioBuilder {
    /** Stands in for a missing duration while the rest is checked, so that no time looks late. */
    private static final Duration UNBOUNDED = Duration.ofSeconds(Long.MAX_VALUE / 4);

    private final String name;
    private final long seed;
    private final Duration duration;
    private final Duration gcDelay;
    private final List<ObjectGroup> groups;
    private final List<MountTree> mounts;
    private final boolean v5Bugs;
    private final List<QueueGroup> queues;
    private final List<WatchRule> watches;
    private final Policy policy;
    private final List<Generator> generators;
    private final List<Fault> faults;
    private final List<String> assertions;
    private final Output output;

    private ScenarioBuilder(String name, long seed, Duration duration, Duration gcDelay, List<ObjectGroup> groups,
                            List<MountTree> mounts, boolean v5Bugs,
                            List<QueueGroup> queues, List<WatchRule> watches, Policy policy, List<Generator> generators,
                            List<Fault> faults, List<String> assertions, Output output) {
        this.name = name;
        this.seed = seed;
        this.duration = duration;
        this.gcDelay = gcDelay;
        this.groups = List.copyOf(groups);
        this.mounts = List.copyOf(mounts);
        this.v5Bugs = v5Bugs;
        this.queues = List.copyOf(queues);
        this.watches = List.copyOf(watches);
        this.policy = policy;
        this.generators = List.copyOf(generators);
        this.faults = List.copyOf(faults);
        this.assertions = List.copyOf(assertions);
        this.output = output;
    }

    static ScenarioBuilder named(String name) {
        return new ScenarioBuilder(name, Scenario.DEFAULT_SEED, null, World.DEFAULT_GC_DELAY, List.of(), List.of(), false,
                List.of(),
                List.of(), Policy.PERMISSIVE, List.of(), List.of(), List.of(), Output.DEFAULT);
    }

    public ScenarioBuilder seed(long newSeed) {
        return new ScenarioBuilder(name, newSeed, duration, gcDelay, groups, mounts, v5Bugs, queues, watches, policy, generators, faults,
                assertions, output);
    }

    public ScenarioBuilder duration(Duration newDuration) {
        return new ScenarioBuilder(name, seed, newDuration, gcDelay, groups, mounts, v5Bugs, queues, watches, policy, generators, faults,
                assertions, output);
    }

    /** The duration as a scenario file writes it: {@code 10s}, {@code 2m}. */
    public ScenarioBuilder duration(String newDuration) {
        return duration(Units.parseDuration(newDuration));
    }

    public ScenarioBuilder gcDelay(Duration delay) {
        return new ScenarioBuilder(name, seed, duration, delay, groups, mounts, v5Bugs, queues, watches, policy, generators, faults,
                assertions, output);
    }

    public ScenarioBuilder gcDelay(String delay) {
        return gcDelay(Units.parseDuration(delay));
    }

    public ScenarioBuilder group(ObjectGroup group) {
        return new ScenarioBuilder(name, seed, duration, gcDelay, plus(groups, group), mounts, v5Bugs, queues, watches, policy,
                generators, faults, assertions, output);
    }

    /** A mount tree in the world ({@code world.mounts.NAME}). */
    public ScenarioBuilder mountTree(MountTree tree) {
        return new ScenarioBuilder(name, seed, duration, gcDelay, groups, plus(mounts, tree), v5Bugs, queues, watches,
                policy, generators, faults, assertions, output);
    }

    /** Whether the mount and superblock sources reproduce ver #5's bugs ({@code world.v5-bugs}). */
    public ScenarioBuilder v5Bugs(boolean reproduce) {
        return new ScenarioBuilder(name, seed, duration, gcDelay, groups, mounts, reproduce, queues, watches,
                policy, generators, faults, assertions, output);
    }

    public ScenarioBuilder queues(QueueGroup group) {
        return new ScenarioBuilder(name, seed, duration, gcDelay, groups, mounts, v5Bugs, plus(queues, group), watches, policy,
                generators, faults, assertions, output);
    }

    public ScenarioBuilder watch(WatchRule rule) {
        return new ScenarioBuilder(name, seed, duration, gcDelay, groups, mounts, v5Bugs, queues, plus(watches, rule), policy,
                generators, faults, assertions, output);
    }

    public ScenarioBuilder policy(Policy newPolicy) {
        return new ScenarioBuilder(name, seed, duration, gcDelay, groups, mounts, v5Bugs, queues, watches, newPolicy, generators, faults,
                assertions, output);
    }

    public ScenarioBuilder generator(Generator generator) {
        return new ScenarioBuilder(name, seed, duration, gcDelay, groups, mounts, v5Bugs, queues, watches, policy,
                plus(generators, generator), faults, assertions, output);
    }

    public ScenarioBuilder fault(Fault fault) {
        return new ScenarioBuilder(name, seed, duration, gcDelay, groups, mounts, v5Bugs, queues, watches, policy, generators,
                plus(faults, fault), assertions, output);
    }

    /** An assertion as text ({@code "loss.rate < 0.01"}); a mistake in it is reported by {@link #build()}. */
    public ScenarioBuilder assertion(String text) {
        return new ScenarioBuilder(name, seed, duration, gcDelay, groups, mounts, v5Bugs, queues, watches, policy, generators, faults,
                plus(assertions, text), output);
    }

    public ScenarioBuilder output(Output newOutput) {
        return new ScenarioBuilder(name, seed, duration, gcDelay, groups, mounts, v5Bugs, queues, watches, policy, generators, faults,
                assertions, newOutput);
    }

    /**
     * The scenario, checked.
     *
     * @throws ScenarioException with every mistake, each naming its key as a scenario file would
     */
    public Scenario build() {
        List<ScenarioProblem> problems = new ArrayList<>();
        if (duration == null) {
            problems.add(ScenarioProblem.at("duration", "nothing", "a duration above 0"));
        }
        List<Assertion> parsed = new ArrayList<>();
        for (int i = 0; i < assertions.size(); i++) {
            try {
                parsed.add(Assertion.parse(assertions.get(i)));
            } catch (AssertionParser.Mistake m) {
                problems.add(ScenarioProblem.at("assertions[" + i + "]", m.found(), m.expected()));
            }
        }
        Scenario scenario = new Scenario(name, seed, duration == null ? UNBOUNDED : duration,
                new World(gcDelay, groups, mounts, v5Bugs), queues, watches, policy, new Workload(generators), new FaultPlan(faults),
                parsed, output);
        problems.addAll(ScenarioValidator.check(scenario));
        if (!problems.isEmpty()) {
            throw new ScenarioException(problems);
        }
        return scenario;
    }

    private static <T> List<T> plus(List<T> list, T item) {
        List<T> more = new ArrayList<>(list);
        more.add(item);
        return more;
    }
}
