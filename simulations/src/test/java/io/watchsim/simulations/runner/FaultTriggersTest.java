package io.watchsim.simulations.runner;

import io.watchsim.simulations.runner.RecordingReaders.Call;
import io.watchsim.simulations.scenario.Fault;
import io.watchsim.simulations.scenario.FaultAction;
import io.watchsim.simulations.scenario.RandomStreams;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static io.watchsim.simulations.runner.HandBuiltWorld.QUEUES;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * When faults fire: an at fault once at its run time; an every fault at each multiple of its
 * period before the run's end, never with probability 0, every time with 1, and in between on
 * exactly the periods whose draw from its stream is below the probability.
 */
class FaultTriggersTest {
    static final ActorTestKit testKit = ActorTestKit.create();
    private static final Duration PERIOD = Duration.ofMillis(25);
    /** Periods due before a run of 500 ms: 25, 50, ..., 475 ms. */
    private static final int PERIODS = 19;

    @AfterAll
    static void cleanup() {
        testKit.shutdownTestKit();
    }

    private static List<FaultLog.Fired> named(RunContext ctx, String name) {
        return ctx.faults().fired().stream().filter(f -> f.name().equals(name)).toList();
    }

    @Test
    void everyFiresEachPeriodWithProbabilityOneNeverWithZeroAndAtFiresOnce() {
        HandBuiltWorld w = HandBuiltWorld.build(testKit.system(), 1, 2);
        TestProbe<Call> calls = testKit.createTestProbe();
        RunContext ctx = w.context(w.scenario(1, "500ms")
                .fault(Fault.every("always", "25ms", 1, new FaultAction.StallReaders(QUEUES, 0.5, Duration.ofSeconds(1))))
                .fault(Fault.every("never", "25ms", 0, new FaultAction.StallReaders(QUEUES, 1, Duration.ofSeconds(2))))
                .fault(Fault.at("once", "60ms", new FaultAction.ShrinkBuffer(QUEUES, 1, 64)))
                .build(), new RecordingReaders(calls, new HashSet<>(w.world.queues(QUEUES))));
        RunningFaults running = FaultInjector.start(ctx);
        calls.awaitAssert(Duration.ofSeconds(20), () -> {
            assertThat(named(ctx, "always")).hasSize(PERIODS);
            return null;
        });
        running.stop().toCompletableFuture().orTimeout(20, TimeUnit.SECONDS).join();

        List<FaultLog.Fired> always = named(ctx, "always");
        assertThat(always).as("once per period before the end, no more").hasSize(PERIODS);
        for (int k = 1; k <= PERIODS; k++) {
            assertThat(always.get(k - 1).at()).as("period %d", k).isGreaterThanOrEqualTo(PERIOD.multipliedBy(k));
        }
        assertThat(named(ctx, "never")).isEmpty();
        List<FaultLog.Fired> once = named(ctx, "once");
        assertThat(once).hasSize(1);
        assertThat(once.get(0).at()).isGreaterThanOrEqualTo(Duration.ofMillis(60));
        assertThat(ctx.counters().faults.sum()).isEqualTo(PERIODS + 1);
        assertThat(ctx.faults().fired()).extracting(FaultLog.Fired::at).isSorted();

        List<Call> received = calls.receiveSeveralMessages(PERIODS + 2);
        assertThat(received.stream().filter(c -> c.control().equals("stall"))).hasSize(PERIODS)
                .allMatch(c -> c.argument().equals("PT1S"));
        assertThat(received.stream().filter(c -> c.control().equals("shrink"))).hasSize(2);
        w.stop();
    }

    @Test
    void everyWithAProbabilityFiresOnThePeriodsItsStreamDrawsBelowIt() {
        long seed = 9;
        double probability = 0.5;
        SplittableRandom stream = new SplittableRandom(RandomStreams.seed(seed, RandomStreams.fault("coin")));
        int expected = 0;
        for (int k = 0; k < PERIODS; k++) {
            expected += stream.nextDouble() < probability ? 1 : 0;
        }
        assertThat(expected).as("this seed fires on some periods and not on others").isBetween(1, PERIODS - 1);

        HandBuiltWorld w = HandBuiltWorld.build(testKit.system(), 1, 1);
        TestProbe<Call> calls = testKit.createTestProbe();
        RunContext ctx = w.context(w.scenario(seed, "500ms")
                .fault(Fault.every("coin", "25ms", probability, new FaultAction.ReloadPolicy()))
                .fault(Fault.every("clock", "25ms", 1, new FaultAction.ReloadPolicy()))
                .build(), new RecordingReaders(calls, new HashSet<>()));
        RunningFaults running = FaultInjector.start(ctx);
        int want = expected;
        calls.awaitAssert(Duration.ofSeconds(20), () -> {
            assertThat(named(ctx, "clock")).hasSize(PERIODS);
            assertThat(named(ctx, "coin")).hasSize(want);
            return null;
        });
        running.stop().toCompletableFuture().orTimeout(20, TimeUnit.SECONDS).join();
        assertThat(named(ctx, "coin")).hasSize(expected).allMatch(f -> f.detail().contains("reload: 1 ok"));
        w.stop();
    }
}
