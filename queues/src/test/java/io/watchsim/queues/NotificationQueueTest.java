package io.watchsim.queues;

import io.watchsim.queues.record.KeyNotify;
import io.watchsim.queues.record.Notification;
import io.watchsim.queues.ring.FilterRequest;
import io.watchsim.queues.ring.PipeLimits;
import io.watchsim.queues.ring.QueueStatistics;
import io.watchsim.queues.ring.ReadResult;
import io.watchsim.queues.ring.TypeFilter;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(LogCapturingExtension.class)
class NotificationQueueTest {
    static final ActorTestKit testKit = ActorTestKit.create();

    @AfterAll
    static void cleanup() {
        testKit.shutdownTestKit();
    }

    private static Notification key(int id) {
        return KeyNotify.of(KeyNotify.NOTIFY_KEY_UPDATED, id, 0);
    }

    private ActorRef<NotificationQueue.Command> sizedQueue(int notes) {
        ActorRef<NotificationQueue.Command> q = testKit.spawn(NotificationQueue.create());
        TestProbe<SysResult> probe = testKit.createTestProbe();
        q.tell(new NotificationQueue.SetSize(notes, PipeLimits.WITHIN, probe.getRef()));
        assertThat(probe.receiveMessage().isOk()).isTrue();
        return q;
    }

    @Test
    void setSizeAndSetFilterAnswerWithTheKernelsErrno() {
        ActorRef<NotificationQueue.Command> q = sizedQueue(32);
        TestProbe<SysResult> probe = testKit.createTestProbe();
        q.tell(new NotificationQueue.SetSize(64, PipeLimits.WITHIN, probe.getRef()));
        assertThat(probe.receiveMessage().errno()).isEqualTo(Errno.EBUSY);
        q.tell(new NotificationQueue.SetFilter(new FilterRequest(17, 0, List.of()), probe.getRef()));
        SysResult bad = probe.receiveMessage();
        assertThat(bad.errno()).isEqualTo(Errno.EINVAL);
        assertThat(bad.detail()).contains("nr_filters 17");
        q.tell(new NotificationQueue.SetFilter(FilterRequest.of(TypeFilter.forSubtypes(1, 2)), probe.getRef()));
        assertThat(probe.receiveMessage().isOk()).isTrue();
        q.tell(new NotificationQueue.Post(key(1), 0));
        TestProbe<QueueStatistics> stats = testKit.createTestProbe();
        q.tell(new NotificationQueue.GetStatistics(stats.getRef()));
        assertThat(stats.receiveMessage().filtered()).isEqualTo(1);
    }

    @Test
    void aNonBlockingReadOfAnEmptyQueueGivesEagain() {
        ActorRef<NotificationQueue.Command> q = sizedQueue(32);
        TestProbe<ReadResult> reader = testKit.createTestProbe();
        q.tell(new NotificationQueue.Read(4096, false, reader.getRef()));
        assertThat(reader.receiveMessage().errno()).isEqualTo(Errno.EAGAIN);
    }

    @Test
    void aBlockingReadParksUntilARecordArrives() {
        ActorRef<NotificationQueue.Command> q = sizedQueue(32);
        TestProbe<ReadResult> reader = testKit.createTestProbe();
        q.tell(new NotificationQueue.Read(4096, true, reader.getRef()));
        TestProbe<QueueStatus> status = testKit.createTestProbe();
        q.tell(new NotificationQueue.GetStatus(status.getRef()));
        assertThat(status.receiveMessage().parkedReads()).isEqualTo(1);
        reader.expectNoMessage(Duration.ofMillis(50));
        q.tell(new NotificationQueue.Post(key(7), 3));
        ReadResult r = reader.receiveMessage();
        assertThat(r.value()).isEqualTo(16);
        assertThat(KeyNotify.keyId(Notification.decode(r.data(), 0, 16))).isEqualTo(7);
    }

    @Test
    void parkedReadsAreServedInOrderAndClosingTheWriteEndAnswersThemWithEof() {
        ActorRef<NotificationQueue.Command> q = sizedQueue(32);
        TestProbe<ReadResult> first = testKit.createTestProbe();
        TestProbe<ReadResult> second = testKit.createTestProbe();
        q.tell(new NotificationQueue.Read(4096, true, first.getRef()));
        q.tell(new NotificationQueue.Read(4096, true, second.getRef()));
        q.tell(new NotificationQueue.PostBatch(List.of(key(1), key(2)), 0));
        assertThat(first.receiveMessage().records()).isEqualTo(2);
        TestProbe<SysResult> closed = testKit.createTestProbe();
        q.tell(new NotificationQueue.Close(PipeEnd.WRITE, closed.getRef()));
        assertThat(closed.receiveMessage().isOk()).isTrue();
        assertThat(second.receiveMessage().isEof()).isTrue();
    }

    @Test
    void aCancelledReadIsAnsweredWithEintrAndTakesNoRecord() {
        ActorRef<NotificationQueue.Command> q = sizedQueue(32);
        TestProbe<ReadResult> reader = testKit.createTestProbe();
        q.tell(new NotificationQueue.Read(4096, true, reader.getRef()));
        q.tell(new NotificationQueue.CancelRead(reader.getRef()));
        assertThat(reader.receiveMessage().errno()).isEqualTo(Errno.EINTR);
        q.tell(new NotificationQueue.Post(key(1), 0));
        TestProbe<QueueStatus> status = testKit.createTestProbe();
        q.tell(new NotificationQueue.GetStatus(status.getRef()));
        QueueStatus s = status.receiveMessage();
        assertThat(s.bytesQueued()).isEqualTo(16);
        assertThat(s.parkedReads()).isZero();
    }

    @Test
    void closingBothEndsMakesTheQueueDefunctAndLaterPostsAreCountedAsDropped() {
        ActorRef<NotificationQueue.Command> q = sizedQueue(32);
        TestProbe<SysResult> closed = testKit.createTestProbe();
        q.tell(new NotificationQueue.Close(PipeEnd.READ, closed.getRef()));
        q.tell(new NotificationQueue.Post(key(1), 0));
        q.tell(new NotificationQueue.Close(PipeEnd.WRITE, closed.getRef()));
        q.tell(new NotificationQueue.Post(key(2), 0));
        closed.receiveMessage();
        closed.receiveMessage();
        TestProbe<QueueStatus> status = testKit.createTestProbe();
        q.tell(new NotificationQueue.GetStatus(status.getRef()));
        QueueStatus s = status.receiveMessage();
        assertThat(s.defunct()).isTrue();
        assertThat(s.statistics().inserted()).isEqualTo(1);
        assertThat(s.statistics().droppedDefunct()).isEqualTo(1);
        assertThat(s.statistics().isBalanced()).isTrue();
        TestProbe<ReadResult> reader = testKit.createTestProbe();
        q.tell(new NotificationQueue.Read(4096, false, reader.getRef()));
        assertThat(reader.receiveMessage().errno()).isEqualTo(Errno.EBADF);
    }

    @Test
    void statusReportsFionreadPollAndPipeSize() {
        ActorRef<NotificationQueue.Command> q = sizedQueue(1);
        for (int i = 0; i < 33; i++) {
            q.tell(new NotificationQueue.Post(key(i + 1), 1));
        }
        TestProbe<QueueStatus> status = testKit.createTestProbe();
        q.tell(new NotificationQueue.GetStatus(status.getRef()));
        QueueStatus s = status.receiveMessage();
        assertThat(s.bytesQueued()).isEqualTo(32 * 16);
        assertThat(s.readable()).isTrue();
        assertThat(s.capacity()).isEqualTo(32);
        assertThat(s.pipeSizeBytes()).isEqualTo(65536);
        assertThat(s.statistics().lost()).isEqualTo(1);
    }
}
