package io.watchsim.actors;

import io.watchsim.queues.NanoClock;
import io.watchsim.queues.RecordsInTransit;

/**
 * What the kernel gives every watched object it creates (through {@link Kernel#spawnObject}):
 * the directory it leaves when it stops, the history it tells what it does (when one is kept) and
 * the kernel's backlog its fan-outs add to. Opaque outside the kernel. (Watches are started by their
 * queues, so an object needs no host of its own.)
 */
public final class ObjectContext {
    private final Directory directory;
    private final KernelHistory history;
    private final WatchContext watchContext;
    private final RecordsInTransit transit;
    private final NanoClock clock;

    ObjectContext(Directory directory, KernelHistory history) {
        this(directory, history, PlantedFault.NONE, new RecordsInTransit(), NanoClock.SYSTEM, DeliveryPath.DIRECT);
    }

    ObjectContext(Directory directory, KernelHistory history, PlantedFault planted, RecordsInTransit transit,
                  NanoClock clock, DeliveryPath delivery) {
        this.directory = directory;
        this.history = history;
        this.watchContext = new WatchContext(history, planted, clock, delivery);
        this.transit = transit;
        this.clock = clock;
    }

    /** Where the time stamped on each post is read. */
    NanoClock clock() {
        return clock;
    }

    /** The kernel's backlog, which every fan-out adds to. */
    RecordsInTransit transit() {
        return transit;
    }

    /** What every watch of this kernel shares. */
    WatchContext watchContext() {
        return watchContext;
    }

    Directory directory() {
        return directory;
    }

    KernelHistory history() {
        return history;
    }
}
