package io.watchsim.simulations.runner;

import io.watchsim.actors.PlantedFault;
import io.watchsim.simulations.scenario.Scenario;
import io.watchsim.simulations.scenario.ScenarioLoader;
import io.watchsim.simulations.scenario.ScenarioScaling;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each invariant catches a bug planted in the kernel on purpose ({@link PlantedFault}): a shipped
 * scenario, scaled down, run with the bug and its history kept, ends with that invariant violated
 * and the run failing; the same run without the bug holds (ShippedScenariosRunTest).
 */
class PlantedFaultsTest {

    private static RunResult run(String scenario, double scale, PlantedFault fault, boolean history) {
        Scenario full = ScenarioLoader.load(ShippedScenariosRunTest.SCENARIOS.resolve(scenario + ".conf"),
                Map.of("duration", "3s"));
        Scenario t = ShippedScenariosRunTest.withoutAbsoluteTargets(ScenarioScaling.scale(full, scale));
        // The history is kept exactly when asked here, whatever the scenario's output says.
        Scenario s = new Scenario(t.name(), t.seed(), t.duration(), t.world(), t.queues(), t.watches(), t.policy(),
                t.workload(), t.faults(), t.assertions(), t.output().withHistory(false));
        ScenarioRunner.Options options = ScenarioRunner.Options.standard().withPlantedFault(fault);
        return ScenarioRunner.run(s, history ? options.withHistory(null) : options);
    }

    private static RunResult.InvariantVerdict verdict(RunResult r, String name) {
        return r.invariants().stream().filter(v -> v.name().equals(name)).findFirst().orElseThrow();
    }

    @ParameterizedTest(name = "{0} in {1} breaks {3}")
    @CsvSource({
            "DROP_RECORDS, quickstart, 1.0, conservation",
            "REORDER_RECORDS, quickstart, 1.0, ordering",
            "SKIP_POST_HOOK, policy, 0.2, security",
            "DOUBLE_REMOVAL, key-churn, 0.2, removal",
    })
    void theHistoryCatchesAPlantedBug(PlantedFault fault, String scenario, double scale, String invariant) {
        RunResult r = run(scenario, scale, fault, true);
        RunResult.InvariantVerdict v = verdict(r, invariant);
        assertThat(v.status()).as(ResultWriter.summary(r)).isEqualTo(RunResult.Status.VIOLATED);
        assertThat(v.examples()).isNotEmpty();
        assertThat(r.history().first()).as("the first violation is reported").isNotNull();
        assertThat(r.history().context()).as("with the events around it").isNotEmpty();
        assertThat(r.passed()).as("invariants.all gates the run").isFalse();
    }

    @Test
    void readersCatchReorderingWithoutAHistory() {
        RunResult r = run("quickstart", 1.0, PlantedFault.REORDER_RECORDS, false);
        assertThat(r.history()).isNull();
        assertThat(verdict(r, "ordering").status()).as(ResultWriter.summary(r)).isEqualTo(RunResult.Status.VIOLATED);
    }
}
