package io.watchsim.simulations.explore;

import io.watchsim.actors.PlantedFault;
import io.watchsim.actors.sim.SimLoop;
import io.watchsim.actors.sim.SimSettings;
import io.watchsim.simulations.report.ReportedRun;
import io.watchsim.simulations.report.TimelineSampler;
import io.watchsim.simulations.runner.RunResult;
import io.watchsim.simulations.runner.ScenarioRunner;
import io.watchsim.simulations.scenario.Scenario;
import io.watchsim.simulations.scenario.ScenarioLoader;
import io.watchsim.simulations.scenario.ScenarioScaling;

import java.nio.file.Path;
import java.util.Map;

/**
 * Deterministic runs of a scenario file, as explore, shrinking and replay make them: the scenario's seed
 * replaced by the run's, which also decides the schedule.
 */
public final class DeterministicRuns {
    private DeterministicRuns() {
    }

    /**
     * Runs {@code file} at {@code scale} under {@code sim} (its seed also the scenario's), writing its history to
     * {@code history} (null: fingerprint only), telling {@code trace} of every step.
     */
    public static RunResult run(Path file, double scale, SimSettings sim, Path history, SimLoop.StepListener trace) {
        return run(file, scale, sim, history, trace, PlantedFault.NONE);
    }

    /** The same with {@code planted} planted in the kernel (tests only: a bug for explore to find). */
    public static RunResult run(Path file, double scale, SimSettings sim, Path history, SimLoop.StepListener trace,
                                PlantedFault planted) {
        Scenario s = ScenarioScaling.scale(ScenarioLoader.load(file, Map.of("seed", sim.seed())), scale);
        String text = ScenarioLoader.portableText(file, Map.of("seed", sim.seed()));
        ScenarioRunner.Options options = ScenarioRunner.Options.standard().withoutAwaitingStop().withHistory(history)
                .withDeterministic(sim).withSource(text, scale).withTrace(trace).withPlantedFault(planted);
        // The same parts as `watchsim run --deterministic` (the report's sampler first), so that a seed gives the
        // same run here as there.
        TimelineSampler sampler = ReportedRun.samplerFor(s, options);
        return ScenarioRunner.run(s, options.withFirstPart(sampler::start));
    }

    /** The {@link SeedRunner} of explore and shrinking: each seed with the schedule it draws, no history file. */
    public static SeedRunner seedRunner(double scale) {
        return seedRunner(scale, PlantedFault.NONE);
    }

    /** The same, {@code planted} planted in each run's kernel (tests only). */
    public static SeedRunner seedRunner(double scale, PlantedFault planted) {
        return (file, seed) -> {
            try {
                RunResult r = run(file, scale, SimSettings.of(seed), null, SimLoop.StepListener.NONE, planted);
                return SeedOutcome.of(seed, r, r.fingerprint() == null ? "" : r.fingerprint());
            } catch (io.watchsim.simulations.scenario.ScenarioException e) {
                throw e;
            } catch (RuntimeException e) {
                return SeedOutcome.failed(seed, e);
            }
        };
    }
}
