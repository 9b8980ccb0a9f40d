package io.watchsim.simulations.runner;

import io.watchsim.simulations.runner.RecordingReaders.Call;
import io.watchsim.simulations.scenario.Fault;
import io.watchsim.simulations.scenario.FaultAction;
import io.watchsim.simulations.scenario.ScenarioBuilder;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import static io.watchsim.simulations.runner.HandBuiltWorld.KEYS;
import static io.watchsim.simulations.runner.HandBuiltWorld.QUEUES;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * With one seed the same faults pick the same members, on two kernels built alike; another seed
 * picks others; a fault added to the plan leaves the others' picks as they were.
 */
class FaultDeterminismTest {
    static final ActorTestKit testKit = ActorTestKit.create();

    @AfterAll
    static void cleanup() {
        testKit.shutdownTestKit();
    }

    /** The plan: a crash of a quarter of the keys, a stall of half the readers, a flood of one queue. */
    private static ScenarioBuilder plan(ScenarioBuilder s) {
        return s.fault(Fault.at("crash", "0s", new FaultAction.CrashObjects(KEYS, 0.25)))
                .fault(Fault.at("stall", "0s", new FaultAction.StallReaders(QUEUES, 0.5, Duration.ofSeconds(1))))
                .fault(Fault.at("flood", "0s", new FaultAction.FloodQueue(QUEUES, 10)));
    }

    /** Runs the plan on a fresh world of 20 keys and 6 queues; each fault's detail by name. */
    private static Map<String, String> run(long seed, UnaryOperator<ScenarioBuilder> faults) {
        HandBuiltWorld w = HandBuiltWorld.build(testKit.system(), 20, 6);
        TestProbe<Call> calls = testKit.createTestProbe();
        RunContext ctx = w.context(faults.apply(w.scenario(seed, "10s")).build(),
                new RecordingReaders(calls, new HashSet<>(w.world.queues(QUEUES))));
        int count = ctx.scenario().faults().faults().size();
        RunningFaults running = FaultInjector.start(ctx);
        calls.awaitAssert(Duration.ofSeconds(20), () -> {
            assertThat(ctx.faults().fired()).hasSize(count);
            return null;
        });
        running.stop().toCompletableFuture().orTimeout(20, TimeUnit.SECONDS).join();
        Map<String, String> details = new TreeMap<>();
        ctx.faults().fired().forEach(f -> details.put(f.name(), f.detail()));
        assertThat(details.get("crash")).contains("crash: 5 ok");
        w.stop();
        return details;
    }

    @Test
    void oneSeedPicksTheSameMembersAnotherSeedOthers() {
        Map<String, String> first = run(5, FaultDeterminismTest::plan);
        Map<String, String> again = run(5, FaultDeterminismTest::plan);
        Map<String, String> other = run(6, FaultDeterminismTest::plan);

        assertThat(again).as("the same keys crashed, readers stalled and queue flooded").isEqualTo(first);
        assertThat(other.get("crash")).isNotEqualTo(first.get("crash"));
        assertThat(List.of(other.get("stall"), other.get("flood"))).isNotEqualTo(List.of(first.get("stall"),
                first.get("flood")));
    }

    @Test
    void aFaultAddedToThePlanLeavesTheOthersPicksAsTheyWere() {
        Map<String, String> first = run(5, FaultDeterminismTest::plan);
        Map<String, String> more = run(5, s -> plan(s).fault(Fault.at("another", "0s",
                new FaultAction.StallReaders(QUEUES, 0.5, Duration.ofSeconds(2)))));

        assertThat(more).containsKey("another");
        more.remove("another");
        assertThat(more).isEqualTo(first);
    }
}
