package io.watchsim.queues;

/**
 * Where the simulated kernel reads the time it stamps on posts ({@link Provenance#postedNanos()}):
 * {@link #SYSTEM} ({@code System.nanoTime()}) in the concurrent mode; a virtual clock when a run is to be
 * decided by its scenario and seed alone, so that nothing in the model reads the wall clock.
 */
@FunctionalInterface
public interface NanoClock {
    /** The JVM's monotonic clock. */
    NanoClock SYSTEM = System::nanoTime;

    /** Now, in nanoseconds on this clock's own scale (only differences mean anything). */
    long nanoTime();
}
