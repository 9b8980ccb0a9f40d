package io.watchsim.simulations.runner;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The run's generators, issuing. Each stops issuing on its own at the run's end
 * ({@link #issuingEnded()}); {@link #finish} waits for that, bounded, and settles their calls;
 * {@link #stop()} stops them at once and settles their calls.
 */
public final class RunningWorkload {
    private final List<RunningGenerator> generators;
    private final Duration bound;
    private final RunTimers timers;
    private CompletableFuture<Void> stopped;

    RunningWorkload(List<RunningGenerator> generators, Duration bound, RunTimers timers) {
        this.generators = List.copyOf(generators);
        this.bound = bound;
        this.timers = timers;
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

    /**
     * At the run's end: lets every generator reach the end of its schedule on its own (an open
     * generator's last tick counts what came due up to the end exactly; a stream still starting
     * ticks once and counts it all), waiting at most {@code grace}, then {@link #stop()}s them.
     * Stopping at once instead would race the last tick and lose what came due since the one
     * before it, or everything in a short run whose streams had not ticked yet.
     */
    public CompletionStage<Void> finish(Duration grace) {
        return timers.completeOnTimeout(issuingEnded(), null, grace).thenCompose(v -> stop());
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
