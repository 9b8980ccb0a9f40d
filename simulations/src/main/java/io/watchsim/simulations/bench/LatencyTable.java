package io.watchsim.simulations.bench;

import org.HdrHistogram.Histogram;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The report of {@code watchsim bench --latency}: the saturation each collector sustained and the
 * rate both were offered; post-to-read latency per fan-out and load with the collectors side by
 * side (from each event's intended send time; p99 also from the kernel's post stamp), what was
 * read of what was sent, and the collector's pauses during the measurement; the time one event
 * takes to fan out on the idle world; the two targets, each met or not; and the ratios
 * of the collectors' p99.
 */
final class LatencyTable {
    /** The first target: p99 under this at fan-out 10 and 50% of saturation. */
    static final long SMALL_FANOUT_P99_NANOS = 2_000_000;
    /** The second target: p99 at fan-out 1,000 within this factor of one event's fan-out time. */
    static final double FANOUT_FACTOR = 2.0;

    private LatencyTable() {
    }

    static String render(CollectorComparison.Report r) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("open-loop saturation (events/s), searched under each collector; both are offered the"
                + " lower:%n"));
        for (Map.Entry<Integer, Double> e : r.offered().entrySet()) {
            int n = e.getKey();
            StringBuilder line = new StringBuilder(String.format("  fan-out %,d:", n));
            for (Collector c : r.collectors()) {
                line.append(String.format(" %s %,.0f;", c.label(), r.saturation().get(c).getOrDefault(n, 0.0)));
            }
            line.append(String.format(" offered as 100%%: %,.0f events/s (%s)", e.getValue(),
                    deliveries(e.getValue() * n)));
            sb.append(line).append(System.lineSeparator());
        }
        sb.append(String.format("%npost-to-read latency from each event's intended send time, microseconds, %d %s"
                + " merged per collector:%n", r.rounds(), r.rounds() == 1 ? "round" : "rounds"));
        String row = "%-8s %-5s %10s %-9s %9s %10s %10s %10s %10s %10s  %-20s  %-28s  %-22s  %s%n";
        sb.append(String.format(row, "fan-out", "load", "events/s", "collector", "p50", "p99", "p99.9", "max",
                "p99 (call)", "p99 (post)", "p99 by round (ms)", "GC pauses: count, total, max",
                "alloc stalls: n, max", "deliveries read"));
        List<LatencyFigures.Load> all = r.loads().values().stream().flatMap(List::stream)
                .sorted(Comparator.comparingInt(LatencyFigures.Load::fanout)
                        .thenComparingDouble(LatencyFigures.Load::load))
                .toList();
        for (LatencyFigures.Load base : all.stream().filter(l -> l == first(r, l)).toList()) {
            for (Collector c : r.collectors()) {
                LatencyFigures.Load l = find(r.loads().get(c), base.fanout(), base.load());
                if (l == null) {
                    continue;
                }
                Histogram h = l.fromIntended();
                sb.append(String.format(row, String.format("%,d", l.fanout()), String.format("%.0f%%", l.load() * 100),
                        String.format("%,.0f", l.eventsPerSecond()), c.label(), us(h.getValueAtPercentile(50)),
                        us(h.getValueAtPercentile(99)), us(h.getValueAtPercentile(99.9)), us(h.getMaxValue()),
                        us(l.fromCall().getValueAtPercentile(99)), us(l.fromPost().getValueAtPercentile(99)),
                        byRound(r.roundP99(c, l)), gc(l.gc()),
                        stalls(l.stalls()), read(l)));
            }
        }
        sb.append(String.format("%none event's fan-out on the idle world (its post to the read of its last delivery),"
                + " microseconds:%n"));
        String fanRow = "%-8s %-9s %8s %9s %9s %9s %9s %7s  %-28s  %s%n";
        sb.append(String.format(fanRow, "fan-out", "collector", "probes", "median", "p90", "p99", "max", "missed",
                "GC pauses: count, total, max", "alloc stalls: n, max"));
        for (Collector c : r.collectors()) {
            for (LatencyFigures.FanOut f : r.fanOuts().getOrDefault(c, List.of())) {
                Histogram h = f.times();
                sb.append(String.format(fanRow, String.format("%,d", f.fanout()), c.label(),
                        String.format("%,d", h.getTotalCount()), us(h.getValueAtPercentile(50)),
                        us(h.getValueAtPercentile(90)), us(h.getValueAtPercentile(99)), us(h.getMaxValue()),
                        f.missed(), gc(f.gc()), stalls(f.stalls())));
            }
        }
        List<String> targets = targets(r);
        if (!targets.isEmpty()) {
            sb.append(String.format("%ntargets:%n"));
            targets.forEach(t -> sb.append("  ").append(t).append(System.lineSeparator()));
        }
        List<String> ratios = CollectorComparison.ratios(r);
        if (!ratios.isEmpty()) {
            sb.append(String.format("%nratios of this run:%n"));
            ratios.forEach(t -> sb.append("  ").append(t).append(System.lineSeparator()));
        }
        return sb.toString();
    }

    /** The targets that this run's fan-outs allow checking, one line per collector and load. */
    static List<String> targets(CollectorComparison.Report r) {
        List<String> out = new java.util.ArrayList<>();
        for (Collector c : r.collectors()) {
            LatencyFigures.Load small = find(r.loads().get(c), 10, 0.5);
            if (small != null) {
                long p99 = small.fromIntended().getValueAtPercentile(99);
                long call = small.fromCall().getValueAtPercentile(99);
                out.add(String.format("%s, fan-out 10 at 50%%: p99 %s us (from the call %s us), target under %s us: %s",
                        c.label(), us(p99), us(call), us(SMALL_FANOUT_P99_NANOS),
                        verdict(p99 < SMALL_FANOUT_P99_NANOS, call < SMALL_FANOUT_P99_NANOS, small)));
                idleScale(fanOut(r, c, 10)).ifPresent(out::add);
            }
            LatencyFigures.FanOut f = fanOut(r, c, 1000);
            boolean checkedBig = false;
            for (double load : LatencyUnderLoad.LOADS) {
                LatencyFigures.Load big = find(r.loads().get(c), 1000, load);
                if (big != null && f != null && f.times().getTotalCount() > 0) {
                    long p99 = big.fromIntended().getValueAtPercentile(99);
                    long call = big.fromCall().getValueAtPercentile(99);
                    long limit = (long) (FANOUT_FACTOR * f.times().getValueAtPercentile(50));
                    out.add(String.format("%s, fan-out 1,000 at %.0f%%: p99 %s us (from the call %s us), target within"
                                    + " %.0fx one event's fan-out (median %s us) = %s us: %s",
                            c.label(), load * 100, us(p99), us(call), FANOUT_FACTOR,
                            us(f.times().getValueAtPercentile(50)), us(limit),
                            verdict(p99 <= limit, call <= limit, big)));
                    checkedBig = true;
                }
            }
            if (checkedBig) {
                idleScale(f).ifPresent(out::add);
            }
        }
        return out;
    }

    private static LatencyFigures.FanOut fanOut(CollectorComparison.Report r, Collector c, int fanout) {
        return r.fanOuts().getOrDefault(c, List.of()).stream().filter(x -> x.fanout() == fanout).findFirst().orElse(null);
    }

    /**
     * For scale, under a target: the spread of one event posted alone on the idle world (its p99 against
     * its median), which shows how much of a p99 the machine gives before any load.
     */
    private static java.util.Optional<String> idleScale(LatencyFigures.FanOut f) {
        if (f == null || f.times().getTotalCount() == 0) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(String.format("    for scale: one event alone on the idle world at fan-out %,d,"
                        + " p99 %s us (median %s us)", f.fanout(), us(f.times().getValueAtPercentile(99)),
                us(f.times().getValueAtPercentile(50))));
    }

    /** "met" or "not met" from the intended time, the same from the call, and a word on losses. */
    private static String verdict(boolean within, boolean withinFromCall, LatencyFigures.Load l) {
        return (within ? "met" : "not met") + " (from the call: " + (withinFromCall ? "met" : "not met") + ")"
                + (l.exact() ? "" : "; deliveries were lost or unread: see the table");
    }

    private static LatencyFigures.Load first(CollectorComparison.Report r, LatencyFigures.Load l) {
        for (Collector c : r.collectors()) {
            LatencyFigures.Load f = find(r.loads().get(c), l.fanout(), l.load());
            if (f != null) {
                return f;
            }
        }
        return null;
    }

    private static LatencyFigures.Load find(List<LatencyFigures.Load> loads, int fanout, double load) {
        if (loads == null) {
            return null;
        }
        return loads.stream().filter(l -> l.fanout() == fanout && l.load() == load).findFirst().orElse(null);
    }

    /** "exact (N of N)" or what was off: counted of expected, readers off, lost, not caught up. */
    static String read(LatencyFigures.Load l) {
        if (l.exact()) {
            return String.format("exact, %,d", l.counted());
        }
        StringBuilder sb = new StringBuilder(String.format("%,d of %,d", l.counted(), l.expected()));
        if (l.lost() > 0) {
            sb.append(String.format(", %,d LOST", l.lost()));
        }
        if (l.readersOff() > 0) {
            sb.append(String.format(", %,d readers off", l.readersOff()));
        }
        if (!l.drained()) {
            sb.append(", behind");
        }
        return sb.toString();
    }

    /** Each round's p99 in milliseconds: "1.2 / 35.0". */
    static String byRound(List<Long> p99s) {
        return String.join(" / ", p99s.stream().map(v -> String.format("%.1f", v / 1e6)).toList());
    }

    /** ZGC's allocation stalls: how many and the longest. */
    static String stalls(GcPauses.Summary s) {
        return String.format("%,d, %.2f ms", s.count(), s.maxNanos() / 1e6);
    }

    static String gc(GcPauses.Summary g) {
        return String.format("%,d, %.1f ms, %.2f ms", g.count(), g.totalNanos() / 1e6, g.maxNanos() / 1e6);
    }

    /** Deliveries per second in millions: "1.25 M deliveries/s". */
    static String deliveries(double perSecond) {
        return String.format("%.2f M deliveries/s", perSecond / 1e6);
    }

    private static String us(long nanos) {
        return String.format("%,.1f", nanos / 1e3);
    }
}
