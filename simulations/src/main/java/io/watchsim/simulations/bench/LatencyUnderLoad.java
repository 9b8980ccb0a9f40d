package io.watchsim.simulations.bench;

import org.HdrHistogram.Histogram;
import org.apache.pekko.actor.typed.ActorSystem;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Latency under load in one JVM, under whatever collector it runs with (the {@code watchsim
 * bench --latency} child): {@link #search} finds the full path's open-loop saturation at each
 * fan-out; {@link #measure} offers 50% and 90% of a given saturation for a time each, then times
 * the fan-out of single events on the idle world, and reports each with the collector's pauses
 * during it. Figures go to {@code results} as {@link LatencyFigures} lines, progress to {@code log}.
 * The path is the full path with Smack, one record per event, built through the Kernel API.
 */
public final class LatencyUnderLoad {
    /** The shares of the saturation measured. */
    public static final List<Double> LOADS = List.of(0.5, 0.9);
    /** Where the search starts: this many deliveries a second, whatever the fan-out. */
    static final double FIRST_GUESS_DELIVERIES = 1_000_000;
    /** Trials of a rate in the search before it counts as not sustained ({@link SaturationSearch#bestOf}). */
    static final int TRIES = 2;
    /** How long a fan-out probe may take before it counts as missed. */
    private static final Duration PROBE_BOUND = Duration.ofSeconds(10);

    /**
     * What to measure: the fan-outs; the search's trial length and bisections; how long each load
     * is offered; the queues' size in notes; how many fan-out probes.
     */
    public record Plan(List<Integer> fanouts, long trialMillis, int bisections, long measureMillis, int queueNotes,
                       int probes) {
        public Plan {
            fanouts = List.copyOf(fanouts);
            if (fanouts.isEmpty() || fanouts.stream().anyMatch(n -> n < 1) || trialMillis < 1 || bisections < 0
                    || measureMillis < 1 || queueNotes < 1 || probes < 1) {
                throw new IllegalArgumentException("fan-outs >= 1, trial >= 1 ms, bisections >= 0, measurement >= 1 ms,"
                        + " queue >= 1 note and probes >= 1; found " + this);
            }
        }

        /**
         * A search trial is sustained if every reader caught up within this after the offer, and its
         * p99 is within it too ({@link LatencyUnderLoad#sustains}): a fifth of the trial, at least 50 ms.
         */
        Duration searchDrainBound() {
            return Duration.ofMillis(Math.max(50, trialMillis / 5));
        }

        /** A measured load is drained if every reader caught up within as long again as it was offered, at least 1 s. */
        Duration measureDrainBound() {
            return Duration.ofMillis(Math.max(1000, measureMillis));
        }
    }

    private final ActorSystem<?> system;
    private final PrintStream log;
    private final PrintStream results;
    private final Bench bench;

    public LatencyUnderLoad(ActorSystem<?> system, PrintStream log, PrintStream results) {
        this.system = system;
        this.log = log;
        this.results = results;
        this.bench = new Bench(system, log);
    }

    private LoadTrials world(int n, Plan plan) {
        log.printf("fan-out %,d: building the world (%,d queues of %d notes watching one object, Smack)%n", n, n,
                plan.queueNotes());
        return new LoadTrials(system, bench, LoadTrials.settings(n, Bench.smack()), n, plan.queueNotes());
    }

    /** The open-loop saturation at each fan-out of the plan, each also printed as a result line. */
    public List<LatencyFigures.Saturation> search(Plan plan) {
        List<LatencyFigures.Saturation> found = new ArrayList<>();
        for (int n : plan.fanouts()) {
            try (LoadTrials world = world(n, plan)) {
                Duration bound = plan.searchDrainBound();
                SaturationSearch.Result r = SaturationSearch.search(FIRST_GUESS_DELIVERIES / n, plan.bisections(),
                        SaturationSearch.bestOf(TRIES, rate -> {
                            LoadTrials.Trial t = world.trial(rate, plan.trialMillis() * 1_000_000L, bound);
                            boolean ok = sustains(t, bound);
                            log.printf("  fan-out %,d, trial at %,.0f events/s (%s): %s%n", n, rate,
                                    LatencyTable.deliveries(rate * n), describe(t, ok, bound));
                            return ok;
                        }));
                LatencyFigures.Saturation s = new LatencyFigures.Saturation(n, r.saturation());
                log.printf("  fan-out %,d: open-loop saturation %,.0f events/s (%s) after %d trials%n", n,
                        s.eventsPerSecond(), LatencyTable.deliveries(s.eventsPerSecond() * n), r.trials().size());
                results.println(s.line());
                found.add(s);
            }
        }
        return found;
    }

    /**
     * Whether a search trial sustained its rate: every reader read every event exactly, none was
     * lost, the readers caught up within {@code bound} after the offer, the generator never fell
     * {@code bound} behind its schedule, and the trial's p99 from the intended send time is within
     * {@code bound} too. The last keeps the search from taking a rate that the kernel carries in
     * throughput but only with a queue in front of it: with every kernel actor on one thread, a
     * 1 s trial at a rate whose p99 was hundreds of milliseconds still caught up within 200 ms.
     */
    static boolean sustains(LoadTrials.Trial t, Duration bound) {
        return t.sustained() && t.maxLateNanos() <= bound.toNanos()
                && t.fromIntended().getValueAtPercentile(99) <= bound.toNanos();
    }

    private static String describe(LoadTrials.Trial t, boolean ok, Duration bound) {
        if (ok) {
            return String.format("sustained (p99 %.0f us)", t.fromIntended().getValueAtPercentile(99) / 1e3);
        }
        List<String> why = new ArrayList<>();
        if (t.lost() > 0 || t.lossRecords() > 0) {
            why.add(String.format("%,d lost", t.lost()));
        }
        if (!t.drained()) {
            why.add("readers not caught up " + bound.toMillis() + " ms after the offer");
        }
        if (t.maxLateNanos() > bound.toNanos()) {
            why.add(String.format("the generator fell %.0f ms behind", t.maxLateNanos() / 1e6));
        }
        long p99 = t.fromIntended().getValueAtPercentile(99);
        if (p99 > bound.toNanos()) {
            why.add(String.format("p99 %.0f ms over %d ms", p99 / 1e6, bound.toMillis()));
        }
        if (t.counted() != t.expected() && t.lost() == 0) {
            why.add(String.format("counted %,d of %,d", t.counted(), t.expected()));
        }
        return "not sustained: " + String.join(", ", why);
    }

    /**
     * At each fan-out of {@code saturation} (events per second): a warm-up trial at 90%, then each
     * of {@link #LOADS} offered for the plan's measurement time, then the fan-out probes; the
     * result lines, with the collector's pauses of each, are printed once every fan-out is done
     * (the pauses come from a JFR recording read at the end).
     */
    public List<Object> measure(Plan plan, Map<Integer, Double> saturation) {
        try (GcPauses gc = new GcPauses()) {
            List<Pending> pending = new ArrayList<>();
            for (int n : plan.fanouts()) {
                Double rate = saturation.get(n);
                if (rate == null || !(rate > 0)) {
                    throw new IllegalArgumentException("no saturation rate for fan-out " + n + " in " + saturation);
                }
                try (LoadTrials world = world(n, plan)) {
                    LoadTrials.Trial warm = world.trial(0.9 * rate, plan.trialMillis() * 1_000_000L,
                            plan.measureDrainBound());
                    log.printf("  fan-out %,d: warm-up at 90%% (%,.0f events/s), %s%n", n, warm.eventsPerSecond(),
                            warm.exact() ? "exact" : "NOT exact");
                    for (double load : LOADS) {
                        LoadTrials.Trial t = world.trial(load * rate, plan.measureMillis() * 1_000_000L,
                                plan.measureDrainBound());
                        log.printf("  fan-out %,d at %.0f%% (%,.0f events/s, %,d sent): p50 %.1f us, p99 %.1f us,"
                                        + " p99.9 %.1f us, max %.1f us; %s%n", n, load * 100, t.eventsPerSecond(),
                                t.sent(), us(t.fromIntended(), 50), us(t.fromIntended(), 99),
                                us(t.fromIntended(), 99.9), t.fromIntended().getMaxValue() / 1e3,
                                t.exact() && t.drained() ? "every delivery read"
                                        : String.format("counted %,d of %,d, %,d lost%s", t.counted(), t.expected(),
                                        t.lost(), t.drained() ? "" : ", readers not caught up"));
                        pending.add(new Pending((gcs, stalls) -> load(n, load, t, gcs, stalls), t.from(), t.to()));
                    }
                    LoadTrials.FanOut p = world.fanOut(plan.probes(), PROBE_BOUND);
                    log.printf("  fan-out %,d: one event's fan-out on the idle world, median %.1f us over %,d probes%n",
                            n, us(p.times(), 50), p.times().getTotalCount());
                    pending.add(new Pending((gcs, stalls) -> new LatencyFigures.FanOut(n, p.times(), p.missed(), gcs,
                            stalls), p.from(), p.to()));
                }
            }
            List<GcPauses.Pause> pauses = gc.finish();
            List<Object> figures = new ArrayList<>();
            for (Pending p : pending) {
                Object f = p.figure().apply(GcPauses.within(pauses, false, p.from(), p.to()),
                        GcPauses.within(pauses, true, p.from(), p.to()));
                results.println(f instanceof LatencyFigures.Load l ? l.line() : ((LatencyFigures.FanOut) f).line());
                figures.add(f);
            }
            return figures;
        }
    }

    /** A figure waiting for the collector's pauses and allocation stalls of its window. */
    private record Pending(BiFunction<GcPauses.Summary, GcPauses.Summary, Object> figure, Instant from, Instant to) {
    }

    private static LatencyFigures.Load load(int n, double load, LoadTrials.Trial t, GcPauses.Summary gc,
                                            GcPauses.Summary stalls) {
        return new LatencyFigures.Load(n, load, t.eventsPerSecond(), t.sent(), t.expected(), t.counted(),
                t.readersOff(), Math.max(t.lost(), t.lossRecords()), t.drained(), t.maxLateNanos(), gc, stalls, t.fromIntended(),
                t.fromPost(), t.fromCall());
    }

    private static double us(Histogram h, double percentile) {
        return h.getValueAtPercentile(percentile) / 1e3;
    }
}
