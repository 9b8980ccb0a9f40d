package io.watchsim.simulations.runner;

import io.watchsim.simulations.scenario.Generator;
import io.watchsim.simulations.scenario.Injection;
import io.watchsim.simulations.scenario.KeyOperation;
import io.watchsim.simulations.scenario.ObjectGroup;
import io.watchsim.simulations.scenario.QueueGroup;
import io.watchsim.simulations.scenario.Scenario;
import io.watchsim.simulations.scenario.WatchRule;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A scenario built in Java and run with one call, as a user's own test suite would: the verdict
 * follows the assertions (one that fails makes the run fail, exit code 1), an assertion on a
 * metric the run did not measure fails rather than passes, latency is measured, and the counts add up.
 */
class ScenarioRunnerTest {
    private static io.watchsim.simulations.scenario.ScenarioBuilder base() {
        return Scenario.builder("java").seed(5).duration("1500ms")
                .group(ObjectGroup.keys("keys", 10))
                .queues(QueueGroup.of("q", 2))
                .watch(WatchRule.of("all", "q", "keys").withTag(3))
                .generator(Generator.of("updates", "keys", Injection.constant("200/s")).with(KeyOperation.UPDATE, 1));
    }

    @Test
    void aScenarioFromTheBuilderRunsInOneCallAndItsCountsAddUp() {
        RunResult r = ScenarioRunner.run(base().assertion("invariants.all").assertion("records.delivered > 0").build());
        assertThat(r.passed()).as(ResultWriter.summary(r)).isTrue();
        assertThat(r.exitCode()).isZero();
        double issued = r.metrics().get("operations.issued");
        assertThat(issued).isPositive();
        assertThat(r.metrics().get("records.posted")).as("each update posts to the key's two watches")
                .isEqualTo(2 * r.metrics().get("operations.answered") - 2 * r.metrics().get("operations.errors"));
        assertThat(r.metrics().get("records.delivered")).isEqualTo(r.metrics().get("records.posted"));
        assertThat(ResultWriter.json(r)).contains("\"scenario\" : \"java\"").contains("\"passed\" : true");
        assertThat(r.world().buildPhases().keySet()).as("the build's phases, in order")
                .containsExactly("objects", "queues", "policy", "watches");
        assertThat(r.world().buildPhases().values().stream().mapToDouble(Double::doubleValue).sum())
                .isLessThanOrEqualTo(r.buildSeconds());
        assertThat(ResultWriter.summary(r)).containsPattern("built in [0-9.]+ s \\(objects [0-9.]+ s, queues [0-9.]+ s, "
                + "policy [0-9.]+ s, watches [0-9.]+ s\\)");
        assertThat(ResultWriter.json(r)).contains("\"buildPhases\"");
    }

    @Test
    void aFailingAssertionFailsTheRunWithItsValue() {
        RunResult r = ScenarioRunner.run(base().assertion("records.delivered > 1e12").build());
        assertThat(r.passed()).isFalse();
        assertThat(r.exitCode()).isEqualTo(1);
        RunResult.AssertionVerdict v = r.assertions().get(0);
        assertThat(v.held()).isFalse();
        assertThat(v.values()).containsKey("records.delivered");
        assertThat(ResultWriter.summary(r)).contains("FAILED records.delivered > 1000000000000").contains("verdict: FAILED");
    }

    /**
     * The end of a run lets each generator count what came due up to the end before it is
     * stopped: a constant 200/s for 150 ms intends exactly 30 operations, however late its stream
     * started ticking or its last tick came. (Stopped at once, a run lost the last tick's share,
     * and a run this short often counted nothing at all.)
     */
    @Test
    void aShortRunCountsEveryOperationThatCameDueUpToItsEnd() {
        for (int i = 0; i < 3; i++) {
            RunResult r = ScenarioRunner.run(base().duration("150ms").build());
            assertThat(r.metrics().get("operations.intended")).as(ResultWriter.summary(r)).isEqualTo(30);
            assertThat(r.metrics().get("operations.issued") + r.metrics().get("operations.unsent")).isEqualTo(30);
        }
    }

    @Test
    void anAssertionOnAMetricNotMeasuredFails() {
        // No watch: nothing is read, so no post-to-read latency is measured.
        RunResult r = ScenarioRunner.run(Scenario.builder("unwatched").seed(5).duration("500ms")
                .group(ObjectGroup.keys("keys", 10)).queues(QueueGroup.of("q", 2))
                .generator(Generator.of("updates", "keys", Injection.constant("200/s")).with(KeyOperation.UPDATE, 1))
                .assertion("latency.p99 < 1h").build());
        assertThat(r.passed()).isFalse();
        assertThat(r.assertions().get(0).values().get("latency.p99")).isNaN();
        assertThat(ResultWriter.summary(r)).contains("latency.p99 = not measured");
    }

    @Test
    void postToReadLatencyIsMeasuredOnEveryRecordRead() {
        RunResult r = ScenarioRunner.run(base().assertion("latency.p99 < 1h").build());
        assertThat(r.passed()).as(ResultWriter.summary(r)).isTrue();
        double p50 = r.metrics().get("latency.p50");
        double p99 = r.metrics().get("latency.p99");
        double max = r.metrics().get("latency.max");
        assertThat(p50).isPositive().isLessThanOrEqualTo(p99);
        assertThat(p99).isLessThanOrEqualTo(max);
        assertThat(max).as("no record waits longer than the run").isLessThan(60e9);
    }

    @Test
    void aRunThatLeavesItsWorldStoppingStillCountsEverything() {
        RunResult r = ScenarioRunner.run(base().assertion("invariants.all").build(),
                ScenarioRunner.Options.standard().withoutAwaitingStop());
        assertThat(r.passed()).as(ResultWriter.summary(r)).isTrue();
        assertThat(r.metrics().get("records.delivered")).isEqualTo(r.metrics().get("records.posted")).isPositive();
    }

    @Test
    void theKernelsHostsGrowWithTheWorldBetweenTheDefaultAndTheCap() {
        assertThat(ScenarioRunner.hosts(base().build())).isEqualTo(32);
        Scenario scale = Scenario.builder("big").duration("1s").group(ObjectGroup.keys("keys", 1_000_000))
                .queues(QueueGroup.of("q", 100_000)).build();
        assertThat(ScenarioRunner.hosts(scale)).as("a thousand objects a host").isEqualTo(1000);
        Scenario fan = Scenario.builder("fan").duration("1s").group(ObjectGroup.hot("hot")).queues(QueueGroup.of("q", 100_000)).build();
        assertThat(ScenarioRunner.hosts(fan)).as("or a thousand queues").isEqualTo(100);
        Scenario huge = Scenario.builder("huge").duration("1s").group(ObjectGroup.keys("keys", 5_000_000)).build();
        assertThat(ScenarioRunner.hosts(huge)).isEqualTo(ScenarioRunner.MAX_HOSTS);
    }

    /** More calls than the builder keeps outstanding, every one refused: the build stops, naming the call and the errno. */
    @Test
    void aWorldTheKernelRefusesStopsTheBuildNamingTheCall() {
        Scenario refused = Scenario.builder("refused").duration("1s")
                .group(ObjectGroup.keys("keys", WorldBuilder.BATCH + 500).withPerm(0))   // nobody may view them
                .queues(QueueGroup.of("q", 1))
                .watch(WatchRule.of("root-watches", "q", "keys"))
                .build();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ScenarioRunner.run(refused))
                .isInstanceOf(WorldBuilder.WorldException.class)
                .hasMessageContaining("KEYCTL_WATCH_KEY of rule root-watches failed: EACCES");
    }
}
