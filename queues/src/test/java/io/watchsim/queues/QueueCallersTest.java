package io.watchsim.queues;

import io.watchsim.queues.ring.PipeLimits;
import io.watchsim.queues.ring.ReadResult;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A queue tells its callers that it stopped as the last thing it does, once every call it received
 * has its answer (its parked reads included), however it stops; a repeated read it received is no
 * longer counted as outstanding, so that only the reads it never received are left for its callers.
 */
@ExtendWith(LogCapturingExtension.class)
class QueueCallersTest {
    static final ActorTestKit testKit = ActorTestKit.create();

    @AfterAll
    static void cleanup() {
        testKit.shutdownTestKit();
    }

    /** What the callers were told: that this queue stopped. */
    private record Stopped(ActorRef<NotificationQueue.Command> queue) {
    }

    /** A sized queue whose callers tell {@code events}, which also gets every answer, in order. */
    private static ActorRef<NotificationQueue.Command> queue(TestProbe<Object> events) {
        ActorRef<NotificationQueue.Command> q = testKit.spawn(NotificationQueue.create(
                new NotificationPipe(16, 1, FateLog.OFF), NotificationQueue.DEFAULT_DETACH_BOUND,
                new RecordsInTransit(), queue -> events.getRef().tell(new Stopped(queue))));
        q.tell(new NotificationQueue.SetSize(32, PipeLimits.WITHIN, events.getRef().narrow()));
        assertThat(((SysResult) events.receiveMessage()).isOk()).isTrue();
        return q;
    }

    @Test
    void aCrashingQueueAnswersItsParkedReadBeforeItTellsItsCallersOnce() {
        TestProbe<Object> events = testKit.createTestProbe();
        ActorRef<NotificationQueue.Command> q = queue(events);
        q.tell(new NotificationQueue.Read(4096, true, events.getRef().narrow()));
        q.tell(NotificationQueue.Crash.INSTANCE);
        assertThat(((ReadResult) events.receiveMessage()).errno()).as("the parked read, first").isEqualTo(Errno.EBADF);
        assertThat(events.receiveMessage()).isEqualTo(new Stopped(q));
        events.expectNoMessage(Duration.ofMillis(100));
    }

    @Test
    void aDefunctQueueAnswersTheCloseBeforeItTellsItsCallers() {
        TestProbe<Object> events = testKit.createTestProbe();
        ActorRef<NotificationQueue.Command> q = queue(events);
        q.tell(new NotificationQueue.Close(PipeEnd.READ, events.getRef().narrow()));
        q.tell(new NotificationQueue.Close(PipeEnd.WRITE, events.getRef().narrow()));
        assertThat(((SysResult) events.receiveMessage()).value()).isZero();
        assertThat(((SysResult) events.receiveMessage()).value()).as("the close that made it defunct").isEqualTo(1);
        assertThat(events.receiveMessage()).isEqualTo(new Stopped(q));
    }

    @Test
    void aRepeatedReadTheQueueReceivedIsNoLongerOutstanding() {
        TestProbe<Object> events = testKit.createTestProbe();
        ActorRef<NotificationQueue.Command> q = queue(events);
        OutstandingReads reads = new OutstandingReads();
        NotificationQueue.Read read = new NotificationQueue.Read(4096, false, events.getRef().narrow(), reads);
        assertThat(reads.sent()).isTrue();
        q.tell(read);
        assertThat(((ReadResult) events.receiveMessage()).errno()).isEqualTo(Errno.EAGAIN);
        assertThat(reads.counted()).as("received, so answered by the queue").isZero();
        assertThat(reads.sent()).isTrue();   // and this one never reaches it
        q.tell(NotificationQueue.Crash.INSTANCE);
        assertThat(events.receiveMessage()).isEqualTo(new Stopped(q));
        assertThat(reads.queueStopped()).as("the read the queue never received").isEqualTo(1);
        assertThat(reads.takeUnanswered()).as("answered once, by whoever learnt of the end").isFalse();
        assertThat(reads.sent()).as("no read goes to a stopped queue").isFalse();
        assertThat(reads.queueStopped()).isZero();
    }
}
