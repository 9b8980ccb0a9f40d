package io.watchsim.simulations.stress;

import java.util.List;

/**
 * What a stress run saw of one script: how many runs finished with the first run's output, and
 * a line for each run that did not (its output varied, it failed, or it did not finish in time).
 *
 * @param reference the first run's output, which every later run is compared with
 */
public record StressOutcome(StressScript script, int runs, int same, int varied, List<String> problems,
                            String reference) {
    public StressOutcome {
        problems = List.copyOf(problems);
    }

    /** SAME when every run agreed, VARIED when some printed another output, else FAILED. */
    public String verdict() {
        return passed() ? "SAME" : varied > 0 ? "VARIED" : "FAILED";
    }

    public boolean passed() {
        return problems.isEmpty() && same == runs;
    }
}
