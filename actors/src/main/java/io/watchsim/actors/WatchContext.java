package io.watchsim.actors;

import io.watchsim.queues.NanoClock;

/**
 * What every watch of one kernel shares (one instance per kernel, referenced by each watch's
 * binding): the history it tells when it stops unasked, and the planted bug of a test, if any.
 */
record WatchContext(KernelHistory history, PlantedFault planted, NanoClock clock) {
    /** No history, no bug, the system clock: for watches built by hand in tests. */
    static final WatchContext PLAIN = new WatchContext(KernelHistory.OFF, PlantedFault.NONE, NanoClock.SYSTEM);
}
