package io.watchsim.simulations.runner;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.watchsim.actors.Kernel;
import io.watchsim.actors.KernelSettings;
import io.watchsim.actors.PlantedFault;
import io.watchsim.actors.Waits;
import io.watchsim.actors.sim.DeliveryTrace;
import io.watchsim.actors.sim.SimLoop;
import io.watchsim.actors.sim.SimSettings;
import io.watchsim.actors.sim.SimSystems;
import io.watchsim.policies.Credentials;
import io.watchsim.policies.SecurityModule;
import io.watchsim.queues.NanoClock;
import io.watchsim.queues.QueueStatus;
import io.watchsim.queues.ring.QueueStatistics;
import io.watchsim.simulations.history.HistoryEvent;
import io.watchsim.simulations.history.HistoryFile;
import io.watchsim.simulations.history.HistoryPolicies;
import io.watchsim.simulations.history.HistoryRecorder;
import io.watchsim.simulations.history.HistoryVerdict;
import io.watchsim.simulations.scenario.Metric;
import io.watchsim.simulations.scenario.Scenario;
import io.watchsim.sources.keys.KeyOp;
import io.watchsim.sources.keys.Keys;
import io.watchsim.sources.mounts.Mounts;
import io.watchsim.sources.mounts.V5Bugs;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs one scenario end to end and returns its {@link RunResult}: starts an actor system and a
 * kernel under the scenario's policy, builds the world, starts the readers, the simulated clock,
 * the workload and the fault plan, lets the scenario's duration pass, stops the workload and the
 * faults, lets the readers drain the queues, then counts, checks the invariants and evaluates the
 * assertions. Everything goes through the kernel's public API. From Java (a JUnit test, say):
 * {@code RunResult r = ScenarioRunner.run(scenario);}.
 */
public final class ScenarioRunner {
    /** How long the end of a run waits for the queues to fall quiet once their counts stop changing. */
    static final Duration QUIET_BOUND = Duration.ofSeconds(30);
    /** How long the end of a run waits between two looks at the queues. */
    static final Duration QUIET_PAUSE = Duration.ofMillis(50);
    /** How long the end of a run waits for its kernel (and then its actor system) to stop. */
    static final Duration STOP_BOUND = Duration.ofSeconds(60);
    /**
     * How long the end of a run waits for each generator to reach the end of its schedule on its
     * own (an open generator ticks at least every {@value OpenGenerator#MAX_TICK_MILLIS} ms) before
     * it is stopped.
     */
    static final Duration WORKLOAD_FINISH = Duration.ofSeconds(5);
    /** How often the simulated clock is moved on to match the run's. */
    static final Duration SIMULATED_TICK = Duration.ofMillis(100);

    /** A part of a run started once the world is up, stopped at the end (the workload, the faults, the clock). */
    public interface RunPart {
        /** Stops the part; completes once it does nothing more and every call it made was answered. */
        CompletionStage<Void> stop();

        /**
         * The queues' own counts once the run is over and the queues are quiet (after every part has
         * stopped and the readers drained): for a part that reports on them. Nothing by default.
         */
        default void counted(Map<Long, QueueStatistics> stats) {
        }
    }

    /**
     * How a run is made.
     *
     * @param parts     what runs besides the readers, started in order, stopped in reverse
     * @param progress  where the progress line goes each {@code output.progress}, or null for none
     * @param awaitStop whether {@link #run} returns only once the kernel and the actor system have
     *                  stopped (bounded; a slow stop is logged, never a failed run), or as soon as
     *                  the result is known, leaving them stopping (a process that exits next need
     *                  not wait for a million actors to stop)
     */
    public record Options(List<Function<RunContext, RunPart>> parts, Consumer<String> progress, boolean awaitStop,
                          History history, PlantedFault planted, Optional<SimSettings> deterministic,
                          SimLoop.StepListener trace, Source source) {
        public Options {
            Objects.requireNonNull(trace);
            parts = List.copyOf(parts);
            Objects.requireNonNull(history);
            Objects.requireNonNull(planted);
            Objects.requireNonNull(deterministic);
        }

        public Options(List<Function<RunContext, RunPart>> parts, Consumer<String> progress, boolean awaitStop,
                       History history, PlantedFault planted) {
            this(parts, progress, awaitStop, history, planted, Optional.empty(), SimLoop.StepListener.NONE, null);
        }

        public Options(List<Function<RunContext, RunPart>> parts, Consumer<String> progress, boolean awaitStop) {
            this(parts, progress, awaitStop, History.OFF, PlantedFault.NONE);
        }

        /** The simulated clock, the fault plan and the workload; no progress line; the stop awaited; no history. */
        public static Options standard() {
            return new Options(List.of(SimulatedTime::start, ctx -> FaultInjector.start(ctx)::stop,
                    ctx -> {
                        RunningWorkload workload = WorkloadDriver.start(ctx);
                        return () -> workload.finish(WORKLOAD_FINISH);
                    }), null, true);
        }

        public Options withProgress(Consumer<String> sink) {
            return new Options(parts, sink, awaitStop, history, planted, deterministic, trace, source);
        }

        /** The same with {@code part} started before the others and stopped after them (a sampler of the run). */
        public Options withFirstPart(Function<RunContext, RunPart> part) {
            List<Function<RunContext, RunPart>> all = new ArrayList<>();
            all.add(part);
            all.addAll(parts);
            return new Options(all, progress, awaitStop, history, planted, deterministic, trace, source);
        }

        /** Returns with the result, the kernel and the actor system still stopping. */
        public Options withoutAwaitingStop() {
            return new Options(parts, progress, false, history, planted, deterministic, trace, source);
        }

        /** Keeps the run's history and checks it (in memory; also written to {@code file} unless it is null). */
        public Options withHistory(Path file) {
            return new Options(parts, progress, awaitStop, new History(true, file), planted, deterministic, trace, source);
        }

        /**
         * Runs deterministically under {@code sim}: the whole actor system on this thread, in the order the
         * settings' seed decides, on a virtual clock; the history is always kept (at least its fingerprint).
         */
        public Options withDeterministic(SimSettings sim) {
            return new Options(parts, progress, awaitStop, history, planted, Optional.of(sim), trace, source);
        }

        /**
         * The scenario as resolved (HOCON text) and the fraction of its size it runs at: what a deterministic
         * run writes first into its history, so that {@code watchsim replay} can run it again from the file alone.
         */
        public Options withSource(String resolvedText, double scale) {
            return new Options(parts, progress, awaitStop, history, planted, deterministic, trace,
                    new Source(resolvedText, scale));
        }

        /** In a deterministic run, tells {@code listener} of every step (every delivery) from the first. */
        public Options withTrace(SimLoop.StepListener listener) {
            return new Options(parts, progress, awaitStop, history, planted, deterministic, listener, source);
        }

        /** For tests only: runs the kernel with a bug planted in it, to show that the invariants catch it. */
        public Options withPlantedFault(PlantedFault fault) {
            return new Options(parts, progress, awaitStop, history, fault, deterministic, trace, source);
        }
    }

    /** Where a run's scenario came from: its resolved text and the scale it runs at. */
    public record Source(String text, double scale) {
        public Source {
            Objects.requireNonNull(text);
        }
    }

    /**
     * Whether a run keeps its history (every post, fate and read, checked per watch at the end), and
     * the file it is written to (null: checked in memory only).
     */
    public record History(boolean kept, Path file) {
        public static final History OFF = new History(false, null);
    }

    private ScenarioRunner() {
    }

    /** Runs {@code scenario} with the standard parts and no progress line. */
    public static RunResult run(Scenario scenario) {
        return run(scenario, Options.standard());
    }

    public static RunResult run(Scenario scenario, Options options) {
        LoggerFactory.getILoggerFactory();
        Config config = ConfigFactory.parseString("""
                pekko.log-dead-letters = off
                pekko.log-dead-letters-during-shutdown = off
                pekko.coordinated-shutdown.exit-jvm = off
                pekko.coordinated-shutdown.run-by-jvm-shutdown-hook = off
                """).withFallback(ConfigFactory.load());
        if (options.deterministic().isPresent()) {
            // One thread, one loop: the system stops (on virtual time) before the result is returned.
            return SimSystems.run(options.deterministic().get(), options.trace(), "watchsim-run", config,
                    (loop, system) -> new Run(scenario, options, system, loop).run());
        }
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "watchsim-run", config);
        try {
            return new Run(scenario, options, system, null).run();
        } finally {
            system.terminate();
            if (options.awaitStop()) {
                awaitTermination(system);
            }
        }
    }

    private static void awaitTermination(ActorSystem<Void> system) {
        try {
            Waits.await(system.getWhenTerminated(), Duration.ofSeconds(30));
        } catch (RuntimeException e) {
            LoggerFactory.getLogger(ScenarioRunner.class).warn("the run's actor system did not stop cleanly: {}",
                    e.toString());
        }
    }

    /**
     * A run's first two steps done: the kernel and its key subsystem started, the world built under
     * the scenario's policy, a reader on every queue, the counters and the clock started (its zero
     * is the moment the readers started), the dead letters counted. What the parts of a run share
     * is in {@link #context()}.
     */
    record Started(RunContext context, QueueReaders readers, DeadLetterCounter deadLetters, double buildSeconds,
                   Map<String, Double> buildPhases, MountRecoveryCheck mountRecovery) {
    }

    /**
     * Starts a kernel named {@code kernelName} (its key subsystem {@code keysName}) on {@code system},
     * joins the runner's process to a session keyring, builds {@code scenario}'s world, and starts
     * its readers: the steps every run of the scenario makes before its workload starts.
     */
    static Started start(Scenario scenario, ActorSystem<?> system, String kernelName, String keysName) {
        return start(scenario, system, kernelName, keysName, null, null, PlantedFault.NONE);
    }

    /** The same, the readers telling {@code observer} (when not null) of every read. */
    static Started start(Scenario scenario, ActorSystem<?> system, String kernelName, String keysName,
                         QueueReaders.ReadObserver observer) {
        return start(scenario, system, kernelName, keysName, observer, null, PlantedFault.NONE);
    }

    /**
     * The same, the kernel telling {@code history} (when not null) what its objects and queues do,
     * and its readers what they read; {@code planted} a bug planted in the kernel (tests only).
     */
    static Started start(Scenario scenario, ActorSystem<?> system, String kernelName, String keysName,
                         QueueReaders.ReadObserver observer, HistoryRecorder history, PlantedFault planted) {
        return start(scenario, system, kernelName, keysName, observer, history, planted, NanoClock.SYSTEM,
                RunTimers.real(system.executionContext()));
    }

    /**
     * The same, the kernel and the run on {@code time} (the one clock of both), every delayed action and time
     * bound of the run through {@code timers}.
     */
    static Started start(Scenario scenario, ActorSystem<?> system, String kernelName, String keysName,
                         QueueReaders.ReadObserver observer, HistoryRecorder history, PlantedFault planted,
                         NanoClock time, RunTimers timers) {
        SecurityModule policy = PolicyLoader.load(scenario.policy());
        if (history != null) {
            HistoryPolicies.describe(history, scenario.policy(), policy);
        }
        KernelSettings settings = kernelSettings(scenario).withPlantedFault(planted).withClock(time);
        Kernel kernel = Kernel.start(system, kernelName, history == null ? settings : settings.withHistory(history));
        Keys keys = Keys.start(kernel, keysName, scenario.seed());
        kernel.await(keys.call(RunContext.PID, Credentials.root(), new KeyOp.JoinSession(null)));
        Mounts mounts = scenario.world().mounts().isEmpty() ? null : Mounts.start(kernel, keysName + "-mounts",
                scenario.world().v5Bugs() ? V5Bugs.all() : V5Bugs.none());
        long buildStart = System.nanoTime();
        WorldBuilder builder = new WorldBuilder(scenario, kernel, keys, mounts);
        BuiltWorld world = builder.build(policy);
        double buildSeconds = (System.nanoTime() - buildStart) / 1e9;
        MountRecoveryCheck mountRecovery = MountRecoveryCheck.start(scenario, world, mounts);
        DeadLetterCounter deadLetters = DeadLetterCounter.start(system, kernel);
        RunCounters counters = new RunCounters();
        RunClock clock = RunClock.startingNow(time);
        QueueReaders readers = QueueReaders.start(system, kernel, scenario, world, clock, counters,
                observer, history, mountRecovery.readerTrackers());
        FaultLog faultLog = history == null ? new FaultLog()
                : new FaultLog(f -> history.note("fault " + f.name() + " (" + f.kind() + ") at " + f.at() + ": "
                + f.detail()));
        RunContext ctx = new RunContext(scenario, system, kernel, keys, world, counters, clock, readers, faultLog,
                new FaultEffects(), history, mounts, timers);
        return new Started(ctx, readers, deadLetters, buildSeconds, builder.phases(), mountRecovery);
    }

    /**
     * How many hosts spread the kernel's objects (and, as many again, its queues): one per
     * {@value #ACTORS_PER_HOST} of the larger, at least the kernel's default and at most
     * {@value #MAX_HOSTS}. A host's children are kept in a sorted tree that every spawn looks up
     * by name, so a million objects under 32 hosts made each spawn walk a tree of 31,000.
     */
    /** The settings of the kernel a run of {@code scenario} starts: the default ones, with hosts for its world. */
    public static KernelSettings kernelSettings(Scenario scenario) {
        return KernelSettings.DEFAULT.withHosts(hosts(scenario));
    }

    static int hosts(Scenario scenario) {
        long most = Math.max(scenario.objectCount(), scenario.queueCount());
        return (int) Math.max(KernelSettings.DEFAULT.hosts(), Math.min(MAX_HOSTS, (most + ACTORS_PER_HOST - 1)
                / ACTORS_PER_HOST));
    }

    /** WatchSim's version as the jar says it, or {@code dev} when run from classes. */
    static String version() {
        String v = ScenarioRunner.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    static final int ACTORS_PER_HOST = 1000;
    static final int MAX_HOSTS = 1024;

    /** One run's steps and state. */
    private static final class Run {
        private final Scenario scenario;
        private final Options options;
        private final ActorSystem<Void> system;
        private final List<String> notes = new ArrayList<>();
        /** The loop of a deterministic run, or null. */
        private final SimLoop loop;

        Run(Scenario scenario, Options options, ActorSystem<Void> system, SimLoop loop) {
            this.scenario = scenario;
            this.options = options;
            this.system = system;
            this.loop = loop;
        }

        RunResult run() {
            String started = Instant.now().toString();
            // The one clock of the kernel, the run and its history: the loop's virtual one in a deterministic run.
            NanoClock time = loop != null ? loop : NanoClock.SYSTEM;
            RunTimers timers = loop != null ? RunTimers.on(system) : RunTimers.real(system.executionContext());
            HistoryRecorder history = startHistory(time);
            if (loop != null) {
                SimSettings sim = loop.settings();
                Source source = options.source() == null ? new Source("", 1) : options.source();
                history.runStarted(new HistoryEvent.RunStarted(source.text(), source.scale(), sim.seed(), sim.window(),
                        sim.stepCostNanos(), version(), options.planted().name()));
                if (options.trace() instanceof DeliveryTrace t) {
                    t.freezeWhen(history::violated);   // checked as recorded: the trace stops at the first violation
                }
            }
            Started up = start(scenario, system, "kernel", "keys", null, history, options.planted(), time, timers);
            RunContext ctx = up.context();
            Kernel kernel = ctx.kernel();
            Keys keys = ctx.keys();
            BuiltWorld world = ctx.world();
            RunCounters counters = ctx.counters();
            RunClock clock = ctx.clock();
            QueueReaders readers = up.readers();
            FaultEffects effects = ctx.effects();
            FaultLog faultLog = ctx.faults();
            DeadLetterCounter deadLetters = up.deadLetters();
            double buildSeconds = up.buildSeconds();
            List<RunPart> parts = new ArrayList<>();
            options.parts().forEach(p -> parts.add(p.apply(ctx)));
            ProgressLine progress = options.progress() == null ? null
                    : ProgressLine.start(system, counters, clock, scenario.output().progress(), options.progress());

            awaitDuration(clock);
            double workloadSeconds = clock.elapsedNanos() / 1e9;
            long deliveredInWorkload = counters.delivered.sum();
            for (int i = parts.size() - 1; i >= 0; i--) {
                kernel.await(parts.get(i).stop());
            }
            if (progress != null) {
                progress.stop();
            }
            // Work the collector still holds (an invalidated key's pass) runs on the next move of time.
            kernel.await(keys.advance(1));
            readers.drain();
            QuietQueues.Counts counts = QuietQueues.await(kernel, world, QUIET_BOUND, QUIET_PAUSE, clock::nanoTime);
            if (!counts.quiet()) {
                notes.add("the queues were not quiet (records still queued, nothing read or posted for "
                        + QUIET_BOUND.toSeconds() + " s, or " + QuietQueues.CAP.toMinutes() + " minutes after the"
                        + " workload stopped); counted as they stood");
            }
            Map<Long, QueueStatistics> stats = counts.stats();
            Map<Long, QueueReaders.Tally> tallies = readers.tallies();
            parts.forEach(p -> p.counted(stats));
            MountRecoveryCheck.Outcome recovered = up.mountRecovery().active()
                    ? up.mountRecovery().finish(tallies, effects) : null;
            long dead = deadLetters.count();
            HistoryVerdict checked = history == null ? null
                    : history.finish(counts.quiet() ? null : "the kernel was still delivering when the run ended");
            if (checked != null && checked.overrun() != null) {
                notes.add("history incomplete, per-watch invariants not checked: " + checked.overrun());
            }

            List<RunResult.InvariantVerdict> invariants = Invariants.check(scenario, world, effects, counters, stats,
                    tallies, checked, counts.quiet());
            Map<Metric, Double> metrics = RunMetrics.compute(counters, stats, invariants, workloadSeconds,
                    deliveredInWorkload, dead);
            if (recovered != null) {
                metrics.putAll(up.mountRecovery().metrics(recovered));
                recovered.examples().forEach(x -> notes.add("mountinfo recovery: " + x));
            }
            List<RunResult.AssertionVerdict> assertions = RunMetrics.evaluate(scenario.assertions(), metrics);
            if (options.awaitStop()) {
                stop(keys.stop(), "key subsystem");
                if (ctx.mounts() != null) {
                    stop(ctx.mounts().stop(), "mount sources");
                }
                stop(kernel.stop(), "kernel");
            }
            Map<String, Double> byName = new LinkedHashMap<>();
            metrics.forEach((k, v) -> byName.put(k.key(), v));
            invariants.stream().filter(v -> v.status() == RunResult.Status.UNCHECKED)
                    .forEach(v -> notes.add("invariant " + v.name() + " " + v.detail()));
            return new RunResult(scenario.name(), scenario.seed(), started, workloadSeconds, buildSeconds,
                    new RunResult.World(world.objectCount(), world.queueCount(), world.watchCount(),
                            up.buildPhases()), byName,
                    invariants, assertions, faultLog.fired(), notes,
                    assertions.stream().allMatch(RunResult.AssertionVerdict::held), checked,
                    history == null ? null : history.fingerprint());
        }

        /**
         * The run's history recorder, when the options or the scenario ({@code output.history}) ask for
         * one, writing to the options' file if one is named; null when none is kept.
         */
        private HistoryRecorder startHistory(NanoClock time) {
            Path file = options.history().file();
            if (loop != null) {
                // A deterministic run always keeps its history, if only for its fingerprint; on its one thread.
                try {
                    return HistoryRecorder.inline(file == null ? HistoryFile.digestOnly() : HistoryFile.create(file),
                            time);
                } catch (IOException e) {
                    throw new UncheckedIOException("the history file " + file + " cannot be written: "
                            + e.getMessage(), e);
                }
            }
            if (!options.history().kept() && !scenario.output().history()) {
                return null;
            }
            try {
                return new HistoryRecorder(file == null ? null : HistoryFile.create(file),
                        HistoryRecorder.DEFAULT_BACKLOG_LIMIT, time);
            } catch (IOException e) {
                throw new UncheckedIOException("the history file " + file + " cannot be written: " + e.getMessage(), e);
            }
        }

        /**
         * Waits for a part of the run to stop, at most {@link #STOP_BOUND}: the result is known by
         * then, so a world too large to stop within it is logged and left stopping with the actor system.
         */
        private void stop(CompletionStage<Void> stopping, String what) {
            try {
                Waits.await(stopping, STOP_BOUND);
            } catch (RuntimeException e) {
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
                if (stopping.toCompletableFuture().isDone()) {
                    LoggerFactory.getLogger(ScenarioRunner.class).warn("the run's {} failed to stop: {}", what,
                            e.toString());
                } else {
                    LoggerFactory.getLogger(ScenarioRunner.class).warn("the run's {} did not stop within {} s; left"
                            + " to the actor system's end", what, STOP_BOUND.toSeconds());
                }
            }
        }

        /** Waits on this plain thread until the scenario's duration has passed on the run's clock. */
        private void awaitDuration(RunClock clock) {
            long left = scenario.duration().toNanos() - clock.elapsedNanos();
            while (left > 0) {
                if (!Waits.sleep(Duration.ofNanos(left))) {
                    notes.add("interrupted after " + clock.elapsed());
                    return;
                }
                left = scenario.duration().toNanos() - clock.elapsedNanos();
            }
        }
    }
}
