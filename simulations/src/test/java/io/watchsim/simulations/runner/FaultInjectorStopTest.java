package io.watchsim.simulations.runner;

import io.watchsim.actors.KernelSettings;
import io.watchsim.simulations.runner.RecordingReaders.Call;
import io.watchsim.simulations.scenario.Fault;
import io.watchsim.simulations.scenario.FaultAction;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.watchsim.simulations.runner.HandBuiltWorld.KEYS;
import static io.watchsim.simulations.runner.HandBuiltWorld.QUEUES;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stopping: a fault not yet due never fires; a stop asked while a fault's calls are outstanding
 * completes once they are answered or past their bound, with the firing logged and every call
 * that got no answer counted as a liveness violation.
 */
class FaultInjectorStopTest {
    static final ActorTestKit testKit = ActorTestKit.create();

    @AfterAll
    static void cleanup() {
        testKit.shutdownTestKit();
    }

    @Test
    void aFaultNotYetDueNeverFiresOnceStoppedAndStoppingTwiceIsHarmless() {
        HandBuiltWorld w = HandBuiltWorld.build(testKit.system(), 1, 1);
        TestProbe<Call> calls = testKit.createTestProbe();
        RunContext ctx = w.context(w.scenario(1, "60s")
                .fault(Fault.at("late", "30s", new FaultAction.StallReaders(QUEUES, 1, Duration.ofSeconds(1))))
                .fault(Fault.every("periodic", "30s", 1, new FaultAction.StallReaders(QUEUES, 1, Duration.ofSeconds(1))))
                .build(), new RecordingReaders(calls, new HashSet<>(w.world.queues(QUEUES))));
        RunningFaults running = FaultInjector.start(ctx);
        running.stop().toCompletableFuture().orTimeout(20, TimeUnit.SECONDS).join();
        running.stop().toCompletableFuture().orTimeout(20, TimeUnit.SECONDS).join();

        assertThat(ctx.faults().fired()).isEmpty();
        assertThat(ctx.counters().faults.sum()).isZero();
        w.stop();
    }

    @Test
    void stopWaitsForTheCallsAFaultMadeAndCountsThoseNeverAnswered() {
        Duration timeout = Duration.ofSeconds(2);
        HandBuiltWorld w = HandBuiltWorld.build(testKit.system(), 4, 1, 7, KernelSettings.DEFAULT.withHosts(4)
                .withAskTimeout(timeout));
        w.kernel.await(w.keys.stop()); // the key service is gone: key calls go unanswered until the kernel's timeout
        TestProbe<Call> calls = testKit.createTestProbe();
        RunContext ctx = w.context(w.scenario(1, "60s")
                .fault(Fault.at("destroy", "0s", new FaultAction.DestroyObjects(KEYS, 0.5)))
                .build(), new RecordingReaders(calls, new HashSet<>()));
        RunningFaults running = FaultInjector.start(ctx);
        calls.awaitAssert(Duration.ofSeconds(20), () -> {
            assertThat(ctx.counters().faults.sum()).as("the fault fired").isEqualTo(1);
            return null;
        });
        CompletableFuture<Void> stopped = running.stop().toCompletableFuture();
        stopped.orTimeout(30, TimeUnit.SECONDS).join();

        List<FaultLog.Fired> log = ctx.faults().fired();
        assertThat(log).as("logged before stop completed").hasSize(1);
        assertThat(log.get(0).detail()).as("no gc pass when nothing was invalidated")
                .startsWith("keys: 2 of 4 objects (key ").endsWith("); KEYCTL_INVALIDATE: 2 unanswered");
        assertThat(ctx.counters().unanswered.sum()).isEqualTo(2);
        assertThat(ctx.counters().unansweredCalls).hasSize(2)
                .allMatch(c -> c.startsWith("fault destroy: KEYCTL_INVALIDATE key ") && c.contains("within"));
        assertThat(ctx.effects().destroyedObjects()).isEmpty();
        w.kernel.await(w.kernel.stop());
    }
}
