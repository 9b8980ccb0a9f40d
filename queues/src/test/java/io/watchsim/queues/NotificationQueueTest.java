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
    void postsGoOnWhileOnlyTheReadEndIsClosedAndClosingBothEndsStopsTheQueue() {
        ActorRef<NotificationQueue.Command> q = sizedQueue(32);
        TestProbe<SysResult> closed = testKit.createTestProbe();
        TestProbe<QueueStatus> status = testKit.createTestProbe();
        q.tell(new NotificationQueue.Close(PipeEnd.READ, closed.getRef()));
        q.tell(new NotificationQueue.Post(key(1), 0));
        q.tell(new NotificationQueue.GetStatus(status.getRef()));
        assertThat(closed.receiveMessage().isOk()).isTrue();
        QueueStatus s = status.receiveMessage();
        assertThat(s.readerOpen()).isFalse();
        assertThat(s.statistics().inserted()).isEqualTo(1);

        TestProbe<ReadResult> reader = testKit.createTestProbe();
        q.tell(new NotificationQueue.Read(4096, false, reader.getRef()));
        assertThat(reader.receiveMessage().errno()).as("the read end is closed").isEqualTo(Errno.EBADF);

        q.tell(new NotificationQueue.Close(PipeEnd.WRITE, closed.getRef()));
        assertThat(closed.receiveMessage().value()).as("this close made the queue defunct").isEqualTo(1);
        closed.expectTerminated(q);
    }

    @Test
    void thePostCheckRunsAfterTheFilterAndADenialIsCountedWithoutALossFlag() {
        ActorRef<NotificationQueue.Command> q = sizedQueue(32);
        TestProbe<SysResult> setup = testKit.createTestProbe();
        q.tell(new NotificationQueue.SetFilter(FilterRequest.of(TypeFilter.forSubtypes(1, 1, 2)), setup.getRef()));
        setup.receiveMessage();
        CountingCheck denyLinked = new CountingCheck(KeyNotify.NOTIFY_KEY_LINKED);
        q.tell(new NotificationQueue.Post(KeyNotify.of(KeyNotify.NOTIFY_KEY_CLEARED, 1, 0), 0, denyLinked));
        q.tell(new NotificationQueue.Post(KeyNotify.of(KeyNotify.NOTIFY_KEY_LINKED, 2, 0), 0, denyLinked));
        q.tell(new NotificationQueue.Post(KeyNotify.of(KeyNotify.NOTIFY_KEY_UPDATED, 3, 0), 0, denyLinked));
        q.tell(new NotificationQueue.Post(io.watchsim.queues.record.MetaNotify.removal(4), 0, denyLinked));
        TestProbe<QueueStatistics> stats = testKit.createTestProbe();
        q.tell(new NotificationQueue.GetStatistics(stats.getRef()));
        QueueStatistics s = stats.receiveMessage();
        assertThat(s.filtered()).isEqualTo(1);
        assertThat(s.denied()).isEqualTo(1);
        assertThat(s.inserted()).isEqualTo(2);
        assertThat(denyLinked.asked).as("filtered and meta records never reach the check").containsExactly(2, 1);
        TestProbe<ReadResult> reader = testKit.createTestProbe();
        q.tell(new NotificationQueue.Read(4096, false, reader.getRef()));
        assertThat(reader.receiveMessage().value()).as("no loss record for a denial").isEqualTo(32);
    }

    /** Refuses one subtype and remembers what it was asked (only ever called on the queue's thread). */
    static final class CountingCheck implements PostCheck {
        final int refused;
        final java.util.List<Integer> asked = new java.util.concurrent.CopyOnWriteArrayList<>();

        CountingCheck(int refused) {
            this.refused = refused;
        }

        @Override
        public boolean allows(Notification record) {
            asked.add(record.subtype());
            return record.subtype() != refused;
        }
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
        assertThat(s.pipeSizeBytes()).as("one page charged by SET_SIZE 1").isEqualTo(4096);
        assertThat(s.statistics().lost()).isEqualTo(1);
    }

    /** A check that tells a probe, at the end of each burst, which subtypes it was asked about. */
    record RecordingCheck(ActorRef<List<Integer>> report) implements PostCheck {
        @Override
        public boolean allows(Notification record) {
            report.tell(List.of(record.subtype()));
            return record.subtype() != 2;
        }

        @Override
        public Burst forBurst() {
            java.util.ArrayList<Integer> asked = new java.util.ArrayList<>();
            return new Burst() {
                @Override
                public boolean allows(Notification record) {
                    asked.add(record.subtype());
                    return record.subtype() != 2;
                }

                @Override
                public void finish() {
                    report.tell(List.copyOf(asked));
                }
            };
        }
    }

    @Test
    void aBatchIsCheckedAsOneBurstAfterTheFilterAndEachVerdictIsApplied() {
        ActorRef<NotificationQueue.Command> q = sizedQueue(32);
        TestProbe<SysResult> ok = testKit.createTestProbe();
        q.tell(new NotificationQueue.SetFilter(FilterRequest.of(TypeFilter.forSubtypes(1, 0, 2, 4)), ok.getRef()));
        assertThat(ok.receiveMessage().isOk()).isTrue();
        TestProbe<List<Integer>> asked = testKit.createTestProbe();
        List<Notification> batch = List.of(0, 1, 2, 3, 4, 2).stream()
                .map(st -> KeyNotify.of(st, 7, 0)).toList();
        q.tell(new NotificationQueue.PostBatch(batch, 5, new RecordingCheck(asked.getRef())));
        assertThat(asked.receiveMessage()).as("one finish, after the filter, in order").containsExactly(0, 2, 4, 2);
        asked.expectNoMessage(Duration.ofMillis(50));
        TestProbe<QueueStatistics> stats = testKit.createTestProbe();
        q.tell(new NotificationQueue.GetStatistics(stats.getRef()));
        QueueStatistics s = stats.receiveMessage();
        assertThat(List.of(s.posted(), s.filtered(), s.denied(), s.inserted())).containsExactly(6L, 2L, 2L, 2L);
    }

    /**
     * A watch for these tests: it reports its start, and when told the queue is ending it either
     * stops (leaving at once) or ignores it (a watch that never leaves, to exercise the bound).
     */
    private static WatchSpec watchSpec(TestProbe<String> events, boolean leaves) {
        return new WatchSpec() {
            @Override
            public org.apache.pekko.actor.typed.Behavior<?> behavior() {
                return org.apache.pekko.actor.typed.javadsl.Behaviors.setup(ctx -> {
                    events.getRef().tell("started");
                    return org.apache.pekko.actor.typed.javadsl.Behaviors.receive(Object.class)
                            .onMessageEquals("ending", () -> {
                                events.getRef().tell("ending");
                                return leaves ? org.apache.pekko.actor.typed.javadsl.Behaviors.stopped()
                                        : org.apache.pekko.actor.typed.javadsl.Behaviors.same();
                            })
                            .onSignal(org.apache.pekko.actor.typed.PostStop.class, sig -> {
                                events.getRef().tell("stopped");
                                return org.apache.pekko.actor.typed.javadsl.Behaviors.same();
                            }).build();
                });
            }

            @Override
            public Object queueEnding() {
                return "ending";
            }
        };
    }

    /** Closes the read end (answered 0), then the write end; returns the probe that awaits the second answer. */
    private static TestProbe<SysResult> closeBothEnds(ActorRef<NotificationQueue.Command> q) {
        TestProbe<SysResult> closed = testKit.createTestProbe();
        q.tell(new NotificationQueue.Close(PipeEnd.READ, closed.getRef()));
        assertThat(closed.receiveMessage().value()).as("one end still open").isZero();
        q.tell(new NotificationQueue.Close(PipeEnd.WRITE, closed.getRef()));
        return closed;
    }

    @Test
    void aDefunctQueueTellsItsWatchesAndAnswersTheCloseOnceTheyHaveStopped() {
        ActorRef<NotificationQueue.Command> q = sizedQueue(32);
        TestProbe<String> events = testKit.createTestProbe();
        q.tell(new NotificationQueue.AttachWatch(watchSpec(events, true)));
        q.tell(new NotificationQueue.AttachWatch(watchSpec(events, true)));
        events.expectMessage("started");
        events.expectMessage("started");
        TestProbe<SysResult> closed = testKit.createTestProbe();
        q.tell(new NotificationQueue.Close(PipeEnd.READ, closed.getRef()));
        assertThat(closed.receiveMessage().value()).as("one end still open").isZero();
        events.expectNoMessage(Duration.ofMillis(50));
        q.tell(new NotificationQueue.Close(PipeEnd.WRITE, closed.getRef()));
        assertThat(events.receiveSeveralMessages(4)).containsExactlyInAnyOrder("ending", "ending", "stopped", "stopped");
        assertThat(closed.receiveMessage().value()).as("defunct, answered after both watches stopped").isEqualTo(1);
        TestProbe<Object> death = testKit.createTestProbe();
        death.expectTerminated(q);
    }

    @Test
    void aWatchAttachedWhileTheQueueEndsIsNeverStarted() {
        ActorRef<NotificationQueue.Command> q = sizedQueue(32);
        TestProbe<String> events = testKit.createTestProbe();
        q.tell(new NotificationQueue.AttachWatch(watchSpec(events, false)));
        events.expectMessage("started");
        TestProbe<SysResult> closed = closeBothEnds(q);
        events.expectMessage("ending");
        q.tell(new NotificationQueue.AttachWatch(watchSpec(events, true)));
        events.expectNoMessage(Duration.ofMillis(100));
        closed.expectNoMessage(Duration.ofMillis(50));
    }

    @Test
    void aWatchThatNeverLeavesIsStoppedWithTheQueueWhenTheBoundRunsOut() {
        ActorRef<NotificationQueue.Command> q = testKit.spawn(NotificationQueue.create(16, Duration.ofMillis(200)));
        TestProbe<String> events = testKit.createTestProbe();
        q.tell(new NotificationQueue.AttachWatch(watchSpec(events, false)));
        events.expectMessage("started");
        TestProbe<SysResult> closed = closeBothEnds(q);
        events.expectMessage("ending");
        assertThat(closed.receiveMessage(Duration.ofSeconds(3)).value()).as("answered at the bound").isEqualTo(1);
        events.expectMessage("stopped");
        testKit.createTestProbe().expectTerminated(q);
    }

    @Test
    void postsToADefunctQueueWaitingForItsWatchesAreCountedAsDroppedOnADefunctQueue() {
        ActorRef<NotificationQueue.Command> q = testKit.spawn(NotificationQueue.create(16, Duration.ofSeconds(5)));
        TestProbe<SysResult> probe = testKit.createTestProbe();
        q.tell(new NotificationQueue.SetSize(32, PipeLimits.WITHIN, probe.getRef()));
        probe.receiveMessage();
        TestProbe<String> events = testKit.createTestProbe();
        q.tell(new NotificationQueue.AttachWatch(watchSpec(events, false)));
        events.expectMessage("started");
        q.tell(new NotificationQueue.Close(PipeEnd.READ, probe.getRef()));
        probe.receiveMessage();
        q.tell(new NotificationQueue.Close(PipeEnd.WRITE, probe.getRef()));
        events.expectMessage("ending");
        q.tell(new NotificationQueue.Post(key(1), 0));
        TestProbe<QueueStatistics> stats = testKit.createTestProbe();
        q.tell(new NotificationQueue.GetStatistics(stats.getRef()));
        QueueStatistics s = stats.receiveMessage();
        assertThat(s.droppedDefunct()).isEqualTo(1);
        assertThat(s.isBalanced()).isTrue();
    }
}
