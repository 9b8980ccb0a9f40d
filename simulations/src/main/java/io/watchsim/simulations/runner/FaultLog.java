package io.watchsim.simulations.runner;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The faults a run fired, each with its time (since the workload started), its name and what it
 * did; thread-safe, kept in firing order for the result and a later history check.
 */
public final class FaultLog {
    /** One fault that fired: when, which, and what it touched (ids, shares, the kernel's answers). */
    public record Fired(Duration at, String name, String kind, String detail) {
    }

    private final List<Fired> fired = new ArrayList<>();
    private final Consumer<Fired> listener;

    public FaultLog() {
        this(f -> { });
    }

    /** A log that also tells {@code listener} of each fault as it is added (a run's history). */
    public FaultLog(Consumer<Fired> listener) {
        this.listener = listener;
    }

    public void add(Fired f) {
        synchronized (this) {
            fired.add(f);
        }
        listener.accept(f);
    }

    public synchronized List<Fired> fired() {
        return List.copyOf(fired);
    }
}
