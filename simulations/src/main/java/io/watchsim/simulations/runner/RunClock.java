package io.watchsim.simulations.runner;

import io.watchsim.queues.NanoClock;

import java.time.Duration;

/**
 * The run's time: nanoseconds since the workload started, on the kernel's clock ({@link NanoClock}:
 * the JVM's monotonic clock unless the run supplies its own). Faults, generators and readers all
 * measure against the same start, so that a fault at 5 s is 5 s into the workload everywhere, and
 * readers time each record from its post on the clock the kernel stamped it with.
 */
public final class RunClock {
    private final NanoClock source;
    private final long startNanos;

    private RunClock(NanoClock source) {
        this.source = source;
        this.startNanos = source.nanoTime();
    }

    /** A clock on the JVM's monotonic clock whose zero is now. */
    public static RunClock startingNow() {
        return startingNow(NanoClock.SYSTEM);
    }

    /** A clock on {@code source} (the kernel's) whose zero is now. */
    public static RunClock startingNow(NanoClock source) {
        return new RunClock(source);
    }

    /** Nanoseconds since the start. */
    public long elapsedNanos() {
        return source.nanoTime() - startNanos;
    }

    public Duration elapsed() {
        return Duration.ofNanos(elapsedNanos());
    }

    /** Now on the underlying clock: the scale of a post's {@code Provenance.postedNanos()}. */
    public long nanoTime() {
        return source.nanoTime();
    }
}
