package io.watchsim.simulations.runner;

import io.watchsim.actors.Waits;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * At most a fixed number of calls outstanding, for one issuing thread (the runner's, building the
 * world): {@link #enter} waits for a free place through {@link Waits} (so that a deterministic run's
 * thread keeps running its system while it waits, where a semaphore would block it for good);
 * {@link #leave}, called by an answer on any thread, frees one. A place freed while the issuer waits
 * is handed to it directly.
 */
final class CallWindow {
    /** How long the issuer waits for one place: every call answers or fails within the kernel's timeout. */
    static final Duration PLACE_BOUND = Duration.ofMinutes(10);
    private static final CompletableFuture<Void> FREE = CompletableFuture.completedFuture(null);

    private final int size;
    private int free;
    /** The issuer waiting for a place, or null. */
    private CompletableFuture<Void> waiting;

    CallWindow(int size) {
        this.size = size;
        this.free = size;
    }

    /** Takes a place, waiting on this thread until one is free. */
    void enter() {
        Waits.await(place(), PLACE_BOUND);
    }

    /** Waits on this thread until every place is free again: every call made has been answered. */
    void awaitAll() {
        for (int i = 0; i < size; i++) {
            enter();
        }
    }

    private synchronized CompletableFuture<Void> place() {
        if (free > 0) {
            free--;
            return FREE;
        }
        waiting = new CompletableFuture<>();
        return waiting;
    }

    /** Frees a place (a call was answered). */
    void leave() {
        CompletableFuture<Void> handedTo;
        synchronized (this) {
            handedTo = waiting;
            waiting = null;
            if (handedTo == null) {
                free++;
                return;
            }
        }
        handedTo.complete(null);
    }
}
