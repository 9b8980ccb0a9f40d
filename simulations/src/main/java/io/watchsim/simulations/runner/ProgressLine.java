package io.watchsim.simulations.runner;

import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.typed.ActorSystem;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * The live progress line: elapsed time, operations, deliveries per second since the last line,
 * losses and faults, every {@code interval}. The command line shows it only on a terminal.
 */
final class ProgressLine {
    private final Cancellable ticks;
    private long lastDelivered;
    private long lastNanos;

    private ProgressLine(ActorSystem<?> system, RunCounters counters, RunClock clock, Duration interval,
                         Consumer<String> sink) {
        this.ticks = system.scheduler().scheduleAtFixedRate(interval, interval,
                () -> sink.accept(line(counters, clock)), system.executionContext());
    }

    static ProgressLine start(ActorSystem<?> system, RunCounters counters, RunClock clock, Duration interval,
                              Consumer<String> sink) {
        return new ProgressLine(system, counters, clock, interval, sink);
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
