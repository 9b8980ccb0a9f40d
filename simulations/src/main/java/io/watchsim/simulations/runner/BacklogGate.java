package io.watchsim.simulations.runner;

import io.watchsim.queues.RecordsInTransit;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.function.BooleanSupplier;

/**
 * Where a closed-model client waits, without blocking a thread, until the kernel's backlog is under
 * its generator's max-backlog: it looks again every {@value #POLL_MICROS} µs while the backlog is
 * high (only then), and gives up waiting once {@code over} says the run has ended. Each look is
 * noted in the run's backlog peak.
 */
final class BacklogGate {
    static final long POLL_MICROS = 500;

    private final RecordsInTransit backlog;
    private final long maxBacklog;
    private final Executor later;
    private final BooleanSupplier over;
    private final LongAccumulator peak;

    BacklogGate(RecordsInTransit backlog, long maxBacklog, RunTimers timers, BooleanSupplier over,
                LongAccumulator peak) {
        this.backlog = backlog;
        this.maxBacklog = maxBacklog;
        this.later = timers.after(Duration.ofNanos(POLL_MICROS * 1000));
        this.over = over;
        this.peak = peak;
    }

    /** Completes once the backlog is under the limit (at once when it is) or the run is over. */
    CompletableFuture<Void> open() {
        if (isOpen()) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> opened = new CompletableFuture<>();
        later.execute(() -> retry(opened));
        return opened;
    }

    private boolean isOpen() {
        long now = backlog.count();
        peak.accumulate(now);
        return now < maxBacklog || over.getAsBoolean();
    }

    private void retry(CompletableFuture<Void> opened) {
        if (isOpen()) {
            opened.complete(null);
        } else {
            later.execute(() -> retry(opened));
        }
    }
}
