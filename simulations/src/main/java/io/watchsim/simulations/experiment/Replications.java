package io.watchsim.simulations.experiment;

import io.watchsim.simulations.scenario.RandomStreams;

/**
 * The seeds of a sweep's replications. Replication 1 runs with the scenario's seed (after
 * {@code --seed}), so that a sweep of one replication repeats the plain runs; replication
 * {@code r} of 2 or more runs with the seed of the random stream {@code replication-r} under it,
 * {@code seed(s, "replication-" + r)} as docs/SCENARIOS.md ("Random streams") defines it. Every
 * point of the grid uses the same seeds, so points are compared on the same draws.
 */
public final class Replications {
    /** The most replications a sweep takes. */
    public static final int MAX = 1000;

    private Replications() {
    }

    /** The seed of replication {@code r} (1-based) of a scenario whose seed is {@code seed}. */
    public static long seed(long seed, int r) {
        if (r < 1) {
            throw new IllegalArgumentException("replications count from 1: " + r);
        }
        return r == 1 ? seed : RandomStreams.seed(seed, "replication-" + r);
    }
}
