package io.watchsim.actors;

import io.watchsim.queues.NanoClock;

/**
 * What every watch of one kernel shares (one instance per kernel, referenced by each watch's
 * binding): the history it tells when it stops unasked, the planted bug of a test, if any, the clock it
 * stamps removal records with, and which actor posts records to its queue (the object, or, on the earlier
 * path, the watch itself).
 */
record WatchContext(KernelHistory history, PlantedFault planted, NanoClock clock, DeliveryPath delivery) {
    /** No history, no bug, the system clock, direct delivery: for watches built by hand in tests. */
    static final WatchContext PLAIN = new WatchContext(KernelHistory.OFF, PlantedFault.NONE, NanoClock.SYSTEM,
            DeliveryPath.DIRECT);

    /** Whether records pass through the watch actors (the earlier path), which then post removal records too. */
    boolean viaWatch() {
        return delivery == DeliveryPath.VIA_WATCH;
    }
}
