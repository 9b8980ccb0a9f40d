package io.watchsim.simulations.report;

import io.watchsim.simulations.runner.ResultWriter;
import io.watchsim.simulations.runner.RunResult;
import io.watchsim.simulations.runner.ScenarioRunner;
import io.watchsim.simulations.scenario.Generator;
import io.watchsim.simulations.scenario.Injection;
import io.watchsim.simulations.scenario.KeyOperation;
import io.watchsim.simulations.scenario.ObjectGroup;
import io.watchsim.simulations.scenario.QueueGroup;
import io.watchsim.simulations.scenario.Scenario;
import io.watchsim.simulations.scenario.WatchRule;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sampler on a real run, on its own thread and on the run's scheduler: its series add up to the
 * run's own totals (it samples from the first operation to after the last), it samples at its
 * interval, it records the queues' depth once their counts are asked, and the whole run's latency it
 * hands the report is the one the metrics were computed from.
 */
class TimelineSamplerTest {
    @ParameterizedTest(name = "on the scheduler: {0}")
    @ValueSource(booleans = {false, true})
    void theSampledSeriesAddUpToTheRunsTotals(boolean onScheduler) {
        Scenario s = Scenario.builder("sampled").seed(5).duration("1500ms")
                .group(ObjectGroup.keys("keys", 10))
                .queues(QueueGroup.of("q", 3).withSize(64))
                .watch(WatchRule.of("all", "q", "keys").withTag(3))
                .generator(Generator.of("updates", "keys", Injection.constant("400/s")).with(KeyOperation.UPDATE, 1))
                .build();
        TimelineSampler sampler = onScheduler ? TimelineSampler.onScheduler(Duration.ofMillis(50))
                : new TimelineSampler(Duration.ofMillis(50));
        RunResult r = ScenarioRunner.run(s, ScenarioRunner.Options.standard().withFirstPart(sampler::start));
        Timeline t = sampler.timeline().orElseThrow();
        assertThat(sum(t, "operations")).as("every issued operation, once: " + ResultWriter.summary(r))
                .isEqualTo(r.metrics().get("operations.issued"));
        assertThat(t.size()).as("about 1.5 s / 50 ms samples").isBetween(20, 40);
        assertThat(sum(t, "width")).as("the samples cover the run without gaps").isCloseTo(t.column("t")[t.size() - 1],
                org.assertj.core.data.Offset.offset(0.06));
        assertThat(sum(t, "posts")).as("records past the filters, at most what the queues counted")
                .isPositive().isLessThanOrEqualTo(r.metrics().get("records.posted"));
        assertThat(sampler.trackedQueues()).as("a small world: every queue").hasSize(3);
        TimelineSampler.FinalCounts end = sampler.finalCounts().orElseThrow();
        assertThat(end.queues()).hasSize(3);
        assertThat((double) end.latency().getTotalCount()).as("one latency per record read")
                .isEqualTo(r.metrics().get("records.delivered"));
        assertThat((double) end.latency().getValueAtPercentile(99)).isEqualTo(r.metrics().get("latency.p99"));
        assertThat(Arrays.stream(t.column("p99")).filter(v -> !Double.isNaN(v)).count()).isPositive();
        for (long q : sampler.trackedQueues()) {
            assertThat(Arrays.stream(t.column("depth." + q)).filter(v -> !Double.isNaN(v)).count())
                    .as("queue %d's depth, asked after the first second", q).isPositive();
        }
    }

    private static double sum(Timeline t, String column) {
        return Arrays.stream(t.column(column)).sum();
    }
}
