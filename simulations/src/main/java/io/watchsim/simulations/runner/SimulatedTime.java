package io.watchsim.simulations.runner;

import org.apache.pekko.actor.Cancellable;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps the key subsystem's simulated clock with the run's: every {@link ScenarioRunner#SIMULATED_TICK}
 * it lets the time that passed since the last tick pass in the kernel, so that key timeouts,
 * garbage-collection delays and the collector's deferred work happen when the scenario says.
 */
final class SimulatedTime implements ScenarioRunner.RunPart {
    private final Cancellable ticks;
    private final AtomicLong last;
    private final RunContext ctx;
    private volatile CompletionStage<?> pending = CompletableFuture.completedFuture(null);

    private SimulatedTime(RunContext ctx) {
        this.ctx = ctx;
        this.last = new AtomicLong(ctx.clock().elapsedNanos());
        this.ticks = ctx.system().scheduler().scheduleAtFixedRate(ScenarioRunner.SIMULATED_TICK,
                ScenarioRunner.SIMULATED_TICK, this::tick, ctx.system().executionContext());
    }

    static ScenarioRunner.RunPart start(RunContext ctx) {
        return new SimulatedTime(ctx);
    }

    /** Moves simulated time on by what passed; one advance at a time (the next waits for the last). */
    private void tick() {
        if (!pending.toCompletableFuture().isDone()) {
            return;
        }
        long now = ctx.clock().elapsedNanos();
        long ms = (now - last.get()) / 1_000_000;
        if (ms > 0) {
            last.addAndGet(ms * 1_000_000);
            pending = ctx.keys().advance(ms);
        }
    }

    @Override
    public CompletionStage<Void> stop() {
        ticks.cancel();
        return pending.handle((r, t) -> null);
    }

}
