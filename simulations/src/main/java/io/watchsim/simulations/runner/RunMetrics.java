package io.watchsim.simulations.runner;

import io.watchsim.queues.ring.QueueStatistics;
import io.watchsim.simulations.scenario.Assertion;
import io.watchsim.simulations.scenario.Metric;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every metric an assertion can name, computed at the end of a run from the runner's counters,
 * the queues' counts and the invariants' verdicts. A metric the runner does not measure is NaN,
 * and an assertion that names one fails, saying so: nothing is assumed to have held.
 */
final class RunMetrics {
    private RunMetrics() {
    }

    /** The values of every metric (NaN where not measured). */
    static Map<Metric, Double> compute(RunCounters counters, Map<Long, QueueStatistics> stats,
                                       List<RunResult.InvariantVerdict> invariants, double workloadSeconds,
                                       long deadLetters) {
        return compute(counters, stats, invariants, workloadSeconds, counters.delivered.sum(), deadLetters);
    }

    /**
     * The same, with {@code deliveredInWorkload} the records read by the end of the workload: the
     * deliveries per second are those, not the ones read while the queues drained after it.
     */
    static Map<Metric, Double> compute(RunCounters counters, Map<Long, QueueStatistics> stats,
                                       List<RunResult.InvariantVerdict> invariants, double workloadSeconds,
                                       long deliveredInWorkload, long deadLetters) {
        Map<Metric, Double> m = new EnumMap<>(Metric.class);
        for (Metric metric : Metric.values()) {
            m.put(metric, Double.NaN);
        }
        boolean all = true;
        for (RunResult.InvariantVerdict v : invariants) {
            Metric metric = Metric.byKey("invariants." + v.name()).orElseThrow();
            m.put(metric, switch (v.status()) {
                case HELD -> 1.0;
                case VIOLATED -> 0.0;
                case UNCHECKED -> Double.NaN;
            });
            all &= v.status() != RunResult.Status.VIOLATED;
        }
        // invariants.all: every invariant the runner checks held (the unchecked ones are listed apart).
        m.put(Metric.INVARIANTS_ALL, all ? 1.0 : 0.0);

        long posted = 0, filtered = 0, denied = 0, lost = 0, dropped = 0;
        for (QueueStatistics s : stats.values()) {
            posted += s.posted();
            filtered += s.filtered();
            denied += s.denied();
            lost += s.lost();
            dropped += s.droppedDefunct();
        }
        double intended = counters.intended.sum();
        double issued = counters.issued.sum();
        double answered = counters.answered.sum();
        m.put(Metric.OPERATIONS_INTENDED, intended);
        m.put(Metric.OPERATIONS_ISSUED, issued);
        m.put(Metric.OPERATIONS_UNSENT, (double) counters.unsent.sum());
        m.put(Metric.OPERATIONS_ANSWERED, answered);
        m.put(Metric.OPERATIONS_ERRORS, (double) counters.errors.sum());
        m.put(Metric.OPERATIONS_ERROR_RATE, ratio(counters.errors.sum(), answered));
        m.put(Metric.OPERATIONS_ACHIEVED, ratio(issued, intended));
        m.put(Metric.RECORDS_POSTED, (double) posted);
        m.put(Metric.RECORDS_DELIVERED, (double) counters.delivered.sum());
        m.put(Metric.RECORDS_FILTERED, (double) filtered);
        m.put(Metric.RECORDS_DENIED, (double) denied);
        m.put(Metric.RECORDS_LOST, (double) lost);
        m.put(Metric.RECORDS_DROPPED, (double) dropped);
        m.put(Metric.RECORDS_REMOVALS, (double) counters.removals.sum());
        m.put(Metric.RECORDS_LOSS_MARKS, (double) counters.lossMarks.sum());
        m.put(Metric.LOSS_RATE, ratio(lost, posted));
        m.put(Metric.DENIED_RATE, ratio(denied, posted));
        m.put(Metric.FILTERED_RATE, ratio(filtered, posted));
        m.put(Metric.FAULTS_FIRED, (double) counters.faults.sum());
        m.put(Metric.DEAD_LETTERS, (double) deadLetters);
        m.put(Metric.KERNEL_BACKLOG_PEAK, (double) counters.backlogPeak.get());
        if (workloadSeconds > 0) {
            m.put(Metric.THROUGHPUT_OPERATIONS, issued / workloadSeconds);
            m.put(Metric.THROUGHPUT_INTENDED, intended / workloadSeconds);
            m.put(Metric.THROUGHPUT_POSTS, posted / workloadSeconds);
            m.put(Metric.THROUGHPUT_DELIVERIES, deliveredInWorkload / workloadSeconds);
        }
        Histogram reads = counters.postToRead.wholeRun();
        if (reads.getTotalCount() > 0) {
            m.put(Metric.LATENCY_P50, (double) reads.getValueAtPercentile(50));
            m.put(Metric.LATENCY_P90, (double) reads.getValueAtPercentile(90));
            m.put(Metric.LATENCY_P99, (double) reads.getValueAtPercentile(99));
            m.put(Metric.LATENCY_P999, (double) reads.getValueAtPercentile(99.9));
            m.put(Metric.LATENCY_MAX, (double) reads.getMaxValue());
            m.put(Metric.LATENCY_MEAN, reads.getMean());
        }
        Histogram calls = counters.callLatency.getIntervalHistogram();
        if (calls.getTotalCount() > 0) {
            m.put(Metric.CALL_LATENCY_P99, (double) calls.getValueAtPercentile(99));
            m.put(Metric.CALL_LATENCY_MAX, (double) calls.getMaxValue());
        }
        return m;
    }

    /** {@code a / b}, or 0 when nothing happened ({@code b} is 0). */
    private static double ratio(double a, double b) {
        return b == 0 ? 0 : a / b;
    }

    /**
     * Each assertion's verdict with the values of the metrics it names; one that names a metric
     * the runner did not measure fails.
     */
    static List<RunResult.AssertionVerdict> evaluate(List<Assertion> assertions, Map<Metric, Double> values) {
        List<RunResult.AssertionVerdict> out = new ArrayList<>();
        for (Assertion a : assertions) {
            Map<String, Double> named = new LinkedHashMap<>();
            boolean measured = true;
            for (Metric metric : metricsOf(a)) {
                double v = values.getOrDefault(metric, Double.NaN);
                named.put(metric.key(), v);
                measured &= !Double.isNaN(v);
            }
            out.add(new RunResult.AssertionVerdict(a.render(), measured && a.holds(values::get), named));
        }
        return out;
    }

    /** The metrics an assertion names, in the order it names them. */
    static List<Metric> metricsOf(Assertion a) {
        List<Metric> out = new ArrayList<>();
        collect(a, out);
        return out;
    }

    private static void collect(Assertion a, List<Metric> out) {
        if (a instanceof Assertion.Compare c) {
            out.add(c.metric());
        } else if (a instanceof Assertion.Holds h) {
            out.add(h.metric());
        } else if (a instanceof Assertion.Not n) {
            collect(n.operand(), out);
        } else if (a instanceof Assertion.And and) {
            collect(and.left(), out);
            collect(and.right(), out);
        } else if (a instanceof Assertion.Or or) {
            collect(or.left(), out);
            collect(or.right(), out);
        }
    }
}
