package io.watchsim.simulations.report;

import io.watchsim.policies.PolicyMetrics;
import io.watchsim.queues.ring.QueueStatistics;
import io.watchsim.simulations.runner.FaultLog;
import io.watchsim.simulations.runner.RunResult;
import io.watchsim.simulations.scenario.Generator;
import io.watchsim.simulations.scenario.Injection;
import io.watchsim.simulations.scenario.KeyOperation;
import io.watchsim.simulations.scenario.ObjectGroup;
import io.watchsim.simulations.scenario.QueueGroup;
import io.watchsim.simulations.scenario.Scenario;
import io.watchsim.simulations.scenario.WatchRule;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An hour's run sampled every 100 ms (36,000 samples, 64 queues sampled, noisy figures) makes a
 * report under 2 MB: the timeline is bounded and only the drawn queues' depths are written.
 */
class HourReportSizeTest {
    @Test
    void anHoursReportStaysUnderTwoMegabytes() {
        List<Long> tracked = new ArrayList<>();
        for (long q = 1; q <= TimelineSampler.TRACKED_QUEUES; q++) {
            tracked.add(q);
        }
        Timeline t = new Timeline(TimelineSampler.columns(tracked), TimelineSampler.CAPACITY);
        SplittableRandom random = new SplittableRandom(1);
        int firstDepth = t.names().indexOf("depth.1");
        for (int i = 1; i <= 36_000; i++) {
            double[] row = new double[t.columns().size()];
            row[0] = i * 0.1;
            for (int c = 1; c < row.length; c++) {
                // noisy figures; queue q's depth below q * 1000, so the busiest are the last eight
                row[c] = c == 1 ? 0.1 + random.nextDouble() * 1e-3 : c >= firstDepth
                        ? random.nextInt(1000 * (c - firstDepth + 1)) : random.nextDouble() * 1e6;
            }
            t.add(row);
        }
        Map<Long, QueueStatistics> stats = new HashMap<>();
        tracked.forEach(q -> stats.put(q, new QueueStatistics(1000, 900, 0, 0, 100, 0, 0, 900, 3, 0, 0, 0)));
        Histogram latency = new Histogram(3);
        for (int i = 0; i < 100_000; i++) {
            latency.recordValue(1000 + random.nextInt(10_000_000));
        }
        Scenario s = Scenario.builder("hour").seed(1).duration("1h")
                .group(ObjectGroup.keys("keys", 10)).queues(QueueGroup.of("q", 64))
                .watch(WatchRule.of("all", "q", "keys"))
                .generator(Generator.of("g", "keys", Injection.constant("10/s")).with(KeyOperation.UPDATE, 1)).build();
        List<FaultLog.Fired> faults = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            faults.add(new FaultLog.Fired(Duration.ofMinutes(i), "f" + i, "crash-objects", "keys: 1 of 10 objects"));
        }
        RunResult r = new RunResult("hour", 1, "now", 3600, 1, new RunResult.World(10, 64, 640, Map.of()), Map.of(),
                List.of(), List.of(), faults, List.of(), true, null);
        PolicyMetrics policy = new PolicyMetrics();
        ReportInputs in = new ReportInputs(r, s, "name = hour", 1, java.util.Optional.of(t), tracked,
                java.util.Optional.of(new TimelineSampler.FinalCounts(stats, latency, policy.snapshot(0, ""),
                        policy.denialsByLabels(), Map.of("q", tracked))), Machine.describe());
        String html = HtmlReport.runPage(ReportData.of(in));
        assertThat(t.size()).isLessThanOrEqualTo(TimelineSampler.CAPACITY);
        assertThat(html.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isLessThan(2_000_000);
        assertThat(html).contains("\"depth." + TimelineSampler.TRACKED_QUEUES + "\"").as("a depth not drawn is not written")
                .doesNotContain("\"depth.1\"");
    }
}
