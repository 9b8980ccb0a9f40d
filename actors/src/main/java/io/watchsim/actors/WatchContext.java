package io.watchsim.actors;

/**
 * What every watch of one kernel shares (one instance per kernel, referenced by each watch's
 * binding): the history it tells when it stops unasked, and the planted bug of a test, if any.
 */
record WatchContext(KernelHistory history, PlantedFault planted) {
    /** No history, no bug: for watches built by hand in tests. */
    static final WatchContext PLAIN = new WatchContext(KernelHistory.OFF, PlantedFault.NONE);
}
