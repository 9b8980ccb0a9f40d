package io.watchsim.simulations.report;

import io.watchsim.simulations.runner.ResultWriter;
import io.watchsim.simulations.runner.RunResult;
import io.watchsim.simulations.runner.ScenarioRunner;
import io.watchsim.simulations.scenario.Scenario;

import java.nio.file.Path;

/**
 * One run with its report: samples the run ({@link TimelineSampler}, every
 * {@code output.sample-interval}), then writes {@code result.json}, {@code report.html} and
 * {@code scenario.conf} into the run's folder. What {@code watchsim run} and each point of a sweep do.
 *
 * @param result     the run's result
 * @param resultFile its {@code result.json}
 * @param report     its {@code report.html}
 */
public record ReportedRun(RunResult result, Path resultFile, Path report) {
    /**
     * Runs {@code scenario} with {@code options} (the sampler added as the first part) and writes
     * its files into {@code dir}; {@code scenarioText} is the scenario as resolved, {@code scale}
     * the fraction of its size it runs at.
     */
    public static ReportedRun run(Scenario scenario, String scenarioText, double scale, Path dir,
                                  ScenarioRunner.Options options) {
        TimelineSampler sampler = samplerFor(scenario, options);
        RunResult result = ScenarioRunner.run(scenario, options.withFirstPart(sampler::start));
        Path json = ResultWriter.write(result, dir);
        Path report = RunReport.write(dir, ReportInputs.of(result, scenario, scenarioText, scale, sampler));
        return new ReportedRun(result, json, report);
    }

    /**
     * The sampler a reported run starts as its first part: on the run's virtual scheduler in a deterministic run
     * (nothing but its loop may touch its actors), on its own thread otherwise. Every deterministic run
     * (explore, replay) starts the same one first, so that a seed gives one run whichever command makes it.
     */
    public static TimelineSampler samplerFor(Scenario scenario, ScenarioRunner.Options options) {
        return options.deterministic().isPresent()
                ? TimelineSampler.onScheduler(scenario.output().sampleInterval())
                : new TimelineSampler(scenario.output().sampleInterval());
    }
}
