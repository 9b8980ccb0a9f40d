package io.watchsim.simulations.runner;

import io.watchsim.actors.sim.SimSettings;
import io.watchsim.simulations.history.HistoryDiff;
import io.watchsim.simulations.scenario.Scenario;
import io.watchsim.simulations.scenario.ScenarioLoader;
import io.watchsim.simulations.scenario.ScenarioScaling;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A deterministic run ({@code watchsim run --deterministic}) is decided by its scenario and seed: the same seed
 * twice gives the same fingerprint and byte-identical history files, another seed another interleaving.
 */
class DeterministicRunTest {
    static final Path SCENARIOS = ShippedScenariosRunTest.SCENARIOS;

    static RunResult run(Scenario s, long seed, Path history) {
        Scenario seeded = new Scenario(s.name(), seed, s.duration(), s.world(), s.queues(), s.watches(), s.policy(),
                s.workload(), s.faults(), s.assertions(), s.output());
        return ScenarioRunner.run(seeded, ScenarioRunner.Options.standard().withHistory(history)
                .withDeterministic(SimSettings.of(seed)));
    }

    @Test
    void theSameSeedTwiceGivesTheSameRunByteForByte(@TempDir Path dir) throws IOException {
        Scenario s = ScenarioScaling.scale(ScenarioLoader.load(SCENARIOS.resolve("faults.conf")), 0.1);
        RunResult a = run(s, 7, dir.resolve("a.jsonl"));
        RunResult b = run(s, 7, dir.resolve("b.jsonl"));
        RunResult c = run(s, 8, dir.resolve("c.jsonl"));
        String summary = ResultWriter.summary(a) + "\n" + String.join("\n", a.history().describe());
        assertThat(a.fingerprint()).as(summary).isNotNull().hasSize(64);
        assertThat(a.metrics().get("operations.issued")).as(summary).isPositive();
        assertThat(a.invariants()).as(summary).allMatch(v -> v.status() == RunResult.Status.HELD);
        assertThat(HistoryDiff.first(dir.resolve("a.jsonl"), dir.resolve("b.jsonl"))).isEmpty();
        assertThat(Files.mismatch(dir.resolve("a.jsonl"), dir.resolve("b.jsonl"))).isEqualTo(-1L);
        assertThat(b.fingerprint()).isEqualTo(a.fingerprint());
        assertThat(b.metrics()).isEqualTo(a.metrics());
        assertThat(c.fingerprint()).isNotEqualTo(a.fingerprint());
    }
}
