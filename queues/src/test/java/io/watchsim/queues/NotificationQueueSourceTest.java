package io.watchsim.queues;

import io.watchsim.queues.record.KeyNotify;
import io.watchsim.queues.record.MetaNotify;
import io.watchsim.queues.record.Notification;
import io.watchsim.queues.ring.PipeLimits;
import io.watchsim.queues.ring.QueueStatistics;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.SinkQueueWithCancel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(LogCapturingExtension.class)
class NotificationQueueSourceTest {
    static final ActorTestKit testKit = ActorTestKit.create();

    @AfterAll
    static void cleanup() {
        testKit.shutdownTestKit();
    }

    private static Notification key(int id) {
        return KeyNotify.of(KeyNotify.NOTIFY_KEY_UPDATED, id, 0);
    }

    private ActorRef<NotificationQueue.Command> sizedQueue() {
        ActorRef<NotificationQueue.Command> q = testKit.spawn(NotificationQueue.create());
        TestProbe<SysResult> probe = testKit.createTestProbe();
        q.tell(new NotificationQueue.SetSize(32, PipeLimits.WITHIN, probe.getRef()));
        probe.receiveMessage();
        return q;
    }

    private void closeWriteEnd(ActorRef<NotificationQueue.Command> q) {
        TestProbe<SysResult> probe = testKit.createTestProbe();
        q.tell(new NotificationQueue.Close(PipeEnd.WRITE, probe.getRef()));
        probe.receiveMessage();
    }

    private QueueStatistics statistics(ActorRef<NotificationQueue.Command> q) {
        TestProbe<QueueStatistics> probe = testKit.createTestProbe();
        q.tell(new NotificationQueue.GetStatistics(probe.getRef()));
        return probe.receiveMessage();
    }

    @Test
    void emitsRecordsInRingOrderWithTheLossRecordInItsPlaceAndCompletesOnClose() throws Exception {
        ActorRef<NotificationQueue.Command> q = sizedQueue();
        for (int i = 1; i <= 34; i++) {
            q.tell(new NotificationQueue.Post(key(i), 2));
        }
        closeWriteEnd(q);
        List<Notification> got = NotificationQueueSource.create(q, 4096)
                .runWith(Sink.seq(), testKit.system())
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(got).hasSize(33);
        assertThat(got.subList(0, 32)).extracting(KeyNotify::keyId)
                .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, 32).boxed().toList());
        assertThat(got.get(31).info()).as("tag in info").isEqualTo(0x0210);
        assertThat(got.get(32)).isEqualTo(MetaNotify.loss());
    }

    /** However the stage stops (completed at end of file, cancelled by its sink), it releases its reads once. */
    @Test
    void releasesItsReadsOnceAsItStopsWhetherCompletedOrCancelled() throws Exception {
        for (boolean cancelled : new boolean[] {false, true}) {
            ActorRef<NotificationQueue.Command> q = sizedQueue();
            q.tell(new NotificationQueue.Post(key(1), 0));
            q.tell(new NotificationQueue.Post(key(2), 0));
            if (!cancelled) {
                closeWriteEnd(q);
            }
            java.util.concurrent.atomic.AtomicInteger released = new java.util.concurrent.atomic.AtomicInteger();
            var source = NotificationQueueSource.create(q, 4096, self -> {
                NotificationQueue.Read read = new NotificationQueue.Read(4096, true, self);
                return new NotificationQueueSource.Reads() {
                    @Override
                    public void next() {
                        q.tell(read);
                    }

                    @Override
                    public void release() {
                        released.incrementAndGet();
                    }
                };
            });
            List<Notification> got = (cancelled ? source.take(1) : source)
                    .runWith(Sink.seq(), testKit.system()).toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertThat(got).hasSize(cancelled ? 1 : 2);
            testKit.createTestProbe().awaitAssert(() -> assertThat(released).as("cancelled: " + cancelled).hasValue(1));
        }
    }

    @Test
    void readsOnlyOnDemandAndDeliversRecordsPostedWhileItWaits() throws Exception {
        ActorRef<NotificationQueue.Command> q = sizedQueue();
        SinkQueueWithCancel<Notification> sink = NotificationQueueSource.create(q, 16)
                .toMat(Sink.queue(1), Keep.right())
                .run(testKit.system());
        var pending = sink.pull().toCompletableFuture();
        q.tell(new NotificationQueue.Post(key(1), 0));
        assertThat(pending.get(10, TimeUnit.SECONDS)).contains(key(1));
        q.tell(new NotificationQueue.Post(key(2), 0));
        q.tell(new NotificationQueue.Post(key(3), 0));
        assertThat(sink.pull().toCompletableFuture().get(10, TimeUnit.SECONDS)).contains(key(2));
        // With a 16-byte buffer only one record is taken per read: record 3 is still queued.
        testKit.createTestProbe().awaitAssert(Duration.ofSeconds(5),
                () -> assertThat(statistics(q).queued()).isLessThanOrEqualTo(1));
        closeWriteEnd(q);
        assertThat(sink.pull().toCompletableFuture().get(10, TimeUnit.SECONDS)).contains(key(3));
        assertThat(sink.pull().toCompletableFuture().get(10, TimeUnit.SECONDS)).isEqualTo(Optional.empty());
    }

    @Test
    void cancellingWithdrawsTheParkedReadSoNoRecordIsTakenUnseen() throws Exception {
        ActorRef<NotificationQueue.Command> q = sizedQueue();
        SinkQueueWithCancel<Notification> sink = NotificationQueueSource.create(q, 4096)
                .toMat(Sink.queue(1), Keep.right())
                .run(testKit.system());
        sink.pull();
        TestProbe<QueueStatus> status = testKit.createTestProbe();
        status.awaitAssert(Duration.ofSeconds(5), () -> {
            q.tell(new NotificationQueue.GetStatus(status.getRef()));
            assertThat(status.receiveMessage().parkedReads()).isEqualTo(1);
            return null;
        });
        sink.cancel();
        status.awaitAssert(Duration.ofSeconds(5), () -> {
            q.tell(new NotificationQueue.GetStatus(status.getRef()));
            assertThat(status.receiveMessage().parkedReads()).isZero();
            return null;
        });
        q.tell(new NotificationQueue.Post(key(9), 0));
        assertThat(statistics(q).queued()).isEqualTo(1);
    }

    @Test
    void failsWithEnobufsWhenARecordExceedsTheBuffer() {
        ActorRef<NotificationQueue.Command> q = sizedQueue();
        q.tell(new NotificationQueue.Post(key(1), 0));
        var done = NotificationQueueSource.create(q, 8).runWith(Sink.seq(), testKit.system()).toCompletableFuture();
        assertThatThrownBy(() -> done.get(10, TimeUnit.SECONDS))
                .hasCauseInstanceOf(ErrnoException.class)
                .hasMessageContaining("ENOBUFS");
    }
}
