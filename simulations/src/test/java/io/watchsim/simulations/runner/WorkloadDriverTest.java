package io.watchsim.simulations.runner;

import io.watchsim.actors.KernelSettings;
import io.watchsim.queues.RecordsInTransit;
import io.watchsim.simulations.scenario.Generator;
import io.watchsim.simulations.scenario.Injection;
import io.watchsim.simulations.scenario.KeyOperation;
import io.watchsim.simulations.scenario.ObjectGroup;
import io.watchsim.simulations.scenario.Scenario;
import io.watchsim.sources.keys.KeyOp;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static io.watchsim.simulations.runner.TinyRun.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The workload against a real kernel: open models count what they intend whatever the kernel
 * does, and what they could not send at max-in-flight; a closed model keeps at most its clients'
 * calls outstanding; an errno is an ordinary outcome; stopping settles every call, giving up on
 * those the kernel never answers; two runs with one seed issue the same operations.
 */
class WorkloadDriverTest {
    static final ActorTestKit testKit = ActorTestKit.create();
    static final AtomicInteger RUNS = new AtomicInteger();
    static final Duration PATIENCE = Duration.ofSeconds(30);

    @AfterAll
    static void cleanup() {
        testKit.shutdownTestKit();
    }

    static TinyRun world(KernelSettings settings, int rings, int keys) {
        return TinyRun.start(testKit.system(), "workload-" + RUNS.incrementAndGet(), settings, rings, keys, 16);
    }

    static TinyRun world() {
        return world(KernelSettings.DEFAULT.withHosts(4), 2, 8);
    }

    /** A scenario with groups rings (2) and keys (8, linked into rings) and the given generators. */
    static Scenario scenario(long seed, String duration, Generator... generators) {
        var b = Scenario.builder("workload").seed(seed).duration(duration)
                .group(ObjectGroup.keyrings("rings", 2))
                .group(ObjectGroup.keys("keys", 8).withPayload(16).withLinkedInto("rings"));
        for (Generator g : generators) {
            b = b.generator(g);
        }
        return b.build();
    }

    static void awaitAssert(Runnable check) {
        TestProbe<Void> probe = testKit.createTestProbe();
        probe.awaitAssert(PATIENCE, () -> {
            check.run();
            return null;
        });
    }

    static GeneratorStats only(RunningWorkload w) {
        assertThat(w.stats()).hasSize(1);
        return w.stats().get(0);
    }

    @Test
    void anOpenModelIntendsTheIntegralOfItsRateWhateverTheKernelDoes() {
        // a ramp from 0 to 2,000 a second over the 300 ms run asks for exactly 300 operations
        Generator ramp = Generator.of("ramp", "keys", Injection.ramp("0/s", "2k/s", "300ms"))
                .with(KeyOperation.UPDATE, 1);

        TinyRun answering = world();
        RunContext ctx = answering.context(scenario(1, "300ms", ramp));
        RunningWorkload live = WorkloadDriver.start(ctx);
        await(live.issuingEnded());
        await(live.stop());
        GeneratorStats stats = only(live);
        assertThat(stats.intended()).isEqualTo(300);
        assertThat(stats.issued() + stats.unsent()).isEqualTo(300);
        assertThat(stats.answered()).isEqualTo(stats.issued());
        assertThat(stats.unanswered()).isZero();
        assertThat(ctx.counters().intended.sum()).isEqualTo(300);
        assertThat(ctx.counters().answered.sum()).isEqualTo(stats.issued());
        assertThat(ctx.counters().callLatency.getIntervalHistogram().getTotalCount()).isEqualTo(stats.answered());
        answering.stop();

        // a kernel that answers nothing: the same 300 are intended, 5 are sent, 295 counted as unsent
        TinyRun silent = world();
        silent.silenceKeys();
        RunContext quiet = silent.context(scenario(1, "300ms", ramp.withMaxInFlight(5)));
        RunningWorkload stuck = WorkloadDriver.start(quiet);
        await(stuck.issuingEnded());
        GeneratorStats atEnd = only(stuck);
        assertThat(atEnd.intended()).isEqualTo(300);
        assertThat(atEnd.issued()).isEqualTo(5);
        assertThat(atEnd.maxOutstanding()).isEqualTo(5);
        assertThat(atEnd.unsent()).isEqualTo(295);
        assertThat(quiet.counters().unsent.sum()).isEqualTo(295);
        silent.stop();
    }

    @Test
    void stopGivesUpOnCallsTheKernelNeverAnswersAndCountsThemUnanswered() {
        TinyRun silent = world();
        silent.silenceKeys();
        RunContext ctx = silent.context(scenario(1, "1m", Generator.of("steady", "keys", Injection.constant("1k/s"))
                .with(KeyOperation.SETPERM, 1).withMaxInFlight(3)));
        RunningWorkload w = WorkloadDriver.start(ctx);
        awaitAssert(() -> assertThat(only(w).unsent()).isPositive());
        await(w.stop(Duration.ofMillis(100)));
        GeneratorStats stats = only(w);
        assertThat(stats.issued()).as("no slot ever came free").isEqualTo(3);
        assertThat(stats.unanswered()).isEqualTo(3);
        assertThat(stats.answered()).isZero();
        assertThat(stats.intended()).isEqualTo(stats.issued() + stats.unsent());
        assertThat(ctx.counters().unanswered.sum()).isEqualTo(3);
        assertThat(ctx.counters().unansweredCalls).hasSize(3)
                .allSatisfy(c -> assertThat(c).startsWith("generator steady: setperm key ").contains("no answer"));
        assertThat(w.issuingEnded().toCompletableFuture()).isDone();
        silent.stop();
    }

    @Test
    void aCallFailedByTheKernelsBoundIsUnansweredAndStopIsBoundedByIt() {
        TinyRun silent = world(KernelSettings.DEFAULT.withHosts(4).withAskTimeout(Duration.ofSeconds(1)), 2, 8);
        silent.silenceKeys();
        RunContext ctx = silent.context(scenario(1, "1m", Generator.of("steady", "keys", Injection.constant("200/s"))
                .with(KeyOperation.UPDATE, 1).withMaxInFlight(4)));
        RunningWorkload w = WorkloadDriver.start(ctx);
        awaitAssert(() -> assertThat(ctx.counters().unanswered.sum()).isPositive());
        assertThat(ctx.counters().unansweredCalls.peek()).startsWith("generator steady: update key ")
                .contains("kernel fault");
        await(w.stop());
        GeneratorStats stats = only(w);
        assertThat(stats.answered()).isZero();
        assertThat(stats.unanswered()).isEqualTo(stats.issued());
        silent.stop();
    }

    @Test
    void stoppingABusyGeneratorSettlesEveryCallItIssued() {
        TinyRun run = world();
        RunContext ctx = run.context(scenario(1, "1m", Generator.of("busy", "keys", Injection.constant("5k/s"))
                .with(KeyOperation.UPDATE, 4).with(KeyOperation.LINK, 1)));
        RunningWorkload w = WorkloadDriver.start(ctx);
        awaitAssert(() -> assertThat(only(w).issued()).isGreaterThanOrEqualTo(500));
        await(w.stop());
        GeneratorStats stats = only(w);
        assertThat(w.issuingEnded().toCompletableFuture()).isDone();
        assertThat(stats.answered() + stats.unanswered()).isEqualTo(stats.issued());
        assertThat(stats.unanswered()).isZero();
        assertThat(ctx.counters().issued.sum()).isEqualTo(stats.issued());
        run.stop();
    }

    @Test
    void aClosedModelKeepsAtMostItsClientsCallsOutstanding() {
        TinyRun silent = world();
        silent.silenceKeys();
        RunContext quiet = silent.context(scenario(1, "1m", Generator.of("three", "keys", Injection.closed(3, "0s"))
                .with(KeyOperation.UPDATE, 1)));
        RunningWorkload stuck = WorkloadDriver.start(quiet);
        awaitAssert(() -> assertThat(only(stuck).issued()).isGreaterThanOrEqualTo(3));
        await(stuck.stop(Duration.ofMillis(100)));
        GeneratorStats s = only(stuck);
        assertThat(s.issued()).as("each client waits for its answer").isEqualTo(3);
        assertThat(s.intended()).isEqualTo(3);
        assertThat(s.maxOutstanding()).isEqualTo(3);
        assertThat(s.unanswered()).isEqualTo(3);
        silent.stop();

        TinyRun run = world();
        RunContext ctx = run.context(scenario(1, "1m", Generator.of("two", "keys", Injection.closed(2, "0s"))
                .with(KeyOperation.UPDATE, 1).with(KeyOperation.SETPERM, 1)));
        RunningWorkload w = WorkloadDriver.start(ctx);
        awaitAssert(() -> assertThat(only(w).answered()).isGreaterThanOrEqualTo(300));
        await(w.stop());
        GeneratorStats stats = only(w);
        assertThat(stats.maxOutstanding()).isBetween(1, 2);
        assertThat(stats.intended()).isEqualTo(stats.issued());
        assertThat(stats.answered() + stats.unanswered()).isEqualTo(stats.issued());
        run.stop();
    }

    @Test
    void anOpenModelHoldsBackWhileTheKernelsBacklogIsAtItsMaxAndCountsItUnsent() {
        TinyRun run = world();
        RecordsInTransit backlog = run.kernel.recordsInTransit();
        backlog.handedOn(50);   // as if objects had handed 50 deliveries on that no queue has decided yet
        RunContext ctx = run.context(scenario(1, "1m", Generator.of("steady", "keys", Injection.constant("1k/s"))
                .with(KeyOperation.SETPERM, 1).withMaxBacklog(50)));
        RunningWorkload w = WorkloadDriver.start(ctx);
        awaitAssert(() -> assertThat(only(w).unsent()).isGreaterThanOrEqualTo(100));
        assertThat(only(w).issued()).as("nothing goes out while the backlog is at max-backlog").isZero();
        assertThat(ctx.counters().backlogPeak.get()).as("the backlog the generator saw").isEqualTo(50);

        backlog.settled(1);     // one delivery decided: the backlog is under its max again
        awaitAssert(() -> assertThat(only(w).answered()).isGreaterThanOrEqualTo(100));
        await(w.stop());
        GeneratorStats stats = only(w);
        assertThat(stats.intended()).isEqualTo(stats.issued() + stats.unsent());
        assertThat(stats.unanswered()).isZero();
        run.stop();
    }

    @Test
    void aClosedModelsClientsWaitWhileTheKernelsBacklogIsAtItsMax() {
        TinyRun run = world();
        RecordsInTransit backlog = run.kernel.recordsInTransit();
        backlog.handedOn(10);
        RunContext ctx = run.context(scenario(1, "1m", Generator.of("two", "keys", Injection.closed(2, "0s"))
                .with(KeyOperation.SETPERM, 1).withMaxBacklog(10)));
        RunningWorkload w = WorkloadDriver.start(ctx);
        TestProbe<Void> probe = testKit.createTestProbe();
        // the clients look again every half millisecond; 200 ms of looking must issue nothing
        probe.expectNoMessage(Duration.ofMillis(200));
        assertThat(only(w).issued()).as("each client waits for the backlog").isZero();
        assertThat(only(w).intended()).as("a closed model intends what it issues").isZero();

        backlog.settled(1);
        awaitAssert(() -> assertThat(only(w).answered()).isGreaterThanOrEqualTo(100));
        await(w.stop());
        GeneratorStats stats = only(w);
        assertThat(stats.intended()).isEqualTo(stats.issued());
        assertThat(stats.answered() + stats.unanswered()).isEqualTo(stats.issued());
        run.stop();
    }

    @Test
    void anErrnoFromAKeyTheWorkloadDestroyedIsAnOrdinaryOutcome() {
        TinyRun run = world();
        RunContext ctx = run.context(scenario(1, "400ms", Generator.of("revoker", "keys", Injection.constant("500/s"))
                .with(KeyOperation.UPDATE, 1).with(KeyOperation.REVOKE, 1)));
        RunningWorkload w = WorkloadDriver.start(ctx);
        await(w.issuingEnded());
        await(w.stop());
        GeneratorStats stats = only(w);
        assertThat(stats.errors()).as("updates and revokes of revoked keys").isPositive();
        assertThat(stats.unanswered()).isZero();
        assertThat(stats.answered()).isEqualTo(stats.issued());
        assertThat(ctx.counters().errors.sum()).isEqualTo(stats.errors());
        run.stop();
    }

    @Test
    void twoRunsWithOneSeedIssueTheSameOperationsPerGenerator() {
        Generator churn = Generator.of("churn", "keys", Injection.poisson("2k/s")).withKeyrings("rings")
                .with(KeyOperation.UPDATE, 3).with(KeyOperation.LINK, 1).with(KeyOperation.UNLINK, 1)
                .with(KeyOperation.SETPERM, 1).with(KeyOperation.REVOKE, 0.2).with(KeyOperation.INVALIDATE, 0.2)
                .with(KeyOperation.CLEAR, 0.1).with(KeyOperation.ADD, 1).with(KeyOperation.TIMEOUT, 0.5);
        Generator clients = Generator.of("clients", "keys", Injection.closed(2, "0s"))
                .with(KeyOperation.UPDATE, 1).with(KeyOperation.SETPERM, 1);
        Map<String, List<String>> first = issued(scenario(42, "500ms", churn, clients));
        Map<String, List<String>> second = issued(scenario(42, "500ms", churn, clients));
        for (String g : List.of("churn", "clients")) {
            List<String> a = first.get(g);
            List<String> b = second.get(g);
            int common = Math.min(a.size(), b.size());
            assertThat(common).as("%s issued enough to compare", g).isGreaterThanOrEqualTo(50);
            assertThat(b.subList(0, common)).as("%s's operations", g).isEqualTo(a.subList(0, common));
        }
        Map<String, List<String>> other = issued(scenario(43, "500ms", churn, clients));
        assertThat(other.get("churn").subList(0, 50)).as("another seed, other operations")
                .isNotEqualTo(first.get("churn").subList(0, 50));
    }

    /** Runs {@code s} on a fresh kernel with the same world and returns each generator's operations in issue order. */
    static Map<String, List<String>> issued(Scenario s) {
        TinyRun run = world();
        Map<String, List<String>> ops = new ConcurrentHashMap<>();
        RunningWorkload w = WorkloadDriver.start(run.context(s), (g, op) -> ops
                .computeIfAbsent(g, k -> Collections.synchronizedList(new ArrayList<>())).add(render(op)));
        await(w.issuingEnded());
        await(w.stop());
        run.stop();
        return ops;
    }

    static String render(KeyOp op) {
        String s = OperationPicker.describe(op);
        if (op instanceof KeyOp.Update u) {
            s += " " + java.util.Arrays.toString(u.payload());
        }
        return s;
    }
}
