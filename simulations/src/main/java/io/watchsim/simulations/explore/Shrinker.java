package io.watchsim.simulations.explore;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.watchsim.simulations.scenario.ScenarioException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Shrinks a failing scenario: greedily takes the first {@linkplain ScenarioCandidates smaller candidate} that
 * still fails with the same signature, and starts again from it, until no candidate fails or the budget of
 * runs is spent. A smaller scenario schedules differently under the same seed, so each candidate is tried
 * under the failing seed and then under {@code extraSeeds} more: any seed that fails the same way makes the
 * candidate a reproducer (with that seed).
 */
public final class Shrinker {
    private final SeedRunner runner;
    private final int extraSeeds;
    private final int maxRuns;
    private final Path workDir;

    /**
     * @param extraSeeds seeds tried after the failing one for each candidate
     * @param maxRuns    runs the whole shrinking may make
     * @param workDir    where candidates are written (one file each)
     */
    public Shrinker(SeedRunner runner, int extraSeeds, int maxRuns, Path workDir) {
        this.runner = runner;
        this.extraSeeds = extraSeeds;
        this.maxRuns = maxRuns;
        this.workDir = workDir;
    }

    /**
     * What shrinking gave: the smallest failing scenario found (resolved HOCON text), the seed it fails under,
     * its outcome, the changes made (in order), and the runs spent.
     */
    public record Result(String text, long seed, SeedOutcome outcome, List<String> changes, int runs) {
        public Result {
            changes = List.copyOf(changes);
        }
    }

    /** Shrinks {@code resolvedText}, which fails under {@code failing.seed()} with {@code failing.signature()}. */
    public Result shrink(String resolvedText, SeedOutcome failing) {
        Config current = ConfigFactory.parseString(resolvedText);
        SeedOutcome outcome = failing;
        List<String> changes = new ArrayList<>();
        int runs = 0;
        int files = 0;
        boolean progressed = true;
        while (progressed && runs < maxRuns) {
            progressed = false;
            for (ScenarioCandidates.Candidate c : ScenarioCandidates.of(current)) {
                Path file = workDir.resolve("candidate-" + (++files) + ".conf");
                write(file, c.text());
                SeedOutcome found = null;
                for (int i = 0; i <= extraSeeds && runs < maxRuns; i++) {
                    long seed = outcome.seed() + i;
                    SeedOutcome o;
                    try {
                        runs++;
                        o = runner.run(file, seed);
                    } catch (ScenarioException e) {
                        break;
                    }
                    if (!o.passed() && o.signature().equals(failing.signature())) {
                        found = o;
                        break;
                    }
                }
                if (found != null) {
                    current = c.config();
                    outcome = found;
                    changes.add(c.change() + (found.seed() != failing.seed() ? " (seed " + found.seed() + ")" : ""));
                    progressed = true;
                    break;
                }
                if (runs >= maxRuns) {
                    break;
                }
            }
        }
        return new Result(ScenarioCandidates.render(current), outcome.seed(), outcome, changes, runs);
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
