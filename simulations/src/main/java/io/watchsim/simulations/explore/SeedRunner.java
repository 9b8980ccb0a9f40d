package io.watchsim.simulations.explore;

import java.nio.file.Path;

/**
 * Runs a scenario file deterministically under one seed, on the calling thread. Must not throw: a run that
 * fails to run is an outcome too ({@link SeedOutcome#failed}). A scenario that does not load is the caller's
 * mistake and may throw.
 */
@FunctionalInterface
public interface SeedRunner {
    SeedOutcome run(Path scenario, long seed);
}
