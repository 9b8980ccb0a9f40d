package io.watchsim.simulations.runner;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The run's generators, issuing. Each stops issuing on its own at the run's end
 * ({@link #issuingEnded()}); {@link #stop()} stops them at once and settles their calls.
 */
public final class RunningWorkload {
    private final List<RunningGenerator> generators;
    private final Duration bound;
    private CompletableFuture<Void> stopped;

    RunningWorkload(List<RunningGenerator> generators, Duration bound) {
        this.generators = List.copyOf(generators);
        this.bound = bound;
    }

    /**
     * Completes once every generator has stopped issuing: its schedule reached the run's end (a
     * closed model's last calls answered), or it was stopped.
     */
    public CompletionStage<Void> issuingEnded() {
        return CompletableFuture.allOf(generators.stream().map(RunningGenerator::streamEnded)
                .toArray(CompletableFuture[]::new));
    }

    /**
     * Stops every generator issuing and completes once every call they issued has been answered
     * or given up on, at most the kernel's call bound after the stop (a call given up on counts as
     * unanswered, a liveness violation). Idempotent: later calls return the first one's stage.
     */
    public CompletionStage<Void> stop() {
        return stop(bound);
    }

    /** {@link #stop()}, giving up on calls still out {@code giveUpAfter} after the stop. */
    public synchronized CompletionStage<Void> stop(Duration giveUpAfter) {
        if (stopped == null) {
            stopped = CompletableFuture.allOf(generators.stream().map(g -> g.stop(giveUpAfter))
                    .toArray(CompletableFuture[]::new));
        }
        return stopped;
    }

    /** Each generator's counts, in the scenario's (name) order. */
    public List<GeneratorStats> stats() {
        return generators.stream().map(RunningGenerator::stats).toList();
    }
}
