package io.watchsim.simulations.runner;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.watchsim.actors.Kernel;
import io.watchsim.actors.KernelSettings;
import io.watchsim.actors.PlantedFault;
import io.watchsim.policies.Credentials;
import io.watchsim.policies.SecurityModule;
import io.watchsim.queues.QueueStatus;
import io.watchsim.queues.ring.QueueStatistics;
import io.watchsim.simulations.history.HistoryFile;
import io.watchsim.simulations.history.HistoryPolicies;
import io.watchsim.simulations.history.HistoryRecorder;
import io.watchsim.simulations.history.HistoryVerdict;
import io.watchsim.simulations.scenario.Metric;
import io.watchsim.simulations.scenario.Scenario;
import io.watchsim.sources.keys.KeyOp;
import io.watchsim.sources.keys.Keys;
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
import java.util.concurrent.TimeUnit;
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
    /** How long the end of a run waits at least for the queues to fall quiet (and at least the run's duration). */
    static final Duration QUIET_BOUND = Duration.ofSeconds(30);
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
    }

    /**
     * How a run is made.
     *
     * @param parts    what runs besides the readers, started in order, stopped in reverse
     * @param progress where the progress line goes each {@code output.progress}, or null for none
     */
    public record Options(List<Function<RunContext, RunPart>> parts, Consumer<String> progress, History history,
                          PlantedFault planted) {
        public Options {
            parts = List.copyOf(parts);
            Objects.requireNonNull(history);
            Objects.requireNonNull(planted);
        }

        public Options(List<Function<RunContext, RunPart>> parts, Consumer<String> progress) {
            this(parts, progress, History.OFF, PlantedFault.NONE);
        }

        /** The simulated clock, the fault plan and the workload; no progress line, no history. */
        public static Options standard() {
            return new Options(List.of(SimulatedTime::start, ctx -> FaultInjector.start(ctx)::stop,
                    ctx -> {
                        RunningWorkload workload = WorkloadDriver.start(ctx);
                        return () -> workload.finish(WORKLOAD_FINISH);
                    }), null);
        }

        public Options withProgress(Consumer<String> sink) {
            return new Options(parts, sink, history, planted);
        }

        /** Keeps the run's history and checks it (in memory; also written to {@code file} unless it is null). */
        public Options withHistory(Path file) {
            return new Options(parts, progress, new History(true, file), planted);
        }

        /** For tests only: runs the kernel with a bug planted in it, to show that the invariants catch it. */
        public Options withPlantedFault(PlantedFault fault) {
            return new Options(parts, progress, history, fault);
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
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "watchsim-run", config);
        try {
            return new Run(scenario, options, system).run();
        } finally {
            system.terminate();
            try {
                system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                LoggerFactory.getLogger(ScenarioRunner.class).warn("the run's actor system did not stop cleanly: {}",
                        e.toString());
            }
        }
    }

    /** One run's steps and state. */
    private static final class Run {
        private final Scenario scenario;
        private final Options options;
        private final ActorSystem<Void> system;
        private final List<String> notes = new ArrayList<>();

        Run(Scenario scenario, Options options, ActorSystem<Void> system) {
            this.scenario = scenario;
            this.options = options;
            this.system = system;
        }

        RunResult run() {
            String started = Instant.now().toString();
            SecurityModule policy = PolicyLoader.load(scenario.policy());
            HistoryRecorder history = startHistory();
            if (history != null) {
                HistoryPolicies.describe(history, scenario.policy(), policy);
            }
            KernelSettings settings = KernelSettings.DEFAULT.withPlantedFault(options.planted());
            Kernel kernel = Kernel.start(system, "kernel", history == null ? settings : settings.withHistory(history));
            Keys keys = Keys.start(kernel, "keys", scenario.seed());
            kernel.await(keys.call(RunContext.PID, Credentials.root(), new KeyOp.JoinSession(null)));
            long buildStart = System.nanoTime();
            BuiltWorld world = new WorldBuilder(scenario, kernel, keys).build(policy);
            double buildSeconds = (System.nanoTime() - buildStart) / 1e9;
            DeadLetterCounter deadLetters = DeadLetterCounter.start(system);

            RunCounters counters = new RunCounters();
            RunClock clock = RunClock.startingNow();
            QueueReaders readers = QueueReaders.start(system, kernel, scenario, world, clock, counters, history);
            FaultEffects effects = new FaultEffects();
            FaultLog faultLog = history == null ? new FaultLog()
                    : new FaultLog(f -> history.note("fault " + f.name() + " (" + f.kind() + ") at " + f.at() + ": "
                    + f.detail()));
            RunContext ctx = new RunContext(scenario, system, kernel, keys, world, counters, clock, readers, faultLog,
                    effects, history);
            List<RunPart> parts = new ArrayList<>();
            options.parts().forEach(p -> parts.add(p.apply(ctx)));
            ProgressLine progress = options.progress() == null ? null
                    : ProgressLine.start(system, counters, clock, scenario.output().progress(), options.progress());

            awaitDuration(clock);
            double workloadSeconds = clock.elapsedNanos() / 1e9;
            for (int i = parts.size() - 1; i >= 0; i--) {
                kernel.await(parts.get(i).stop());
            }
            if (progress != null) {
                progress.stop();
            }
            // Work the collector still holds (an invalidated key's pass) runs on the next move of time.
            kernel.await(keys.advance(1));
            readers.drain();
            Duration quietBound = QUIET_BOUND.compareTo(scenario.duration()) >= 0 ? QUIET_BOUND : scenario.duration();
            Counted counted = quietStatistics(kernel, world, quietBound);
            Map<Long, QueueStatistics> stats = counted.stats();
            Map<Long, QueueReaders.Tally> tallies = readers.tallies();
            long dead = deadLetters.count();
            HistoryVerdict checked = history == null ? null
                    : history.finish(counted.quiet() ? null : "the kernel was still delivering when the run ended");
            if (checked != null && checked.overrun() != null) {
                notes.add("history incomplete, per-watch invariants not checked: " + checked.overrun());
            }

            List<RunResult.InvariantVerdict> invariants = Invariants.check(scenario, world, effects, counters, stats,
                    tallies, checked, counted.quiet());
            Map<Metric, Double> metrics = RunMetrics.compute(counters, stats, invariants, workloadSeconds, dead);
            List<RunResult.AssertionVerdict> assertions = RunMetrics.evaluate(scenario.assertions(), metrics);
            kernel.await(keys.stop());
            kernel.await(kernel.stop());
            Map<String, Double> byName = new LinkedHashMap<>();
            metrics.forEach((k, v) -> byName.put(k.key(), v));
            invariants.stream().filter(v -> v.status() == RunResult.Status.UNCHECKED)
                    .forEach(v -> notes.add("invariant " + v.name() + " " + v.detail()));
            return new RunResult(scenario.name(), scenario.seed(), started, workloadSeconds, buildSeconds,
                    new RunResult.World(world.objectCount(), world.queueCount(), world.watches().size()), byName,
                    invariants, assertions, faultLog.fired(), notes,
                    assertions.stream().allMatch(RunResult.AssertionVerdict::held), checked);
        }

        /**
         * The run's history recorder, when the options or the scenario ({@code output.history}) ask for
         * one, writing to the options' file if one is named; null when none is kept.
         */
        private HistoryRecorder startHistory() {
            if (!options.history().kept() && !scenario.output().history()) {
                return null;
            }
            Path file = options.history().file();
            try {
                return new HistoryRecorder(file == null ? null : HistoryFile.create(file),
                        HistoryRecorder.DEFAULT_BACKLOG_LIMIT);
            } catch (IOException e) {
                throw new UncheckedIOException("the history file " + file + " cannot be written: " + e.getMessage(), e);
            }
        }

        /** Waits on this plain thread until the scenario's duration has passed on the run's clock. */
        private void awaitDuration(RunClock clock) {
            long left = scenario.duration().toNanos() - clock.elapsedNanos();
            while (left > 0) {
                try {
                    TimeUnit.NANOSECONDS.sleep(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    notes.add("interrupted after " + clock.elapsed());
                    return;
                }
                left = scenario.duration().toNanos() - clock.elapsedNanos();
            }
        }

        /** The queues' counts, and whether they had stopped moving when they were taken. */
        private record Counted(Map<Long, QueueStatistics> stats, boolean quiet) {
        }

        /**
         * The queues' counts once they are quiet: every queue read empty and nothing posted
         * between two looks. Bounded: a run whose queues never fall quiet (the kernel fell behind
         * the intended load and is still delivering) is counted as it stands, not quiet, with a note.
         */
        private Counted quietStatistics(Kernel kernel, BuiltWorld world, Duration bound) {
            long deadline = System.nanoTime() + bound.toNanos();
            Map<Long, QueueStatistics> last = null;
            while (true) {
                Map<Long, QueueStatistics> now = new LinkedHashMap<>();
                boolean empty = true;
                for (List<Long> group : world.queues().values()) {
                    for (long q : group) {
                        Optional<QueueStatus> s = kernel.await(kernel.queueStatus(q));
                        if (s.isPresent()) {
                            now.put(q, s.get().statistics());
                            empty &= s.get().bytesQueued() == 0;
                        }
                    }
                }
                if (empty && now.equals(last)) {
                    return new Counted(now, true);
                }
                if (System.nanoTime() > deadline) {
                    notes.add("the kernel was still delivering " + bound.toSeconds() + " s after the workload stopped "
                            + "(it fell behind the intended load): the queues' counts were still moving, so conservation "
                            + "and loss marking are not checked");
                    return new Counted(now, false);
                }
                last = now;
                try {
                    TimeUnit.MILLISECONDS.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return new Counted(now, false);
                }
            }
        }
    }
}
