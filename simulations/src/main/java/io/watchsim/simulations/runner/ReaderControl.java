package io.watchsim.simulations.runner;

import io.watchsim.simulations.scenario.Rate;

import java.time.Duration;

/**
 * What faults may do to the runner's queue readers, one queue at a time. Every call returns at
 * once; the reader carries it out on its own actor. A call for a queue without a reader (never
 * built, or already closed) does nothing and returns false.
 */
public interface ReaderControl {
    /** The reader stops reading for {@code length}, then reads as before. */
    boolean stall(long queueId, Duration length);

    /** The reader reads at most {@code pace} reads a second for {@code length}, then as before. */
    boolean slow(long queueId, Rate pace, Duration length);

    /** The reader's read() buffer becomes {@code bytes} from now on. */
    boolean shrinkBuffer(long queueId, int bytes);

    /** The queue's descriptors were closed (a fault): the reader stops, and counts what it had read. */
    boolean queueClosed(long queueId);
}
