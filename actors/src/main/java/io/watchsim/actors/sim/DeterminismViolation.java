package io.watchsim.actors.sim;

/**
 * A deterministic run that was not: something reached its actor system from outside its loop (another
 * thread, the wall clock). A fault of WatchSim, never of the simulated kernel: the run cannot be replayed.
 */
public final class DeterminismViolation extends RuntimeException {
    public DeterminismViolation(String message) {
        super(message);
    }
}
