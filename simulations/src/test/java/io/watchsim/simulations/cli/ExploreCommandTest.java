package io.watchsim.simulations.cli;

import io.watchsim.simulations.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code watchsim explore}: seeds run deterministically, failures grouped, the first shrunk into a scenario that
 * loads and names what it dropped; bad arguments get one line. faults.conf with its flood cut to fewer records
 * than its queues hold, at 5% of its size, loses no records, so its assertion {@code records.loss-marks > 0}
 * fails under every seed: a failure explore must find.
 */
class ExploreCommandTest {
    static final Path FAULTS = Path.of("").toAbsolutePath().getParent().resolve("scenarios").resolve("faults.conf");

    @RegisterExtension
    final CapturedStreams streams = new CapturedStreams();

    @Test
    void exploreListsTheFailingSeedsAndShrinksTheFirst(@TempDir Path dir) throws Exception {
        Path lossless = dir.resolve("faults-small-flood.conf");
        Files.writeString(lossless, ScenarioLoader.portableText(FAULTS, Map.of("faults.flood-slow.records", 20)));
        Path out = dir.resolve("out");
        int code = WatchSimCommand.execute("explore", lossless.toString(), "--seeds", "1..2", "--scale", "0.05",
                "--jobs", "2", "--shrink-runs", "4", "--out", out.toString());
        String printed = streams.out();
        assertThat(code).as(printed + streams.err()).isEqualTo(1);
        assertThat(printed).contains("explored seeds 1..2: 0 passed, 2 failed")
                .contains("assertion records.loss-marks > 0: 2 seeds (1, 2)")
                .contains("reproduce: watchsim run " + lossless + " --deterministic --seed 1 --scale 0.05")
                .contains("shrunk in ").contains("without fault ");
        Path shrunk = out.resolve("shrunk.conf");
        assertThat(shrunk).isRegularFile();
        assertThat(ScenarioLoader.load(shrunk).faults().faults()).hasSizeLessThan(
                ScenarioLoader.load(FAULTS).faults().faults().size());
    }

    /** faults.conf as shipped keeps its losses at 5 % of its size: its flood still overfills a queue. */
    @Test
    void theShippedFaultsScenarioPassesAtAFractionOfItsSize(@TempDir Path dir) {
        int code = WatchSimCommand.execute("explore", FAULTS.toString(), "--seeds", "1..2", "--scale", "0.05",
                "--jobs", "2", "--no-shrink", "--out", dir.toString());
        assertThat(code).as(streams.out() + streams.err()).isZero();
        assertThat(streams.out()).contains("explored seeds 1..2: 2 passed, 0 failed");
    }

    @Test
    void aBadSeedRangeGetsOneLine() {
        assertThat(WatchSimCommand.execute("explore", FAULTS.toString(), "--seeds", "1-5")).isEqualTo(2);
        assertThat(streams.err()).contains("--seeds '1-5' is not a seed range").hasLineCount(1);
    }

    @Test
    void aMissingScenarioGetsOneLineSayingWhereItWasLookedFor(@TempDir Path dir) {
        Path missing = dir.resolve("nowhere.conf");
        assertThat(WatchSimCommand.execute("explore", missing.toString(), "--seeds", "1..2")).isEqualTo(2);
        assertThat(streams.err()).contains("scenario '" + missing + "' does not exist (looked for " + missing)
                .contains("allowed a scenario file (.conf").hasLineCount(1);
        assertThat(WatchSimCommand.execute("explore", dir.toString(), "--seeds", "1..2")).isEqualTo(2);
        assertThat(streams.err()).contains("is a folder");
    }

    @Test
    void replayRefusesAConcurrentRunsHistory(@TempDir Path dir) throws Exception {
        Path h = dir.resolve("h.jsonl");
        Files.writeString(h, "{\"e\":\"watchsim-history\",\"version\":1}\n{\"e\":\"note\",\"nanos\":0,\"text\":\"x\"}\n");
        assertThat(WatchSimCommand.execute("replay", h.toString())).isEqualTo(2);
        assertThat(streams.err()).contains("is not from a deterministic run").hasLineCount(1);
    }
}
