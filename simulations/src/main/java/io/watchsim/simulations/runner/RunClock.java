package io.watchsim.simulations.runner;

import java.time.Duration;

/**
 * The run's time: nanoseconds since the workload started, from the JVM's monotonic clock. Faults,
 * generators and readers all measure against the same start, so that a fault at 5 s is 5 s into
 * the workload everywhere.
 */
public final class RunClock {
    private final long startNanos;

    private RunClock(long startNanos) {
        this.startNanos = startNanos;
    }

    /** A clock whose zero is now. */
    public static RunClock startingNow() {
        return new RunClock(System.nanoTime());
    }

    /** Nanoseconds since the start. */
    public long elapsedNanos() {
        return System.nanoTime() - startNanos;
    }

    public Duration elapsed() {
        return Duration.ofNanos(elapsedNanos());
    }

}
