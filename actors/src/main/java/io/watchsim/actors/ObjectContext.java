package io.watchsim.actors;

/**
 * What the kernel gives every watched object it creates (through {@link Kernel#spawnObject}):
 * the directory it leaves when it stops, and the history it tells what it does (when one is kept). Opaque outside the kernel. (Watches are started by their
 * queues, so an object needs no host of its own.)
 */
public final class ObjectContext {
    private final Directory directory;
    private final KernelHistory history;
    private final WatchContext watchContext;

    ObjectContext(Directory directory, KernelHistory history) {
        this(directory, history, PlantedFault.NONE);
    }

    ObjectContext(Directory directory, KernelHistory history, PlantedFault planted) {
        this.directory = directory;
        this.history = history;
        this.watchContext = new WatchContext(history, planted);
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
