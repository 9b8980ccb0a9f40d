package io.watchsim.simulations.bench;

import io.watchsim.actors.KernelSettings;
import io.watchsim.actors.Waits;
import io.watchsim.policies.SecurityModule;
import org.HdrHistogram.Histogram;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * One latency world and the trials run on it: N queues watching one object (the full path, with
 * a policy, built through the Kernel API as the throughput bench builds it), a reader per queue
 * reading as fast as it can ({@link Latency}), and an open-loop offer of one record per event from
 * the calling thread ({@link OpenLoop}). A trial offers a rate for a time, then posts a mark behind
 * the load and waits until every reader has read it, then checks that every reader read exactly
 * the events offered and that no queue lost any.
 */
final class LoadTrials implements AutoCloseable {
    /** How long a trial waits for a reader that fell behind before it gives up on the world. */
    private static final Duration BACKLOG_BOUND = Duration.ofMinutes(2);

    /** What one trial offered and what came of it. */
    record Trial(double eventsPerSecond, long sent, long expected, long counted, int readersOff, long lost,
                 long lossRecords, boolean drained, long maxLateNanos, Histogram fromIntended, Histogram fromPost,
                 Histogram fromCall, Instant from, Instant to) {
        /** Every reader read exactly every event offered, and no queue lost one. */
        boolean exact() {
            return counted == expected && readersOff == 0 && lost == 0 && lossRecords == 0;
        }

        /** Exact, and every reader caught up within the trial's bound after the offer ended. */
        boolean sustained() {
            return exact() && drained;
        }
    }

    private static final AtomicLong WORLDS = new AtomicLong();

    private final Bench bench;
    private final Bench.World world;
    private final Latency.Sink sink;
    private final int n;
    private long marks;
    private long probes;

    /**
     * Builds, through {@code bench} (which names its kernels), the world of {@code n} queues of
     * {@code queueNotes} notes on a kernel made with {@code settings}, and starts its readers.
     */
    LoadTrials(ActorSystem<?> system, Bench bench, KernelSettings settings, int n, int queueNotes) {
        this.bench = bench;
        this.n = n;
        this.world = bench.buildFullPath(settings, n, false, queueNotes);
        this.sink = new Latency.Sink(n, settings.clock());
        system.systemActorOf(Latency.readers(world.kernel(), world.queueIds(), sink),
                "latency-readers-" + WORLDS.incrementAndGet(), Props.empty());
    }

    /** The kernel settings of a latency world of fan-out {@code n} under {@code policy}. */
    static KernelSettings settings(int n, SecurityModule policy) {
        return KernelSettings.DEFAULT.withPolicy(policy).withHosts(Math.max(4, Math.min(1024, n / 100)));
    }

    int fanout() {
        return n;
    }

    /**
     * Offers {@code eventsPerSecond} for {@code nanos}, then waits for every reader to read a mark
     * posted behind the load: drained if all did within {@code drainBound}; if not, the backlog is
     * let drain ({@link #drain}) before anything is counted, so that the next trial starts on empty
     * queues. The histograms hold what was read by the first mark.
     */
    Trial trial(double eventsPerSecond, long nanos, Duration drainBound) {
        long lostBefore = bench.lost(world);
        long[] before = sink.timed.snapshot();
        long lossBefore = sink.lossRecords.get();
        sink.interval();
        Instant from = Instant.now();
        OpenLoop loop = new OpenLoop(eventsPerSecond, sink.clock::nanoTime, LockSupport::parkNanos);
        // parkNanos, not Waits.sleep: the pacing needs microseconds, and Java 17's TimeUnit sleep
        // rounds to milliseconds. The bench never runs on a deterministic kernel's thread.
        OpenLoop.Offered offered = loop.offer(nanos, due -> world.source().post(List.of(
                Latency.record(Latency.TIMED, due, sink.clock.nanoTime()))));
        boolean drained = Latency.awaitMark(world.source(), sink, ++marks, drainBound);
        Instant to = Instant.now();
        Histogram[] h = sink.interval();
        if (!drained) {
            drain();
        }
        long[] after = sink.timed.snapshot();
        long counted = 0;
        int off = 0;
        for (int i = 0; i < n; i++) {
            long c = after[i] - before[i];
            counted += c;
            if (c != offered.events()) {
                off++;
            }
        }
        return new Trial(eventsPerSecond, offered.events(), offered.events() * n, counted, off,
                bench.lost(world) - lostBefore, sink.lossRecords.get() - lossBefore, drained,
                offered.maxLateNanos(), h[0], h[1], h[2], from, to);
    }

    /**
     * Waits until every reader has read everything posted so far: posts marks, a second apart,
     * until every reader reads one (a mark that reaches a full queue is lost like any record).
     * A world whose readers do not catch up within {@link #BACKLOG_BOUND} has stopped working.
     */
    private void drain() {
        long deadline = System.nanoTime() + BACKLOG_BOUND.toNanos();
        while (!Latency.awaitMark(world.source(), sink, ++marks, Duration.ofSeconds(1))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the readers of fan-out " + n + " did not catch up within "
                        + BACKLOG_BOUND.toMinutes() + " minutes");
            }
        }
    }

    /**
     * The time one event takes to fan out on an idle system: {@code count} probes, one at a time,
     * each posted 1 ms after the previous one's last delivery was read; each the nanoseconds from
     * its post to the read of its last (N-th) delivery. Probes not read within {@code bound} are
     * counted in {@code missed}, not in the histogram.
     */
    FanOut fanOut(int count, Duration bound) {
        Histogram h = new Histogram(3);
        int missed = 0;
        Instant from = Instant.now();
        for (int i = 0; i < count; i++) {
            long t = Latency.probe(world.source(), sink, ++probes, bound);
            if (t < 0) {
                missed++;
                drain();
            } else {
                h.recordValue(t);
            }
            Waits.sleep(Duration.ofMillis(1));
        }
        return new FanOut(h, missed, from, Instant.now());
    }

    /** The fan-out probes' times, those not read in time, and when they ran. */
    record FanOut(Histogram times, int missed, Instant from, Instant to) {
    }

    @Override
    public void close() {
        BenchCalls.await(world.kernel().stop());
    }
}
