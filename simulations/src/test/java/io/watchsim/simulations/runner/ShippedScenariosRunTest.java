package io.watchsim.simulations.runner;

import io.watchsim.simulations.scenario.Scenario;
import io.watchsim.simulations.scenario.ScenarioLoader;
import io.watchsim.simulations.scenario.ScenarioScaling;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import io.watchsim.simulations.scenario.Assertion;
import io.watchsim.simulations.scenario.Metric;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every shipped scenario, scaled down so that CI stays within its time, runs to a verdict with its
 * history kept: it passes its assertions and every invariant, per watch included, is checked and held. The full sizes are
 * `watchsim run scenarios/NAME.conf` by hand (figures in docs/PERFORMANCE.md).
 */
class ShippedScenariosRunTest {
    static final Path SCENARIOS = Path.of("").toAbsolutePath().getParent().resolve("scenarios");

    @ParameterizedTest(name = "{0} at {1}, {2}")
    @CsvSource({
            "quickstart, 1.0, 2s",
            "key-churn, 0.2, 4s",
            "policy, 0.2, 4s",
            "fanout, 0.01, 4s",
            "scale, 0.005, 6s",
            "faults, 0.2, ''",
    })
    void aShippedScenarioScaledDownPasses(String name, double scale, String duration) {
        Map<String, Object> overrides = new HashMap<>();
        if (!duration.isEmpty()) {
            overrides.put("duration", duration);
        }
        Scenario full = ScenarioLoader.load(SCENARIOS.resolve(name + ".conf"), overrides);
        Scenario s = withoutAbsoluteTargets(ScenarioScaling.scale(full, scale));
        RunResult r = ScenarioRunner.run(s, ScenarioRunner.Options.standard().withHistory(null));
        String summary = ResultWriter.summary(r) + "\n" + String.join("\n", r.history().describe());
        assertThat(r.history().overrun()).as(summary).isNull();
        assertThat(r.invariants()).as(summary).allMatch(v -> v.status() == RunResult.Status.HELD);
        assertThat(r.passed()).as(summary).isTrue();
        assertThat(r.metrics().get("operations.issued")).as("the workload ran").isPositive();
    }

    /**
     * The mount storm at half its size and 6 s, its faults brought forward to fit: the readers that
     * overflow recover through mountinfo and miss no change, every invariant holds per watch (walk-
     * delivered records, detached, expired and crashed mounts included).
     */
    @Test
    void theMountStormScaledDownPasses() {
        Scenario full = ScenarioLoader.load(SCENARIOS.resolve("mount-storm.conf"), Map.of("duration", "6s",
                "faults.expiry-storm.every", "2s", "faults.detach-busy.at", "2s", "faults.crash-mounts.at", "3s",
                "faults.close-nested.at", "4s"));
        Scenario s = ScenarioScaling.scale(full, 0.5);
        RunResult r = ScenarioRunner.run(s, ScenarioRunner.Options.standard().withHistory(null));
        String summary = ResultWriter.summary(r) + "\n" + String.join("\n", r.history().describe());
        assertThat(r.history().overrun()).as(summary).isNull();
        assertThat(r.invariants()).as(summary).allMatch(v -> v.status() == RunResult.Status.HELD);
        assertThat(r.passed()).as(summary).isTrue();
        assertThat(r.metrics().get("mounts.walks")).as(summary).isPositive();
        assertThat(r.metrics().get("mounts.changes")).as(summary).isPositive();
        assertThat(r.faults()).extracting(FaultLog.Fired::kind).as(summary)
                .contains("expire-automounts", "detach-mounts", "crash-objects", "close-queues");
    }

    /**
     * The scenario without its assertions on throughput and latency: absolute targets written for
     * the full size, which a fraction of it on a shared CI machine does not reach.
     */
    static Scenario withoutAbsoluteTargets(Scenario s) {
        List<Assertion> kept = s.assertions().stream().filter(a -> RunMetrics.metricsOf(a).stream()
                .noneMatch(m -> m.type() == Metric.Type.RATE || m.type() == Metric.Type.DURATION)).toList();
        return new Scenario(s.name(), s.seed(), s.duration(), s.world(), s.queues(), s.watches(), s.policy(),
                s.workload(), s.faults(), kept, s.output());
    }
}
