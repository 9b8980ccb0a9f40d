package io.watchsim.actors.sim;

/**
 * What decides a deterministic run besides its scenario: the seed of the schedule, how far later work may
 * overtake earlier work ({@link SeededOrder}'s window), and the virtual time one step (one message, one
 * task) costs. Processing that took no time would freeze the clock while anything is runnable: a client
 * that calls again as soon as it is answered would never let a timer fire. One step costing
 * {@code stepCostNanos} makes the loop a single simulated CPU of that speed.
 */
public record SimSettings(long seed, int window, long stepCostNanos) {
    /** One microsecond a step: about the rate at which a core runs Pekko messages of WatchSim's size. */
    public static final long DEFAULT_STEP_COST_NANOS = 1_000;

    public SimSettings {
        if (window < 1) {
            throw new IllegalArgumentException("the schedule's window is at least 1, not " + window);
        }
        if (stepCostNanos < 1) {
            throw new IllegalArgumentException("a step costs at least 1 ns of virtual time, not " + stepCostNanos);
        }
    }

    /** The settings a seed gives: the window drawn from the seed, the default step cost. */
    public static SimSettings of(long seed) {
        return new SimSettings(seed, SeededOrder.of(seed).window(), DEFAULT_STEP_COST_NANOS);
    }

    public SimSettings withWindow(int w) {
        return new SimSettings(seed, w, stepCostNanos);
    }

    public SimSettings withStepCostNanos(long cost) {
        return new SimSettings(seed, window, cost);
    }
}
