package io.watchsim.simulations.stress;

import io.watchsim.sources.mounts.V5Bugs;

import java.util.Objects;

/**
 * One script of a stress run: a name to report it by, its text, the seed it was generated from
 * (null for a script read from a file), so that a run that went wrong can be replayed, and the ver #5
 * bugs its mount sources reproduce (none unless said).
 */
public record StressScript(String name, String text, Long seed, V5Bugs bugs) {
    public StressScript {
        Objects.requireNonNull(name);
        Objects.requireNonNull(text);
        Objects.requireNonNull(bugs);
    }

    public StressScript(String name, String text, Long seed) {
        this(name, text, seed, V5Bugs.none());
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
