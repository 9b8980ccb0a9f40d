package io.watchsim.simulations.explore;

import io.watchsim.actors.sim.SimLoop;
import io.watchsim.actors.sim.SimSettings;
import io.watchsim.simulations.history.HistoryDiff;
import io.watchsim.simulations.history.HistoryEvent;
import io.watchsim.simulations.history.HistoryFile;
import io.watchsim.simulations.runner.RunResult;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Runs a deterministic run again from its history alone ({@code watchsim replay}): the scenario and schedule
 * its first event describes, into a new history, which must be the old one line for line.
 */
public final class Replay {
    private Replay() {
    }

    /**
     * What replaying gave: the run's result, the new history, and where it parted from the old one (empty: it
     * did not, the run was reproduced exactly).
     */
    public record Outcome(HistoryEvent.RunStarted run, RunResult result, Path history,
                          Optional<HistoryDiff.Divergence> divergence) {
    }

    /** Why a history cannot be replayed (it is not from a deterministic run, or lacks its scenario). */
    public static final class NotReplayable extends RuntimeException {
        public NotReplayable(String message) {
            super(message);
        }
    }

    /**
     * Replays {@code history} into {@code dir} (its scenario as {@code scenario.conf}, the new history beside
     * it), telling {@code trace} of every step.
     */
    public static Outcome replay(Path history, Path dir, SimLoop.StepListener trace) throws IOException {
        HistoryEvent.RunStarted run = HistoryFile.runOf(history).orElseThrow(() -> new NotReplayable("history '"
                + history + "' is not from a deterministic run (its second line is no \"run\" event); only runs made"
                + " with --deterministic can be replayed"));
        if (run.scenario().isBlank()) {
            throw new NotReplayable("history '" + history + "' does not hold its scenario's text; it cannot be run"
                    + " again from the file");
        }
        Files.createDirectories(dir);
        Path scenario = dir.resolve("scenario.conf");
        Files.writeString(scenario, run.scenario(), StandardCharsets.UTF_8);
        String name = history.getFileName().toString();
        Path again = dir.resolve(name.endsWith(".gz") ? "replay.jsonl.gz" : "replay.jsonl");
        SimSettings sim = new SimSettings(run.seed(), run.window(), run.stepCostNanos());
        RunResult result = DeterministicRuns.run(scenario, run.scale(), sim, again, trace,
                io.watchsim.actors.PlantedFault.valueOf(run.planted()));
        return new Outcome(run, result, again, HistoryDiff.first(history, again));
    }
}
