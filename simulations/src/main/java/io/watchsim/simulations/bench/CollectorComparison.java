package io.watchsim.simulations.bench;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code watchsim bench --latency}: latency under load under several collectors, compared in one
 * run. Each collector's child JVM first searches the open-loop saturation at every fan-out; the
 * lower of the collectors' figures is the 100% both are then offered, so that they serve the same
 * load. Then, in rounds, each collector's child measures 50% and 90% of it and the fan-out time of
 * one event, each round starting with the next collector, and the rounds' histograms are merged
 * per collector, fan-out and load. This process only starts children and reads their lines.
 */
public final class CollectorComparison {
    /**
     * The run: the collectors (in the order of the first round), the plan each child follows, the
     * rounds of measurement, every child's heap ({@code -Xmx}), dispatcher threads, and how to start
     * a child: the Java home, class path and main class of this JVM's command.
     */
    public record Settings(List<Collector> collectors, LatencyUnderLoad.Plan plan, int rounds, String heap, int threads,
                           Path javaHome, String classPath, String mainClass) {
        public Settings {
            collectors = List.copyOf(collectors);
            if (collectors.isEmpty() || rounds < 1) {
                throw new IllegalArgumentException("at least one collector and one round; found " + collectors + ", "
                        + rounds);
            }
        }
    }

    /**
     * What the run found: per collector its saturation per fan-out; the figures merged over rounds;
     * and each round's own p99 (nanoseconds, in round order) per collector and {@link #key} of fan-out
     * and load, to show how far rounds differ.
     */
    public record Report(List<Collector> collectors, Map<Collector, Map<Integer, Double>> saturation,
                         Map<Integer, Double> offered, Map<Collector, List<LatencyFigures.Load>> loads,
                         Map<Collector, List<LatencyFigures.FanOut>> fanOuts, int rounds,
                         Map<Collector, Map<String, List<Long>>> roundP99) {
        /** The key of a fan-out and load in {@link #roundP99}. */
        static String key(int fanout, double load) {
            return fanout + "@" + load;
        }

        /** Each round's p99 of {@code l} under {@code c}, or none. */
        List<Long> roundP99(Collector c, LatencyFigures.Load l) {
            return roundP99.getOrDefault(c, Map.of()).getOrDefault(key(l.fanout(), l.load()), List.of());
        }
    }

    private final Settings settings;
    private final PrintStream log;

    public CollectorComparison(Settings settings, PrintStream log) {
        this.settings = settings;
        this.log = log;
    }

    /** How long one child may run: three times what its plan should take, and five minutes more. */
    static Duration childBound(LatencyUnderLoad.Plan plan) {
        long perFanout = (SaturationSearch.BRACKET_STEPS + plan.bisections()) * (plan.trialMillis() + 1000)
                + LatencyUnderLoad.LOADS.size() * 2 * plan.measureMillis() + plan.probes() * 100L + 30_000;
        return Duration.ofMillis(3 * perFanout * plan.fanouts().size()).plusMinutes(5);
    }

    private List<String> child(Collector c, String phase, Map<Integer, Double> rates, String label) {
        List<String> command = ChildJvm.command(settings.javaHome(), settings.classPath(), settings.mainClass(), c,
                settings.heap(), ChildJvm.benchArgs(phase, settings.plan(), settings.threads(), rates));
        log.printf("%s: %s%n", label, String.join(" ", command.subList(0, 3)) + " ... " + String.join(" ",
                command.subList(command.indexOf("bench"), command.size())));
        return ChildJvm.run(command, label, log, childBound(settings.plan()));
    }

    /** Runs the search, then the rounds; progress to the log. */
    public Report run() {
        Map<Collector, Map<Integer, Double>> saturation = new LinkedHashMap<>();
        for (Collector c : settings.collectors()) {
            Map<Integer, Double> found = new LinkedHashMap<>();
            for (String line : child(c, ChildJvm.SEARCH, Map.of(), c.label() + " search")) {
                if (LatencyFigures.parse(line) instanceof LatencyFigures.Saturation s) {
                    found.put(s.fanout(), s.eventsPerSecond());
                }
            }
            saturation.put(c, found);
        }
        Map<Integer, Double> offered = offered(settings.plan().fanouts(), saturation);
        Map<Collector, Map<String, LatencyFigures.Load>> loads = new LinkedHashMap<>();
        Map<Collector, Map<Integer, LatencyFigures.FanOut>> fanOuts = new LinkedHashMap<>();
        Map<Collector, Map<String, List<Long>>> roundP99 = new LinkedHashMap<>();
        List<Collector> cs = settings.collectors();
        for (int round = 0; round < settings.rounds(); round++) {
            for (int k = 0; k < cs.size(); k++) {
                Collector c = cs.get((round + k) % cs.size());
                for (String line : child(c, ChildJvm.MEASURE, offered, c.label() + " round " + (round + 1))) {
                    Object f = LatencyFigures.parse(line);
                    if (f instanceof LatencyFigures.Load l) {
                        String key = Report.key(l.fanout(), l.load());
                        loads.computeIfAbsent(c, x -> new LinkedHashMap<>()).merge(key, l, LatencyFigures.Load::plus);
                        roundP99.computeIfAbsent(c, x -> new LinkedHashMap<>()).computeIfAbsent(key, x -> new ArrayList<>())
                                .add(l.fromIntended().getValueAtPercentile(99));
                    } else if (f instanceof LatencyFigures.FanOut o) {
                        fanOuts.computeIfAbsent(c, x -> new LinkedHashMap<>()).merge(o.fanout(), o,
                                LatencyFigures.FanOut::plus);
                    }
                }
            }
        }
        return new Report(cs, saturation, offered, values(cs, loads, m -> List.copyOf(m.values())),
                values(cs, fanOuts, m -> List.copyOf(m.values())), settings.rounds(), roundP99);
    }

    private static <M, V> Map<Collector, V> values(List<Collector> cs, Map<Collector, M> byCollector,
                                                   Function<M, V> f) {
        Map<Collector, V> out = new LinkedHashMap<>();
        for (Collector c : cs) {
            M m = byCollector.get(c);
            if (m != null) {
                out.put(c, f.apply(m));
            }
        }
        return out;
    }

    /**
     * The rate both collectors are offered at each fan-out, events per second: the lower of their
     * saturations, so that neither is offered more than it sustains. A fan-out where some
     * collector sustained no rate at all ends the run.
     */
    static Map<Integer, Double> offered(List<Integer> fanouts, Map<Collector, Map<Integer, Double>> saturation) {
        Map<Integer, Double> out = new LinkedHashMap<>();
        for (int n : fanouts) {
            double min = Double.POSITIVE_INFINITY;
            for (Map.Entry<Collector, Map<Integer, Double>> e : saturation.entrySet()) {
                double s = e.getValue().getOrDefault(n, 0.0);
                if (!(s > 0)) {
                    throw new IllegalStateException("under " + e.getKey().label() + " no open-loop rate was sustained"
                            + " at fan-out " + n + " (every trial lost records, fell behind or its readers did not"
                            + " catch up); nothing to measure");
                }
                min = Math.min(min, s);
            }
            out.put(n, min);
        }
        return out;
    }

    /** The report's tables ({@link LatencyTable}). */
    public static String render(Report r) {
        return LatencyTable.render(r);
    }

    /** The machine, for the report's first line: cores, load average, the JVM. */
    public static String machine() {
        return String.format("machine: %d cores, load average %.2f, %s %s", Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), System.getProperty("java.vm.name"),
                System.getProperty("java.version"));
    }

    /** Each collector's p99 against the first collector's, per fan-out and load, for the report. */
    static List<String> ratios(Report r) {
        List<String> out = new ArrayList<>();
        if (r.collectors().size() < 2 || !r.loads().containsKey(r.collectors().get(0))) {
            return out;
        }
        Collector base = r.collectors().get(0);
        for (LatencyFigures.Load b : r.loads().get(base)) {
            for (Collector c : r.collectors().subList(1, r.collectors().size())) {
                r.loads().getOrDefault(c, List.of()).stream()
                        .filter(l -> l.fanout() == b.fanout() && l.load() == b.load()).findFirst()
                        .ifPresent(l -> out.add(String.format("fan-out %,d at %.0f%%: p99 %s/%s %.2f, p99.9 %s/%s %.2f",
                                b.fanout(), b.load() * 100, c.label(), base.label(),
                                l.fromIntended().getValueAtPercentile(99)
                                        / (double) b.fromIntended().getValueAtPercentile(99), c.label(), base.label(),
                                l.fromIntended().getValueAtPercentile(99.9)
                                        / (double) b.fromIntended().getValueAtPercentile(99.9))));
            }
        }
        return out;
    }
}
