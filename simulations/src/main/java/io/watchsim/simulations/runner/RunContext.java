package io.watchsim.simulations.runner;

import io.watchsim.actors.Kernel;
import io.watchsim.simulations.history.HistoryRecorder;
import io.watchsim.simulations.scenario.RandomStreams;
import io.watchsim.simulations.scenario.Scenario;
import io.watchsim.sources.keys.Keys;
import io.watchsim.sources.mounts.Mounts;
import org.apache.pekko.actor.typed.ActorSystem;

import java.util.SplittableRandom;

/**
 * Everything the parts of one run share: the scenario, the kernel and its key subsystem (driven
 * only through their public API), the built world, the counters, the clock, the readers' controls,
 * the fault log and what the faults did, the history when one is kept (null otherwise), the
 * mount sources when the world has mount trees (null otherwise), and the timers every delayed action
 * and time bound of the run goes through ({@link RunTimers}). Built once the world is up; immutable
 * references, thread-safe parts.
 */
public record RunContext(Scenario scenario, ActorSystem<?> system, Kernel kernel, Keys keys, BuiltWorld world,
                         RunCounters counters, RunClock clock, ReaderControl readers, FaultLog faults,
                         FaultEffects effects, HistoryRecorder history, Mounts mounts, RunTimers timers) {
    /** The process id the runner's key calls are made as. */
    public static final long PID = 1;

    /** A run on the JDK's own timers ({@link RunTimers#real}), their tasks on the system's dispatcher. */
    public RunContext(Scenario scenario, ActorSystem<?> system, Kernel kernel, Keys keys, BuiltWorld world,
                      RunCounters counters, RunClock clock, ReaderControl readers, FaultLog faults,
                      FaultEffects effects, HistoryRecorder history, Mounts mounts) {
        this(scenario, system, kernel, keys, world, counters, clock, readers, faults, effects, history, mounts,
                RunTimers.real(system.executionContext()));
    }

    /** A run without mount trees (its mount sources are null). */
    public RunContext(Scenario scenario, ActorSystem<?> system, Kernel kernel, Keys keys, BuiltWorld world,
                      RunCounters counters, RunClock clock, ReaderControl readers, FaultLog faults,
                      FaultEffects effects, HistoryRecorder history) {
        this(scenario, system, kernel, keys, world, counters, clock, readers, faults, effects, history, null);
    }

    /** A run that keeps no history. */
    public RunContext(Scenario scenario, ActorSystem<?> system, Kernel kernel, Keys keys, BuiltWorld world,
                      RunCounters counters, RunClock clock, ReaderControl readers, FaultLog faults,
                      FaultEffects effects) {
        this(scenario, system, kernel, keys, world, counters, clock, readers, faults, effects, null, null);
    }

    /** A random generator for the named stream, derived from the scenario's seed (see {@link RandomStreams}). */
    public SplittableRandom random(String streamName) {
        return new SplittableRandom(RandomStreams.seed(scenario.seed(), streamName));
    }
}
