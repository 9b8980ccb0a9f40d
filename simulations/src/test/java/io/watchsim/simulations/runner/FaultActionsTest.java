package io.watchsim.simulations.runner;

import io.watchsim.actors.WatchedObject;
import io.watchsim.policies.PolicyCounts;
import io.watchsim.queues.record.MetaNotify;
import io.watchsim.queues.record.Notification;
import io.watchsim.queues.record.WatchNotification;
import io.watchsim.simulations.runner.RecordingReaders.Call;
import io.watchsim.simulations.scenario.Fault;
import io.watchsim.simulations.scenario.FaultAction;
import io.watchsim.simulations.scenario.Policy;
import io.watchsim.simulations.scenario.Rate;
import io.watchsim.simulations.scenario.Scenario;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static io.watchsim.simulations.runner.HandBuiltWorld.KEYS;
import static io.watchsim.simulations.runner.HandBuiltWorld.QUEUES;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each fault action on a real kernel and key subsystem, in a tiny world built by hand: what it
 * touches (a share of the group, at least one), what the kernel then does (removal records,
 * objects gone, watches dropped, queues closed, the policy in force, records in a queue), what it
 * records in the run's effects, and the log entry it leaves.
 */
class FaultActionsTest {
    static final ActorTestKit testKit = ActorTestKit.create();

    @TempDir
    Path dir;

    private final List<HandBuiltWorld> worlds = new ArrayList<>();
    private final TestProbe<Call> calls = testKit.createTestProbe();

    @AfterAll
    static void cleanup() {
        testKit.shutdownTestKit();
    }

    @AfterEach
    void stopWorlds() {
        worlds.forEach(HandBuiltWorld::stop);
    }

    private HandBuiltWorld world(int keys, int queues) {
        HandBuiltWorld w = HandBuiltWorld.build(testKit.system(), keys, queues);
        worlds.add(w);
        return w;
    }

    private RunContext context(HandBuiltWorld w, Scenario s) {
        return w.context(s, new RecordingReaders(calls, new HashSet<>(w.world.queues(QUEUES))));
    }

    /** Starts the plan, waits until {@code count} firings are logged, stops it; the log. */
    private List<FaultLog.Fired> fire(RunContext ctx, int count) {
        RunningFaults running = FaultInjector.start(ctx);
        calls.awaitAssert(Duration.ofSeconds(20), () -> {
            assertThat(ctx.faults().fired()).hasSize(count);
            return null;
        });
        running.stop().toCompletableFuture().orTimeout(60, TimeUnit.SECONDS).join();
        assertThat(ctx.counters().faults.sum()).isEqualTo(count);
        assertThat(ctx.counters().unanswered.sum()).as("%s", ctx.counters().unansweredCalls).isZero();
        return ctx.faults().fired();
    }

    private static Set<Long> ids(Set<Integer> serials) {
        Set<Long> out = new HashSet<>();
        serials.forEach(s -> out.add(Integer.toUnsignedLong(s)));
        return out;
    }

    private static boolean isRemoval(Notification n) {
        return MetaNotify.isMeta(n) && n.subtype() == WatchNotification.WATCH_META_REMOVAL_NOTIFICATION;
    }

    /** Reads the queue until it has seen a removal record for each of {@code expected}; the ids seen. */
    private List<Long> removalsUntil(HandBuiltWorld w, long queue, Set<Long> expected) {
        List<Long> seen = new ArrayList<>();
        calls.awaitAssert(Duration.ofSeconds(20), () -> {
            w.drain(queue).stream().filter(FaultActionsTest::isRemoval).forEach(n -> seen.add(MetaNotify.removalId(n)));
            assertThat(new HashSet<>(seen)).containsAll(expected);
            return null;
        });
        return seen;
    }

    @Test
    void destroyObjectsInvalidatesAShareOfTheGroupAndTheCollectorSendsTheirRemovalRecords() {
        HandBuiltWorld w = world(10, 1);
        RunContext ctx = context(w, w.scenario(3, "10s")
                .fault(Fault.at("destroy", "0s", new FaultAction.DestroyObjects(KEYS, 0.3))).build());
        FaultLog.Fired fired = fire(ctx, 1).get(0);

        Set<Integer> destroyed = ctx.effects().destroyedObjects();
        assertThat(destroyed).as("0.3 of 10 keys").hasSize(3).isSubsetOf(w.world.objects(KEYS));
        assertThat(fired.name()).isEqualTo("destroy");
        assertThat(fired.kind()).isEqualTo("destroy-objects");
        assertThat(fired.detail()).startsWith("keys: 3 of 10 objects (key ").contains("KEYCTL_INVALIDATE: 3 ok")
                .contains("gc pass: 1 ok");
        List<Long> removals = removalsUntil(w, w.world.queues(QUEUES).get(0), ids(destroyed));
        assertThat(removals).as("one removal record per destroyed key's watch, none for the others")
                .containsExactlyInAnyOrderElementsOf(ids(destroyed));
        for (int key : w.world.objects(KEYS)) {
            assertThat(w.kernel.hasObject(Integer.toUnsignedLong(key))).as("key %d", key).isEqualTo(!destroyed.contains(key));
        }
    }

    /**
     * A share is of the whole group, drawn among the members this fault has not hit before: 0.4 of
     * 5 keys is 2 a firing; the third firing finds 1 left and the fourth none, and the log says that
     * each was short of the 2 asked, and why.
     */
    @Test
    void aFaultNeverHitsAnObjectTwiceAndItsLogSaysWhenFewerWereLeftThanAsked() {
        HandBuiltWorld w = world(5, 1);
        // periods at 100, 200, 300 and 400 ms of a 450 ms run: four firings
        RunContext ctx = context(w, w.scenario(3, "450ms")
                .fault(Fault.every("destroy", "100ms", 1, new FaultAction.DestroyObjects(KEYS, 0.4))).build());
        List<FaultLog.Fired> log = fire(ctx, 4);

        assertThat(ctx.effects().destroyedObjects()).as("every key once").containsExactlyInAnyOrderElementsOf(
                w.world.objects(KEYS));
        assertThat(log.get(0).detail()).matches("keys: 2 of 5 objects \\(key \\d+, key \\d+\\); "
                + "KEYCTL_INVALIDATE: 2 ok; gc pass: 1 ok");
        assertThat(log.get(1).detail()).matches("keys: 2 of 5 objects \\(key \\d+, key \\d+\\); "
                + "KEYCTL_INVALIDATE: 2 ok; gc pass: 1 ok");
        assertThat(log.get(2).detail()).matches("keys: 1 of 5 objects, short of the 2 asked: this fault hit the other "
                + "4 before \\(key \\d+\\); KEYCTL_INVALIDATE: 1 ok; gc pass: 1 ok");
        assertThat(log.get(3).detail()).isEqualTo("keys: 0 of 5 objects, short of the 2 asked: this fault hit all 5 "
                + "before; no calls");
        List<String> named = new ArrayList<>();
        for (FaultLog.Fired f : log) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("key (\\d+)").matcher(f.detail());
            while (m.find()) {
                named.add(m.group(1));
            }
        }
        assertThat(named).as("no key picked twice").doesNotHaveDuplicates().hasSize(5);
    }

    @Test
    void crashObjectsMakesAShareOfTheKeyActorsFailAndTheirWatchesSendRemovalRecords() {
        HandBuiltWorld w = world(10, 2);
        RunContext ctx = context(w, w.scenario(3, "10s")
                .fault(Fault.at("crash", "0s", new FaultAction.CrashObjects(KEYS, 0.2))).build());
        FaultLog.Fired fired = fire(ctx, 1).get(0);

        Set<Integer> crashed = ctx.effects().crashedObjects();
        assertThat(crashed).hasSize(2).isSubsetOf(w.world.objects(KEYS));
        assertThat(fired.kind()).isEqualTo("crash-objects");
        assertThat(fired.detail()).startsWith("keys: 2 of 10 objects").contains("crash: 2 ok");
        for (long q : w.world.queues(QUEUES)) {
            assertThat(removalsUntil(w, q, ids(crashed))).containsExactlyInAnyOrderElementsOf(ids(crashed));
        }
        calls.awaitAssert(Duration.ofSeconds(20), () -> {
            crashed.forEach(k -> assertThat(w.kernel.hasObject(Integer.toUnsignedLong(k))).as("key %d", k).isFalse());
            return null;
        });
    }

    @Test
    void crashWatchesCrashesAShareOfTheWatchesOnTheGroupsQueuesAndTheirObjectsDropThem() {
        HandBuiltWorld w = world(4, 2);
        RunContext ctx = context(w, w.scenario(3, "10s")
                .fault(Fault.at("crash-w", "0s", new FaultAction.CrashWatches(QUEUES, 0.5))).build());
        FaultLog.Fired fired = fire(ctx, 1).get(0);

        Set<FaultEffects.WatchKey> crashed = ctx.effects().crashedWatches();
        Set<FaultEffects.WatchKey> all = new HashSet<>();
        w.world.watches().forEach(ws -> all.add(new FaultEffects.WatchKey(ws.queueId(), ws.serial())));
        assertThat(crashed).as("half of the 8 watches").hasSize(4).isSubsetOf(all);
        assertThat(fired.detail()).startsWith("q: 4 of 8 watches (queue ").contains("crash watch: 4 ok");
        calls.awaitAssert(Duration.ofSeconds(20), () -> {
            for (FaultEffects.WatchKey watch : all) {
                List<WatchedObject.WatchInfo> on = w.kernel.await(w.kernel.watches(Integer.toUnsignedLong(watch.serial())));
                assertThat(on.stream().anyMatch(i -> i.queueId() == watch.queueId()))
                        .as("watch %s listed by its object", watch).isEqualTo(!crashed.contains(watch));
            }
            return null;
        });
        for (long q : w.world.queues(QUEUES)) {
            assertThat(w.drain(q)).as("a crashed watch sends no removal record").noneMatch(FaultActionsTest::isRemoval);
        }
    }

    @Test
    void closeQueuesClosesAShareOfTheGroupAndTellsTheirReaders() {
        HandBuiltWorld w = world(2, 4);
        RunContext ctx = context(w, w.scenario(3, "10s")
                .fault(Fault.at("close", "0s", new FaultAction.CloseQueues(QUEUES, 0.5))).build());
        FaultLog.Fired fired = fire(ctx, 1).get(0);

        Set<Long> closed = ctx.effects().closedQueues();
        assertThat(closed).hasSize(2).isSubsetOf(w.world.queues(QUEUES));
        assertThat(fired.detail()).startsWith("q: 2 of 4 queues").contains("close: 2 ok").endsWith("readers told: 2");
        Set<Long> told = new HashSet<>();
        told.add(calls.expectMessageClass(Call.class).queueId());
        told.add(calls.expectMessageClass(Call.class).queueId());
        assertThat(told).isEqualTo(closed);
        for (long q : w.world.queues(QUEUES)) {
            assertThat(w.kernel.await(w.kernel.queueStatus(q)).isPresent()).as("queue %d is open", q)
                    .isEqualTo(!closed.contains(q));
        }
    }

    @Test
    void readerFaultsReachAShareOfTheGroupsReadersWithWhatTheyChange() {
        HandBuiltWorld w = world(1, 4);
        RunContext ctx = context(w, w.scenario(3, "10s")
                .fault(Fault.at("stall", "0s", new FaultAction.StallReaders(QUEUES, 0.5, Duration.ofSeconds(2))))
                .fault(Fault.at("slow", "0s", new FaultAction.SlowReaders(QUEUES, 0.25, Rate.parse("20/s"),
                        Duration.ofSeconds(3))))
                .fault(Fault.at("shrink", "0s", new FaultAction.ShrinkBuffer(QUEUES, 1, 24)))
                .build());
        List<FaultLog.Fired> log = fire(ctx, 3);

        List<Call> received = calls.receiveSeveralMessages(2 + 1 + 4);
        assertThat(received.stream().filter(c -> c.control().equals("stall")))
                .hasSize(2).allMatch(c -> c.argument().equals("PT2S"));
        assertThat(received.stream().filter(c -> c.control().equals("slow")))
                .hasSize(1).allMatch(c -> c.argument().equals("20/s for PT3S"));
        assertThat(received.stream().filter(c -> c.control().equals("shrink")).map(Call::queueId))
                .containsExactlyInAnyOrderElementsOf(w.world.queues(QUEUES));
        assertThat(received).allMatch(c -> w.world.queues(QUEUES).contains(c.queueId()));
        assertThat(log).extracting(FaultLog.Fired::detail).anyMatch(d -> d.startsWith("q: 2 of 4 readers")
                && d.endsWith("stall for 2s: 2 applied"));
        assertThat(log).extracting(FaultLog.Fired::detail).anyMatch(d -> d.endsWith("slow to 20/s for 3s: 1 applied"));
        assertThat(log).extracting(FaultLog.Fired::detail).anyMatch(d -> d.endsWith("buffer 24 bytes: 4 applied"));
    }

    @Test
    void floodQueuePostsKeyRecordsOfKeyIdZeroIntoOneQueueOfTheGroup() {
        HandBuiltWorld w = world(1, 3);
        RunContext ctx = context(w, w.scenario(3, "10s")
                .fault(Fault.at("flood", "0s", new FaultAction.FloodQueue(QUEUES, 100))).build());
        FaultLog.Fired fired = fire(ctx, 1).get(0);

        List<Long> flooded = new ArrayList<>();
        for (long q : w.world.queues(QUEUES)) {
            List<Notification> records = w.drain(q);
            if (!records.isEmpty()) {
                flooded.add(q);
                assertThat(records).hasSize(100).allMatch(FloodRecords::isFlood)
                        .allMatch(n -> (n.info() & WatchNotification.WATCH_INFO_ID) >>> WatchNotification.WATCH_INFO_ID__SHIFT
                                == FloodRecords.TAG);
            }
        }
        assertThat(flooded).as("one queue of the group").hasSize(1);
        assertThat(fired.detail()).isEqualTo("q: queue " + flooded.get(0) + " (one of 3), 100 records; post: 100 ok");
    }

    @Test
    void theDetailCountsEachErrnoTheKernelAnswered() {
        HandBuiltWorld w = world(1, 1);
        long q = w.world.queues(QUEUES).get(0);
        assertThat(w.kernel.await(w.kernel.closeQueue(q)).isOk()).isTrue();
        RunContext ctx = context(w, w.scenario(3, "10s")
                .fault(Fault.at("flood", "0s", new FaultAction.FloodQueue(QUEUES, 2_000)))
                .fault(Fault.at("close", "0s", new FaultAction.CloseQueues(QUEUES, 1))).build());
        List<FaultLog.Fired> log = fire(ctx, 2);

        assertThat(log).extracting(FaultLog.Fired::detail).containsExactlyInAnyOrder(
                "q: queue " + q + " (one of 1), 2000 records; post: 2000 EBADF",
                "q: 1 of 1 queues (queue " + q + "); close: 1 EBADF; readers told: 0");
        assertThat(ctx.effects().closedQueues()).as("a queue the kernel did not close").isEmpty();
        calls.expectNoMessage(Duration.ZERO);
    }

    @Test
    void swapPolicyPutsTheFaultsPolicyInForceAndReloadPolicyReloadsThatOne() throws IOException {
        Path rules = Files.writeString(dir.resolve("lab.smack"), "Lab Lab-keys r\n");
        HandBuiltWorld w = world(1, 1);
        long before = w.kernel.await(w.kernel.policyCounts()).version();
        RunContext ctx = context(w, w.scenario(3, "10s")
                .fault(Fault.at("swap", "0s", new FaultAction.SwapPolicy(Policy.of(List.of(Policy.Engine.SMACK), rules))))
                .fault(Fault.at("reload", "1s", new FaultAction.ReloadPolicy())) // well after the swap is in force
                .build());
        List<FaultLog.Fired> log = fire(ctx, 2);

        PolicyCounts counts = w.kernel.await(w.kernel.policyCounts());
        assertThat(counts.engine()).isEqualTo("smack");
        assertThat(counts.version()).as("two reloads").isEqualTo(before + 2);
        assertThat(log).extracting(FaultLog.Fired::name).containsExactly("swap", "reload");
        assertThat(log.get(0).detail()).isEqualTo("policy smack from lab.smack: loaded smack; reload: 1 ok, version "
                + (before + 1));
        assertThat(log.get(1).detail()).as("the policy in force is the swapped one")
                .isEqualTo("policy smack from lab.smack: loaded smack; reload: 1 ok, version " + (before + 2));
    }

    @Test
    void aPolicyWhoseFileNoLongerLoadsIsRecordedAndNothingIsReloaded() throws IOException {
        Path rules = Files.writeString(dir.resolve("lab.smack"), "Lab Lab-keys r\n");
        HandBuiltWorld w = world(1, 1);
        long before = w.kernel.await(w.kernel.policyCounts()).version();
        Scenario s = w.scenario(3, "10s")
                .fault(Fault.at("swap", "0s", new FaultAction.SwapPolicy(Policy.of(List.of(Policy.Engine.SMACK), rules))))
                .build();
        Files.writeString(rules, "Lab\n"); // changed under the run
        FaultLog.Fired fired = fire(context(w, s), 1).get(0);

        assertThat(fired.detail()).startsWith("policy smack from lab.smack: not loaded: " + rules + ":1");
        assertThat(w.kernel.await(w.kernel.policyCounts()).version()).isEqualTo(before);
    }
}
