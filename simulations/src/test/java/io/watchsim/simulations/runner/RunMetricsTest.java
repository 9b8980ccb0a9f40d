package io.watchsim.simulations.runner;

import io.watchsim.simulations.scenario.Metric;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The deliveries per second are those read during the workload; the records read while the queues drained count in the total only. */
class RunMetricsTest {
    @Test
    void deliveriesPerSecondLeaveOutWhatWasReadWhileTheQueuesDrained() {
        RunCounters counters = new RunCounters();
        counters.delivered.add(1000);
        Map<Metric, Double> m = RunMetrics.compute(counters, Map.of(), List.of(), 10.0, 400, 0);
        assertThat(m.get(Metric.THROUGHPUT_DELIVERIES)).isEqualTo(40.0);
        assertThat(m.get(Metric.RECORDS_DELIVERED)).isEqualTo(1000.0);
    }
}
