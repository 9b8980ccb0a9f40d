package io.watchsim.simulations.runner;

import io.watchsim.actors.sim.SimSettings;
import io.watchsim.simulations.scenario.Scenario;
import io.watchsim.simulations.scenario.ScenarioLoader;
import io.watchsim.simulations.scenario.ScenarioScaling;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every shipped scenario gives in deterministic mode the verdict it gives in concurrent mode
 * ({@link ShippedScenariosRunTest}, at the same sizes): it passes, and every invariant, per watch included,
 * holds; under two seeds (two schedules).
 */
class DeterministicParityTest {
    @ParameterizedTest(name = "{0} at {1}, {2}, seed {3}")
    @CsvSource({
            "quickstart, 1.0, 2s, 1",
            "quickstart, 1.0, 2s, 2",
            "key-churn, 0.2, 4s, 1",
            "policy, 0.2, 4s, 1",
            "fanout, 0.01, 4s, 1",
            "scale, 0.005, 6s, 1",
            "faults, 0.2, '', 1",
            "faults, 0.2, '', 2",
            "mount-storm, 0.5, '', 1",
            "examples/tour, 1.0, '', 1",
            "examples/close-race, 1.0, '', 1",
    })
    void aShippedScenarioPassesDeterministicallyToo(String name, double scale, String duration, long seed) {
        Map<String, Object> overrides = new HashMap<>();
        overrides.put("seed", seed);
        if (!duration.isEmpty()) {
            overrides.put("duration", duration);
        }
        Scenario full = ScenarioLoader.load(ShippedScenariosRunTest.SCENARIOS.resolve(name + ".conf"), overrides);
        Scenario s = ShippedScenariosRunTest.withoutAbsoluteTargets(ScenarioScaling.scale(full, scale));
        RunResult r = ScenarioRunner.run(s, ScenarioRunner.Options.standard().withHistory(null)
                .withDeterministic(SimSettings.of(seed)));
        String summary = ResultWriter.summary(r) + "\n" + String.join("\n", r.history().describe());
        assertThat(r.history().overrun()).as(summary).isNull();
        assertThat(r.invariants()).as(summary).allMatch(v -> v.status() == RunResult.Status.HELD);
        assertThat(r.passed()).as(summary).isTrue();
        assertThat(r.metrics().get("operations.issued")).as("the workload ran").isPositive();
        assertThat(r.fingerprint()).hasSize(64);
    }
}
