package io.watchsim.simulations.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Several paths measured side by side in one run: after the warm-up rounds, every round runs
 * each path once, each round starting with the next path (so that none always runs right after
 * another), and records each path's deliveries per second of wall-clock time and per second of
 * the process's CPU time. A ratio between two paths is the median over rounds of each round's
 * ratio: the two ran within the same round, so drift between rounds (other work on a shared
 * machine, the JIT, the collector) cancels out. Shared by {@code watchsim bench} and
 * {@code watchsim bench --runner}.
 */
final class SideBySide {
    private SideBySide() {
    }

    /** A path to measure: its name, and one round of it, answering the elapsed nanoseconds. */
    record Path(String name, LongSupplier round) {
    }

    /** The figures of one run: by path (in the order given), each measured round's rate. */
    record Figures(List<String> names, double[][] perSecond, double[][] perCpuSecond) {
        Figures {
            names = List.copyOf(names);
            if (perSecond.length != names.size() || perCpuSecond.length != names.size()) {
                throw new IllegalArgumentException("one row of figures per path: " + names);
            }
        }

        private int index(String name) {
            int i = names.indexOf(name);
            if (i < 0) {
                throw new IllegalArgumentException("no path " + name + " in " + names);
            }
            return i;
        }

        /** Deliveries per second of each measured round of {@code path}. */
        double[] perSecond(String path) {
            return perSecond[index(path)];
        }

        /** The same per second of the process's CPU time (NaN where a round saw no CPU tick). */
        double[] perCpuSecond(String path) {
            return perCpuSecond[index(path)];
        }

        /** The median over rounds of each round's {@code a / b}, on the wall clock. */
        double ratio(String a, String b) {
            return medianRatio(perSecond(a), perSecond(b));
        }

        /** The same in deliveries per CPU-second. */
        double cpuRatio(String a, String b) {
            return medianRatio(perCpuSecond(a), perCpuSecond(b));
        }
    }

    /** The median of {@code values} (0 for none). */
    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n == 0 ? 0 : n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    /** The median over rounds of each round's {@code a[i] / b[i]}. */
    static double medianRatio(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("rounds differ: " + a.length + " and " + b.length);
        }
        double[] r = new double[a.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = a[i] / b[i];
        }
        return median(r);
    }

    /**
     * The CPU time the whole process has used, in nanoseconds (every thread: dispatchers, the
     * collector, the compiler), or -1 where the JVM does not say.
     */
    static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory
                .getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : -1;
    }

    /**
     * Runs {@code warmups} then {@code rounds} rounds of every path, each round of every path
     * making {@code deliveries} deliveries, and logs a line per round. A path whose round fails
     * (its ask timed out) ends the run with what {@code context} says about it.
     */
    static Figures run(List<Path> paths, long deliveries, int warmups, int rounds, PrintStream log,
                       Supplier<String> context) {
        int p = paths.size();
        double[][] figures = new double[p][rounds];
        double[][] perCpu = new double[p][rounds];
        for (int round = 0; round < warmups + rounds; round++) {
            double[] got = new double[p];
            double[] gotCpu = new double[p];
            StringBuilder line = new StringBuilder();
            for (int k = 0; k < p; k++) {
                int at = (round + k) % p;
                Path path = paths.get(at);
                long cpu0 = processCpuNanos();
                long ns;
                try {
                    ns = path.round().getAsLong();
                } catch (CompletionException e) {
                    throw new IllegalStateException("the " + path.name() + " path did not finish its round ("
                            + e.getCause() + "); " + context.get(), e);
                }
                long cpu = processCpuNanos() - cpu0;
                got[at] = deliveries / (ns / 1e9);
                // No CPU time seen (too short a round for the clock's ticks): not measurable, not infinite.
                gotCpu[at] = cpu0 < 0 || cpu <= 0 ? Double.NaN : deliveries / (cpu / 1e9);
                line.append(String.format("  %s %s (%s a CPU-second)", path.name(), Bench.rate(got[at]).trim(),
                        Bench.rate(gotCpu[at]).trim()));
            }
            boolean measured = round >= warmups;
            log.printf("  %s %d:%s%n", measured ? "round" : "warm-up", measured ? round - warmups + 1 : round + 1, line);
            if (measured) {
                for (int k = 0; k < p; k++) {
                    figures[k][round - warmups] = got[k];
                    perCpu[k][round - warmups] = gotCpu[k];
                }
            }
        }
        List<String> names = new ArrayList<>();
        paths.forEach(path -> names.add(path.name()));
        return new Figures(names, figures, perCpu);
    }
}
