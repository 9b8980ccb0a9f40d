package io.watchsim.simulations.explore;

import io.watchsim.actors.sim.DeliveryTrace;
import io.watchsim.actors.sim.SimLoop;
import io.watchsim.actors.sim.SimSettings;
import io.watchsim.simulations.runner.RunResult;
import io.watchsim.simulations.runner.ScenarioRunner;
import io.watchsim.simulations.scenario.ScenarioLoader;
import io.watchsim.simulations.scenario.ScenarioScaling;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code watchsim replay}: a deterministic run again from its history alone, line for line. */
class ReplayTest {
    static final Path FAULTS = Path.of("").toAbsolutePath().getParent().resolve("scenarios").resolve("faults.conf");

    @Test
    void aDeterministicRunIsReproducedFromItsHistoryAlone(@TempDir Path dir) throws IOException {
        Path history = dir.resolve("h.jsonl");
        RunResult first = DeterministicRuns.run(FAULTS, 0.05, SimSettings.of(5), history, SimLoop.StepListener.NONE);
        DeliveryTrace trace = new DeliveryTrace(50, 5);
        Replay.Outcome o = Replay.replay(history, dir.resolve("again"), trace);
        assertThat(o.divergence()).isEmpty();
        assertThat(o.result().fingerprint()).isEqualTo(first.fingerprint());
        assertThat(o.result().passed()).isEqualTo(first.passed());
        assertThat(o.run().seed()).isEqualTo(5);
        assertThat(o.run().scale()).isEqualTo(0.05);
        assertThat(Files.mismatch(history, o.history())).isEqualTo(-1L);
        assertThat(trace.deliveries()).hasSize(50);
        // the scenario as run names its rule files absolutely: it loads from the replay's folder
        assertThat(Files.readString(dir.resolve("again").resolve("scenario.conf"))).contains(
                FAULTS.getParent().resolve("policies").resolve("lab.smack").toString());
    }

    @Test
    void anAlteredHistoryIsReportedWhereItParts(@TempDir Path dir) throws IOException {
        Path history = dir.resolve("h.jsonl");
        DeterministicRuns.run(FAULTS, 0.05, SimSettings.of(6), history, SimLoop.StepListener.NONE);
        List<String> lines = new ArrayList<>(Files.readAllLines(history));
        int at = -1;
        for (int i = 0; i < lines.size() && at < 0; i++) {
            if (lines.get(i).startsWith("{\"e\":\"posted\"")) {
                at = i;
            }
        }
        lines.set(at, lines.get(at).replaceFirst("\"seq\":", "\"seq\":9"));
        long altered = at + 1;
        Files.write(history, lines);
        Replay.Outcome o = Replay.replay(history, dir.resolve("again"), SimLoop.StepListener.NONE);
        assertThat(o.divergence()).hasValueSatisfying(d -> {
            assertThat(d.line()).isEqualTo(altered);
            assertThat(d.expected()).contains("\"seq\":9");
        });
    }

    @Test
    void aConcurrentRunsHistoryCannotBeReplayed(@TempDir Path dir) {
        Path history = dir.resolve("h.jsonl");
        ScenarioRunner.run(ScenarioScaling.scale(ScenarioLoader.load(FAULTS.resolveSibling("quickstart.conf"),
                java.util.Map.of("duration", "1s")), 0.1), ScenarioRunner.Options.standard().withHistory(history));
        assertThatThrownBy(() -> Replay.replay(history, dir.resolve("again"), SimLoop.StepListener.NONE))
                .isInstanceOf(Replay.NotReplayable.class).hasMessageContaining("not from a deterministic run");
    }
}
