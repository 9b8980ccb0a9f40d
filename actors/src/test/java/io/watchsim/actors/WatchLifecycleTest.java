package io.watchsim.actors;

import io.watchsim.policies.Credentials;
import io.watchsim.queues.Errno;
import io.watchsim.queues.SysResult;
import io.watchsim.queues.record.KeyNotify;
import io.watchsim.queues.record.MetaNotify;
import io.watchsim.queues.record.Notification;
import io.watchsim.queues.record.WatchNotification;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static io.watchsim.actors.KernelFixture.await;
import static io.watchsim.actors.KernelFixture.drain;
import static io.watchsim.actors.KernelFixture.object;
import static io.watchsim.actors.KernelFixture.sizedQueue;
import static org.assertj.core.api.Assertions.assertThat;

/** Watch set and removal with their errnos, and what each way a watch ends sends to its queue. */
@ExtendWith(LogCapturingExtension.class)
class WatchLifecycleTest {
    static final ActorTestKit testKit = ActorTestKit.create();
    static final Credentials ROOT = Credentials.root();
    static int kernels;

    @AfterAll
    static void cleanup() {
        testKit.shutdownTestKit();
    }

    private static Kernel kernel() {
        return Kernel.start(testKit.system(), "kernel-" + (++kernels), KernelSettings.DEFAULT.withHosts(4));
    }

    private static Notification update(int seq) {
        return KeyNotify.of(KeyNotify.NOTIFY_KEY_UPDATED, 42, seq);
    }

    private static void assertRemoval(Notification n, long id, int tag) {
        assertThat(n.type()).isEqualTo(WatchNotification.WATCH_TYPE_META);
        assertThat(n.subtype()).isEqualTo(WatchNotification.WATCH_META_REMOVAL_NOTIFICATION);
        assertThat(n.length()).isEqualTo(16);
        assertThat(MetaNotify.removalId(n)).isEqualTo(id);
        assertThat(WatchNotification.tagOf(n.info())).isEqualTo(tag);
    }

    @Test
    void settingWatchesGivesTheKernelsErrnos() {
        Kernel k = kernel();
        QueueHandle q = sizedQueue(k, 32);
        object(k, 42, "_");
        assertThat(await(k.watch(42, q.id(), 256, ROOT)).errno()).isEqualTo(Errno.EINVAL);
        assertThat(await(k.watch(42, q.id(), -2, ROOT)).errno()).isEqualTo(Errno.EINVAL);
        assertThat(await(k.watch(42, 999, 1, ROOT)).errno()).as("not a notification pipe").isEqualTo(Errno.EINVAL);
        assertThat(await(k.watch(7, q.id(), 1, ROOT)).errno()).as("no such object").isEqualTo(Errno.ENOENT);
        assertThat(await(k.watch(42, q.id(), 1, ROOT)).isOk()).isTrue();
        SysResult again = await(k.watch(42, q.id(), 2, ROOT));
        assertThat(again.errno()).as("same (object, queue), other tag").isEqualTo(Errno.EBUSY);
        assertThat(await(k.unwatch(42, 999, ROOT)).errno()).isEqualTo(Errno.EINVAL);
        QueueHandle other = sizedQueue(k, 32);
        assertThat(await(k.unwatch(42, other.id(), ROOT)).errno()).isEqualTo(Errno.EBADSLT);
        assertThat(await(k.watches(42))).extracting(WatchedObject.WatchInfo::tag).containsExactly(1);
        k.stop();
    }

    @Test
    void explicitRemovalSendsOneRemovalRecordAfterTheRecordsBeforeIt() {
        Kernel k = kernel();
        QueueHandle q = sizedQueue(k, 64);
        object(k, 42, "_");
        assertThat(await(k.watch(42, q.id(), 9, ROOT)).isOk()).isTrue();
        for (int i = 0; i < 10; i++) {
            k.post(42, update(i), ROOT);
        }
        assertThat(await(k.unwatch(42, q.id(), ROOT)).isOk()).isTrue();
        assertThat(await(k.unwatch(42, q.id(), ROOT)).errno()).isEqualTo(Errno.EBADSLT);
        assertThat(await(k.postAndWait(42, List.of(update(99)), ROOT))).as("no watch left").isEqualTo(DeliveryReport.NOTHING);
        List<Notification> got = drain(k, q);
        assertThat(got).hasSize(11);
        assertThat(got.subList(0, 10)).extracting(KeyNotify::aux).containsExactlyElementsOf(
                IntStream.range(0, 10).boxed().toList());
        assertRemoval(got.get(10), 42, 9);
        k.stop();
    }

    @Test
    void destroyingAnObjectSendsExactlyOneRemovalPerWatchAsTheLastRecord() {
        Kernel k = kernel();
        List<QueueHandle> queues = List.of(sizedQueue(k, 256), sizedQueue(k, 256), sizedQueue(k, 256));
        object(k, 42, "_");
        for (int i = 0; i < queues.size(); i++) {
            assertThat(await(k.watch(42, queues.get(i).id(), 10 + i, ROOT)).isOk()).isTrue();
        }
        for (int i = 0; i < 200; i++) {
            k.post(42, update(i), ROOT);
        }
        assertThat(await(k.destroy(42)).isOk()).isTrue();
        TestProbe<Void> probe = testKit.createTestProbe();
        for (int i = 0; i < queues.size(); i++) {
            QueueHandle q = queues.get(i);
            probe.awaitAssert(Duration.ofSeconds(5), () -> {
                assertThat(drainAll(k, q)).hasSize(201);
                return null;
            });
            List<Notification> got = seen.get(q.id());
            assertThat(got.subList(0, 200)).extracting(KeyNotify::aux)
                    .containsExactlyElementsOf(IntStream.range(0, 200).boxed().toList());
            assertRemoval(got.get(200), 42, 10 + i);
        }
        probe.expectNoMessage(Duration.ofMillis(100));
        for (QueueHandle q : queues) {
            assertThat(drain(k, q)).as("never a second removal").isEmpty();
        }
        // the backlog counted the 200 fire-and-forget posts until the object had posted them (into three
        // queues' pipes, in place), not the removal records
        assertThat(k.recordsInTransit().handedOnTotal()).isEqualTo(200);
        assertThat(k.recordsInTransit().count()).isZero();
        k.stop();
    }

    private final java.util.Map<Long, List<Notification>> seen = new java.util.HashMap<>();

    /** Drains and remembers, so that awaitAssert can retry until everything has arrived. */
    private List<Notification> drainAll(Kernel k, QueueHandle q) {
        List<Notification> all = seen.computeIfAbsent(q.id(), id -> new ArrayList<>());
        all.addAll(drain(k, q));
        return all;
    }

    @Test
    void aCrashedObjectsWatchesEachSendExactlyOneRemovalAfterEverythingItPosted() {
        Kernel k = kernel();
        QueueHandle q1 = sizedQueue(k, 512);
        QueueHandle q2 = sizedQueue(k, 512);
        object(k, 42, "_");
        assertThat(await(k.watch(42, q1.id(), 1, ROOT)).isOk()).isTrue();
        assertThat(await(k.watch(42, q2.id(), 2, ROOT)).isOk()).isTrue();
        for (int i = 0; i < 300; i++) {
            k.post(42, update(i), ROOT);
        }
        k.crash(42);
        TestProbe<Void> probe = testKit.createTestProbe();
        for (QueueHandle q : List.of(q1, q2)) {
            probe.awaitAssert(Duration.ofSeconds(5), () -> {
                List<Notification> got = drainAll(k, q);
                assertThat(got).hasSize(301);
                return null;
            });
            List<Notification> got = seen.get(q.id());
            assertThat(got.subList(0, 300)).extracting(KeyNotify::aux)
                    .containsExactlyElementsOf(IntStream.range(0, 300).boxed().toList());
            assertRemoval(got.get(300), 42, q == q1 ? 1 : 2);
        }
        // Nothing more arrives later: exactly one removal per watch.
        probe.expectNoMessage(Duration.ofMillis(200));
        assertThat(drain(k, q1)).isEmpty();
        assertThat(drain(k, q2)).isEmpty();
        assertThat(k.directory().object(42)).as("the object left the directory").isEmpty();
        k.stop();
    }

    @Test
    void closingAQueueDetachesItsWatchesSilently() {
        Kernel k = kernel();
        QueueHandle doomed = sizedQueue(k, 32);
        QueueHandle survivor = sizedQueue(k, 32);
        object(k, 42, "_");
        assertThat(await(k.watch(42, doomed.id(), 1, ROOT)).isOk()).isTrue();
        assertThat(await(k.watch(42, survivor.id(), 2, ROOT)).isOk()).isTrue();
        assertThat(await(k.closeQueue(doomed.id())).isOk()).isTrue();
        assertThat(await(k.watches(42))).as("the close returns once the object has dropped the watch")
                .extracting(WatchedObject.WatchInfo::queueId).containsExactly(survivor.id());
        assertThat(await(k.postAndWait(42, List.of(update(5)), ROOT))).isEqualTo(new DeliveryReport(1, 0));
        assertThat(drain(k, survivor)).extracting(KeyNotify::aux).containsExactly(5);
        assertThat(await(k.destroy(42)).isOk()).isTrue();
        TestProbe<Void> probe = testKit.createTestProbe();
        probe.awaitAssert(Duration.ofSeconds(5), () -> {
            assertThat(drainAll(k, survivor)).hasSize(1);
            return null;
        });
        assertRemoval(seen.get(survivor.id()).get(0), 42, 2);
        k.stop();
    }

    @Test
    void aSynchronousPostDeliversTheEventsOfOneOperationInItsOrderAcrossObjects() {
        Kernel k = kernel();
        QueueHandle q = sizedQueue(k, 64);
        object(k, 42, "_");
        object(k, 43, "_");
        assertThat(await(k.watch(42, q.id(), 1, ROOT)).isOk()).isTrue();
        assertThat(await(k.watch(43, q.id(), 2, ROOT)).isOk()).isTrue();
        for (int round = 0; round < 20; round++) {
            List<ObjectEvent> op = List.of(
                    ObjectEvent.of(42, KeyNotify.of(KeyNotify.NOTIFY_KEY_INSTANTIATED, 42, round)),
                    ObjectEvent.of(43, KeyNotify.of(KeyNotify.NOTIFY_KEY_LINKED, 43, 42)),
                    ObjectEvent.of(44, KeyNotify.of(KeyNotify.NOTIFY_KEY_LINKED, 44, 42)),
                    ObjectEvent.of(42, KeyNotify.of(KeyNotify.NOTIFY_KEY_SETATTR, 42, round)));
            assertThat(await(k.postAndWait(op, ROOT)).reached()).as("object 44 does not exist").isEqualTo(3);
        }
        List<Notification> got = drain(k, q);
        assertThat(got).hasSize(60);
        for (int i = 0; i < 60; i += 3) {
            assertThat(got.subList(i, i + 3)).extracting(Notification::subtype).containsExactly(
                    KeyNotify.NOTIFY_KEY_INSTANTIATED, KeyNotify.NOTIFY_KEY_LINKED, KeyNotify.NOTIFY_KEY_SETATTR);
        }
        k.stop();
    }

    @Test
    void aSynchronousDestroyAnswersOnceEveryRemovalRecordIsQueued() {
        Kernel k = kernel();
        QueueHandle q1 = sizedQueue(k, 32);
        QueueHandle q2 = sizedQueue(k, 32);
        object(k, 42, "_");
        assertThat(await(k.watch(42, q1.id(), 1, ROOT)).isOk()).isTrue();
        assertThat(await(k.watch(42, q2.id(), 2, ROOT)).isOk()).isTrue();
        DeliveryReport report = await(k.perform(List.of(
                new KernelAction.PostEvent(ObjectEvent.of(42, update(7))),
                new KernelAction.DestroyObject(42)), ROOT));
        assertThat(report).isEqualTo(new DeliveryReport(4, 0));
        for (QueueHandle q : List.of(q1, q2)) {
            List<Notification> got = drain(k, q);
            assertThat(got).hasSize(2);
            assertThat(KeyNotify.aux(got.get(0))).isEqualTo(7);
            assertRemoval(got.get(1), 42, q == q1 ? 1 : 2);
        }
        TestProbe<Void> probe = testKit.createTestProbe();
        probe.awaitAssert(Duration.ofSeconds(5), () -> {
            assertThat(k.directory().object(42)).isEmpty();
            return null;
        });
        probe.expectNoMessage(Duration.ofMillis(100));
        assertThat(drain(k, q1)).as("the death watch adds no second removal").isEmpty();
        k.stop();
    }

    @Test
    void concurrentAddsOnOneObjectArePipelinedAndADuplicateIsStillEbusy() {
        Kernel k = kernel();
        List<QueueHandle> queues = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            queues.add(sizedQueue(k, 32));
        }
        object(k, 42, "_");
        List<java.util.concurrent.CompletableFuture<SysResult>> adds = new ArrayList<>();
        for (QueueHandle q : queues) {
            adds.add(k.watch(42, q.id(), 1, ROOT).toCompletableFuture());
        }
        List<java.util.concurrent.CompletableFuture<SysResult>> twins = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            twins.add(k.watch(42, queues.get(0).id(), 2, ROOT).toCompletableFuture());
        }
        assertThat(adds).allSatisfy(f -> assertThat(f.join().isOk()).isTrue());
        assertThat(twins).allSatisfy(f -> assertThat(f.join().errno()).isEqualTo(Errno.EBUSY));
        assertThat(await(k.watches(42))).hasSize(300);
        assertThat(await(k.postAndWait(42, List.of(update(1)), ROOT)).reached()).isEqualTo(300);
        k.stop();
    }

    @Test
    void theNewestWatchIsVisitedFirst() {
        Kernel k = kernel();
        QueueHandle q1 = sizedQueue(k, 32);
        QueueHandle q2 = sizedQueue(k, 32);
        QueueHandle q3 = sizedQueue(k, 32);
        object(k, 42, "_");
        for (QueueHandle q : List.of(q1, q2, q3)) {
            assertThat(await(k.watch(42, q.id(), (int) q.id(), ROOT)).isOk()).isTrue();
        }
        assertThat(await(k.watches(42))).extracting(WatchedObject.WatchInfo::queueId)
                .containsExactly(q3.id(), q2.id(), q1.id());
        assertThat(await(k.postAndWait(42, List.of(update(1)), ROOT)).reached()).isEqualTo(3);
        for (QueueHandle q : List.of(q1, q2, q3)) {
            List<Notification> got = drain(k, q);
            assertThat(got).hasSize(1);
            assertThat(WatchNotification.tagOf(got.get(0).info())).isEqualTo((int) q.id());
        }
        k.stop();
    }

    @Test
    void aCrashedWatchLeavesItsObjectWithoutARemovalRecordAndTheOthersGoOn() {
        Kernel k = kernel();
        QueueHandle q1 = sizedQueue(k, 32);
        QueueHandle q2 = sizedQueue(k, 32);
        object(k, 42, "_");
        assertThat(await(k.watch(42, q1.id(), 1, ROOT)).isOk()).isTrue();
        assertThat(await(k.watch(42, q2.id(), 2, ROOT)).isOk()).isTrue();
        assertThat(await(k.crashWatch(42, q1.id())).isOk()).isTrue();
        assertThat(await(k.crashWatch(42, 999)).errno()).as("no such watch").isEqualTo(Errno.EBADSLT);
        assertThat(await(k.crashWatch(7, q1.id())).errno()).as("no such object").isEqualTo(Errno.ENOENT);
        TestProbe<Void> probe = testKit.createTestProbe();
        probe.awaitAssert(Duration.ofSeconds(5), () -> {
            assertThat(await(k.watches(42))).extracting(WatchedObject.WatchInfo::queueId).containsExactly(q2.id());
            return null;
        });
        assertThat(await(k.postAndWait(42, List.of(update(3)), ROOT))).isEqualTo(new DeliveryReport(1, 0));
        assertThat(drain(k, q1)).as("no removal record, no record").isEmpty();
        assertThat(drain(k, q2)).extracting(KeyNotify::aux).containsExactly(3);
        k.stop();
    }
}
