package io.watchsim.simulations.report;

import io.watchsim.simulations.runner.RunResult;
import io.watchsim.simulations.scenario.Scenario;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything one run's report is made of: the result, what the sampler saw (absent when the run
 * was not sampled), the scenario run and its text as resolved, the scale it ran at, the machine.
 *
 * @param scenarioText the scenario as HOCON, includes and overrides resolved (before scaling)
 * @param scale        the fraction of the scenario's size it ran at (1: as written)
 */
public record ReportInputs(RunResult result, Scenario scenario, String scenarioText, double scale,
                           Optional<Timeline> timeline, List<Long> trackedQueues,
                           Optional<TimelineSampler.FinalCounts> finalCounts, Map<String, String> machine) {
    public ReportInputs {
        Objects.requireNonNull(result);
        Objects.requireNonNull(scenario);
        Objects.requireNonNull(scenarioText);
        trackedQueues = List.copyOf(trackedQueues);
        machine = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(machine));
    }

    /** The inputs of a run sampled by {@code sampler}, on this machine. */
    public static ReportInputs of(RunResult result, Scenario scenario, String scenarioText, double scale,
                                  TimelineSampler sampler) {
        return new ReportInputs(result, scenario, scenarioText, scale, sampler.timeline(), sampler.trackedQueues(),
                sampler.finalCounts(), Machine.describe());
    }
}
