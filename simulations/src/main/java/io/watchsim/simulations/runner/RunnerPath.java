package io.watchsim.simulations.runner;

import io.watchsim.queues.ring.QueueStatistics;
import io.watchsim.simulations.scenario.Generator;
import io.watchsim.simulations.scenario.RandomStreams;
import io.watchsim.simulations.scenario.Scenario;
import io.watchsim.sources.keys.KeyOp;
import org.apache.pekko.actor.typed.ActorSystem;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The scenario runner's path, driven one operation at a time from outside, so that a benchmark
 * can set it beside the kernel's bare path ({@code watchsim bench --runner}): the world built by
 * the runner's {@code WorldBuilder}, a reader per queue counting what it reads
 * ({@code QueueReaders}, {@code RunCounters}), the simulated clock ticking, and each operation of
 * the scenario's first generator drawn ({@code OperationPicker}) and issued through
 * {@code Keys.callAsync} with the runner's call accounting ({@code CallsInFlight}: latency,
 * answers, errors). Everything a run keeps on the clock is on; the invariants are checked
 * off the clock, by {@link #finish()}. The caller paces the operations (the generator's injection
 * profile is not used).
 *
 * <p>Not thread-safe: one caller issues.
 */
public final class RunnerPath {
    /** The queue counts at the end of a measurement, and the invariants checked on them. */
    public record Ending(long lost, long posted, long delivered, boolean quiet,
                         List<RunResult.InvariantVerdict> invariants) {
        /** Whether every invariant the runner checks held (the unchecked ones aside). */
        public boolean held() {
            return invariants.stream().noneMatch(v -> v.status() == RunResult.Status.VIOLATED);
        }
    }

    /** Told of every read a runner's reader has counted: its queue and the records (not meta) it held. */
    public interface ReadListener {
        void read(long queueId, int records);
    }

    private final ScenarioRunner.Started started;
    /** Who the readers tell of each read (nobody until {@link #onRead}). */
    private final AtomicReference<ReadListener> listener;
    private final ScenarioRunner.RunPart clock;
    private final OperationPicker picker;
    private final CallsInFlight<KeyOp> calls;

    private RunnerPath(ScenarioRunner.Started started, AtomicReference<ReadListener> listener) {
        this.started = started;
        this.listener = listener;
        RunContext ctx = started.context();
        Generator g = ctx.scenario().workload().generators().get(0);
        this.picker = new OperationPicker(g, ctx.scenario().world(), ctx.world(),
                ctx.random(RandomStreams.generator(g.name())));
        GeneratorLedger ledger = new GeneratorLedger(g.name(), g.injection().profile(), ctx.counters());
        this.calls = CallsInFlight.keys(ctx.keys(), g.credentials(), ledger, ctx.clock(), ctx.kernel().timeout(),
                ctx.timers(), op -> { });
        this.clock = SimulatedTime.start(ctx);
    }

    /**
     * Builds {@code scenario}'s world on a new kernel named {@code name} on {@code system}, as a
     * run does, and starts its readers and its simulated clock. The scenario needs a generator.
     */
    public static RunnerPath start(ActorSystem<?> system, String name, Scenario scenario) {
        if (scenario.workload().generators().isEmpty()) {
            throw new IllegalArgumentException("scenario " + scenario.name() + " has no generator to issue from");
        }
        AtomicReference<ReadListener> listener = new AtomicReference<>();
        ScenarioRunner.Started started = ScenarioRunner.start(scenario, system, name, name + "-keys",
                (queue, records) -> {
                    ReadListener l = listener.get();
                    if (l != null) {
                        l.read(queue, records);
                    }
                });
        return new RunnerPath(started, listener);
    }

    /**
     * From now on {@code l} is told of every read (a benchmark paces its load by it); set it
     * before issuing.
     */
    public void onRead(ReadListener l) {
        listener.set(l);
    }

    /** The queues of the world, in creation order. */
    public List<Long> queueIds() {
        List<Long> ids = new java.util.ArrayList<>();
        started.context().world().queues().values().forEach(ids::addAll);
        ids.sort(null);
        return ids;
    }

    /** Seconds the world took to build. */
    public double buildSeconds() {
        return started.buildSeconds();
    }

    /** Issues the generator's next operation. */
    public void issue() {
        calls.issue(picker.next());
    }

    /** Records the readers have read so far (not loss or removal records). */
    public long delivered() {
        return started.context().counters().delivered.sum();
    }

    /** Records the queues have lost so far (their rings' counts, as they stand). */
    public long lost() {
        Map<Long, QueueStatistics> stats = new java.util.HashMap<>();
        QuietQueues.look(started.context().kernel(), started.context().world(), stats);
        return stats.values().stream().mapToLong(QueueStatistics::lost).sum();
    }

    /** Operations issued and not yet answered. */
    public int outstanding() {
        return calls.outstanding();
    }

    /**
     * Ends the measurement as a run ends: the clock stops, every call is settled, the readers
     * drain, the queues' counts are read once quiet, and the invariants are checked against the
     * readers' tallies. Then the kernel stops.
     */
    public Ending finish() {
        RunContext ctx = started.context();
        ctx.kernel().await(clock.stop());
        ctx.kernel().await(calls.drain(ctx.kernel().timeout()));
        started.readers().drain();
        QuietQueues.Counts counts = QuietQueues.await(ctx.kernel(), ctx.world(), ScenarioRunner.QUIET_BOUND,
                ScenarioRunner.QUIET_PAUSE, ctx.clock()::nanoTime);
        Map<Long, QueueReaders.Tally> tallies = started.readers().tallies();
        List<RunResult.InvariantVerdict> invariants = Invariants.check(ctx.scenario(), ctx.world(), ctx.effects(),
                ctx.counters(), counts.stats(), tallies);
        long lost = counts.stats().values().stream().mapToLong(QueueStatistics::lost).sum();
        long posted = counts.stats().values().stream().mapToLong(QueueStatistics::posted).sum();
        ctx.kernel().await(ctx.keys().stop());
        ctx.kernel().await(ctx.kernel().stop());
        return new Ending(lost, posted, ctx.counters().delivered.sum(), counts.quiet(), invariants);
    }
}
