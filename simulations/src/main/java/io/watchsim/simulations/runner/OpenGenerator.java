package io.watchsim.simulations.runner;

import io.watchsim.queues.RecordsInTransit;
import org.apache.pekko.Done;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.KillSwitches;
import org.apache.pekko.stream.UniqueKillSwitch;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.LongAccumulator;

/**
 * An open-model generator: operations come due on the profile's schedule whatever the kernel does
 * (no coordinated omission). A Pekko Streams graph of clock ticks: at each tick the operations due
 * since the last one are counted as intended; each is issued while fewer than max-in-flight calls
 * are outstanding and the kernel's backlog ({@link RecordsInTransit}) is under max-backlog, and
 * the rest are counted as unsent, never queued, so memory does not grow with a backlog (a load call
 * answers before its records reach their objects, so max-in-flight alone would not feel a slow kernel).
 * The last tick accounts up to the run's end exactly, then the stream ends.
 *
 * <p>Ticks come at most every {@value #MAX_TICK_MILLIS} ms and, at high rates, as often as WatchSim's
 * setting {@value #MIN_TICK_SETTING} allows (10 ms: the default scheduler's own tick): a batch per
 * tick reaches any rate, and a slow profile wakes the stream only a few times per operation.
 */
final class OpenGenerator<O> {
    /** The longest pause between ticks, whatever the rate. */
    static final long MAX_TICK_MILLIS = 100;
    /** The setting of the shortest pause between ticks (application.conf). */
    static final String MIN_TICK_SETTING = "watchsim.open-generator.min-tick";
    /** The shortest pause when the actor system's configuration does not say. */
    static final Duration DEFAULT_MIN_TICK = Duration.ofMillis(10);
    /** Ticks per operation at the profile's peak rate, while the scheduler allows. */
    private static final double TICKS_PER_OPERATION = 4;

    private final Arrivals arrivals;
    private final OperationSource<O> picker;
    private final CallsInFlight<O> calls;
    private final GeneratorLedger ledger;
    private final int maxInFlight;
    private final RecordsInTransit backlog;
    private final long maxBacklog;
    private final LongAccumulator peak;
    private long counted;

    private OpenGenerator(Arrivals arrivals, OperationSource<O> picker, CallsInFlight<O> calls, GeneratorLedger ledger,
                          int maxInFlight, RecordsInTransit backlog, long maxBacklog, LongAccumulator peak) {
        this.arrivals = arrivals;
        this.picker = picker;
        this.calls = calls;
        this.ledger = ledger;
        this.maxInFlight = maxInFlight;
        this.backlog = backlog;
        this.maxBacklog = maxBacklog;
        this.peak = peak;
    }

    /** Materializes the generator's stream on the run's actor system; it ends at the run's end. */
    static <O> RunningGenerator start(RunContext ctx, RateProfile profile, Arrivals arrivals, OperationSource<O> picker,
                                      CallsInFlight<O> calls, GeneratorLedger ledger, int maxInFlight,
                                      long maxBacklog) {
        OpenGenerator<O> g = new OpenGenerator<>(arrivals, picker, calls, ledger, maxInFlight,
                ctx.kernel().recordsInTransit(), maxBacklog, ctx.counters().backlogPeak);
        long end = ctx.scenario().duration().toNanos();
        RunClock clock = ctx.clock();
        Pair<UniqueKillSwitch, CompletionStage<Done>> run = Source.tick(Duration.ZERO, tick(ctx, profile), Tick.TICK)
                .map(t -> clock.elapsedNanos())
                .takeWhile(now -> now < end, true)
                .viaMat(KillSwitches.single(), Keep.right())
                .toMat(Sink.foreach(now -> g.onTick(Math.min(now, end))), Keep.both())
                .run(ctx.system());
        return new RunningGenerator(ledger, calls, run.first(), run.second(), ctx.timers(),
                ctx.system().executionContext());
    }

    /** A tick of the clock (an immutable message, as every stream element). */
    enum Tick { TICK }

    /** The pause between ticks: a quarter of the peak rate's interval, between the minimum tick and 100 ms. */
    static Duration tick(RunContext ctx, RateProfile profile) {
        return tickFor(profile.peak(), minTick(ctx.system().settings().config()));
    }

    /** The shortest pause between ticks: {@value #MIN_TICK_SETTING}, else {@link #DEFAULT_MIN_TICK}. */
    static Duration minTick(com.typesafe.config.Config config) {
        return config.hasPath(MIN_TICK_SETTING) ? config.getDuration(MIN_TICK_SETTING) : DEFAULT_MIN_TICK;
    }

    static Duration tickFor(double peakPerSecond, Duration floor) {
        long max = Duration.ofMillis(MAX_TICK_MILLIS).toNanos();
        long wanted = peakPerSecond > 0 ? (long) (RateProfile.NANOS / peakPerSecond / TICKS_PER_OPERATION) : max;
        return Duration.ofNanos(Math.max(floor.toNanos(), Math.min(max, wanted)));
    }

    private boolean underMaxBacklog() {
        long now = backlog.count();
        peak.accumulate(now);
        return now < maxBacklog;
    }

    /** Counts and issues what came due up to {@code now}. */
    private void onTick(long now) {
        long due = arrivals.dueBy(now);
        long n = due - counted;
        if (n <= 0) {
            return;
        }
        counted = due;
        ledger.intended(n);
        while (n > 0 && calls.outstanding() < maxInFlight && underMaxBacklog()) {
            calls.issue(picker.next());
            n--;
        }
        if (n > 0) {
            ledger.unsent(n);
        }
    }
}
