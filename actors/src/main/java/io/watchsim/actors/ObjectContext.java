package io.watchsim.actors;

/**
 * What the kernel gives every watched object it creates (through {@link Kernel#spawnObject}):
 * the directory it leaves when it stops. Opaque outside the kernel. (Watches are started by their
 * queues, so an object needs no host of its own.)
 */
public final class ObjectContext {
    private final Directory directory;

    ObjectContext(Directory directory) {
        this.directory = directory;
    }

    Directory directory() {
        return directory;
    }
}
