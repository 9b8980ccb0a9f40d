package io.watchsim.actors;

import io.watchsim.policies.Credentials;
import io.watchsim.queues.NotificationQueue;
import io.watchsim.queues.SysResult;
import io.watchsim.queues.record.KeyNotify;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;

import static io.watchsim.actors.KernelFixture.key;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The object's side of setting a watch, with a probe standing in for the queue: the object asks
 * the queue to start the watch, waits for the watch to report, and holds everything else back
 * meanwhile; if the queue ends first, the add is answered 0 and nothing is added (Linux's add to
 * a defunct queue).
 */
@ExtendWith(LogCapturingExtension.class)
class WatchAddProtocolTest {
    static final ActorTestKit testKit = ActorTestKit.create();
    static final Credentials ROOT = Credentials.root();

    @AfterAll
    static void cleanup() {
        testKit.shutdownTestKit();
    }

    private static ActorRef<WatchedObject.Command> object(long id) {
        return testKit.spawn(SimpleObject.create(key(id, "_"), new ObjectContext(new Directory())));
    }

    private static WatchedObject.AddWatch add(long id, long queueId, TestProbe<NotificationQueue.Command> queue,
                                              ActorRef<SysResult> replyTo) {
        return new WatchedObject.AddWatch(id, queueId, queue.ref(), 3, ROOT, replyTo, null);
    }

    @Test
    void theObjectAsksTheQueueToStartAWatchBoundToBoth() {
        ActorRef<WatchedObject.Command> obj = object(42);
        TestProbe<NotificationQueue.Command> queue = testKit.createTestProbe();
        TestProbe<SysResult> reply = testKit.createTestProbe();
        obj.tell(add(42, 7, queue, reply.ref()));
        NotificationQueue.AttachWatch attach = queue.expectMessageClass(NotificationQueue.AttachWatch.class);
        Watch.Binding b = (Watch.Binding) attach.watch();
        assertThat(b.object()).isEqualTo(obj);
        assertThat(b.queue()).isEqualTo(queue.ref());
        assertThat(List.of(b.queueId(), b.watchId(), b.removalId(), (long) b.tag())).containsExactly(7L, 42L, 42L, 3L);
        assertThat(b.setter()).isEqualTo(ROOT);
        reply.expectNoMessage();
    }

    @Test
    void anAddWhoseQueueEndsBeforeTheWatchReportsIsAnsweredAndAddsNothing() {
        ActorRef<WatchedObject.Command> obj = object(43);
        TestProbe<NotificationQueue.Command> queue = testKit.createTestProbe();
        TestProbe<SysResult> reply = testKit.createTestProbe();
        obj.tell(add(43, 7, queue, reply.ref()));
        queue.expectMessageClass(NotificationQueue.AttachWatch.class);
        TestProbe<List<WatchedObject.WatchInfo>> listing = testKit.createTestProbe();
        obj.tell(new WatchedObject.GetWatches(listing.ref()));
        listing.expectNoMessage();   // held back while the add is pending
        queue.stop();
        assertThat(reply.receiveMessage().isOk()).isTrue();
        assertThat(listing.receiveMessage()).as("the held-back request runs after the add").isEmpty();
    }

    @Test
    void whileAnAddIsPendingEventsWaitAndThenReachTheNewWatch() {
        ActorRef<WatchedObject.Command> obj = object(44);
        TestProbe<NotificationQueue.Command> queue = testKit.createTestProbe();
        TestProbe<SysResult> reply = testKit.createTestProbe();
        obj.tell(add(44, 7, queue, reply.ref()));
        queue.expectMessageClass(NotificationQueue.AttachWatch.class);
        obj.tell(new WatchedObject.Deliver(44, KeyNotify.of(KeyNotify.NOTIFY_KEY_UPDATED, 44, 0), null, null, null));
        TestProbe<Watch.Command> watch = testKit.createTestProbe();
        obj.tell(new WatchedObject.WatchStarted(7, 44, watch.ref()));
        assertThat(reply.receiveMessage().isOk()).isTrue();
        assertThat(watch.expectMessageClass(Watch.Forward.class).record().subtype())
                .isEqualTo(KeyNotify.NOTIFY_KEY_UPDATED);
        queue.stop();   // no longer watched once the watch reported: nothing else happens
        TestProbe<List<WatchedObject.WatchInfo>> listing = testKit.createTestProbe();
        obj.tell(new WatchedObject.GetWatches(listing.ref()));
        assertThat(listing.receiveMessage()).extracting(WatchedObject.WatchInfo::queueId).containsExactly(7L);
    }

    @Test
    void anObjectThatStopsTellsEachWatchItIsGone() {
        ActorRef<WatchedObject.Command> obj = object(45);
        TestProbe<NotificationQueue.Command> queue = testKit.createTestProbe();
        TestProbe<SysResult> reply = testKit.createTestProbe();
        obj.tell(add(45, 7, queue, reply.ref()));
        queue.expectMessageClass(NotificationQueue.AttachWatch.class);
        TestProbe<Watch.Command> watch = testKit.createTestProbe();
        obj.tell(new WatchedObject.WatchStarted(7, 45, watch.ref()));
        reply.receiveMessage();
        testKit.stop(obj);
        watch.expectMessage(Watch.ObjectGone.INSTANCE);
        watch.expectNoMessage();
    }
}
