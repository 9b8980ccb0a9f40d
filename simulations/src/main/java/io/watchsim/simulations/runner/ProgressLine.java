package io.watchsim.simulations.runner;

import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Scheduler;
import scala.concurrent.ExecutionContextExecutor;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * The live progress line: elapsed time, operations, deliveries per second since the last line,
 * losses and faults, every {@code interval}. The command line shows it only on a terminal. Its
 * lines come from a Pekko scheduler (the run's: virtual in a deterministic run, where the line then
 * shows virtual time) and read only the run's counters and clock, never an actor.
 */
final class ProgressLine {
    private final Cancellable ticks;
    private long lastDelivered;
    private long lastNanos;

    private ProgressLine(Scheduler scheduler, ExecutionContextExecutor executor, RunCounters counters,
                         RunClock clock, Duration interval, Consumer<String> sink) {
        this.ticks = scheduler.scheduleAtFixedRate(interval, interval, () -> sink.accept(line(counters, clock)),
                executor);
    }

    /** A line every {@code interval} on {@code system}'s scheduler. */
    static ProgressLine start(ActorSystem<?> system, RunCounters counters, RunClock clock, Duration interval,
                              Consumer<String> sink) {
        return start(system.scheduler(), system.executionContext(), counters, clock, interval, sink);
    }

    /** A line every {@code interval} on {@code scheduler}, written on {@code executor}. */
    static ProgressLine start(Scheduler scheduler, ExecutionContextExecutor executor, RunCounters counters,
                              RunClock clock, Duration interval, Consumer<String> sink) {
        return new ProgressLine(scheduler, executor, counters, clock, interval, sink);
    }

    private synchronized String line(RunCounters counters, RunClock clock) {
        long now = clock.elapsedNanos();
        long delivered = counters.delivered.sum();
        double perSecond = now > lastNanos ? (delivered - lastDelivered) * 1e9 / (now - lastNanos) : 0;
        lastDelivered = delivered;
        lastNanos = now;
        return String.format("%6.1fs  %,d ops (%,d unsent)  %,.0f deliveries/s  %,d loss records  %,d faults",
                now / 1e9, counters.issued.sum(), counters.unsent.sum(), perSecond, counters.lossMarks.sum(),
                counters.faults.sum());
    }

    void stop() {
        ticks.cancel();
    }
}
