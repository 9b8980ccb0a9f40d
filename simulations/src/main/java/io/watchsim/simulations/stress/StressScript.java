package io.watchsim.simulations.stress;

import java.util.Objects;

/**
 * One script of a stress run: a name to report it by, its text, and the seed it was generated
 * from (null for a script read from a file), so that a run that went wrong can be replayed.
 */
public record StressScript(String name, String text, Long seed) {
    public StressScript {
        Objects.requireNonNull(name);
        Objects.requireNonNull(text);
    }

    /** A generated script: {@link ScriptGenerator#fromSeed}. */
    public static StressScript generated(long seed) {
        return new StressScript("generated-" + seed, ScriptGenerator.fromSeed(seed), seed);
    }

    /** How to run this script again on its own, for a report. */
    public String replay() {
        return seed == null ? "watchsim stress " + name : "watchsim stress --generated 1 --seed " + seed;
    }
}
