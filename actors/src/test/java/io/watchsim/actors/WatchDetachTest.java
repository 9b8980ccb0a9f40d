package io.watchsim.actors;

import io.watchsim.policies.Credentials;
import io.watchsim.queues.NotificationQueue;
import io.watchsim.queues.record.KeyNotify;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A watch's side of its queue's end, with probes standing in for its object and queue: it asks
 * the object to drop it, keeps handing records on (and acknowledging them) until the object
 * answers, then stops; stopped before the answer, it tells the object once more.
 */
@ExtendWith(LogCapturingExtension.class)
class WatchDetachTest {
    static final ActorTestKit testKit = ActorTestKit.create();

    @AfterAll
    static void cleanup() {
        testKit.shutdownTestKit();
    }

    private record Fixture(TestProbe<WatchedObject.Command> object, TestProbe<NotificationQueue.Command> queue,
                           ActorRef<Watch.Command> watch) {
        /** A watch on the direct path: its object posts its records and its removal record. */
        static Fixture start() {
            return start(WatchContext.PLAIN);
        }

        /** A watch on the earlier path through the watch actors: it posts records and its removal record. */
        static Fixture startViaWatch() {
            return start(new WatchContext(KernelHistory.OFF, PlantedFault.NONE, io.watchsim.queues.NanoClock.SYSTEM,
                    DeliveryPath.VIA_WATCH));
        }

        static Fixture start(WatchContext context) {
            TestProbe<WatchedObject.Command> object = testKit.createTestProbe();
            TestProbe<NotificationQueue.Command> queue = testKit.createTestProbe();
            ActorRef<Watch.Command> watch = testKit.spawn(Watch.create(new Watch.Binding(object.ref(), queue.ref(),
                    7, 42, 42, 42, 3, Credentials.root(), context)));
            object.expectMessageClass(WatchedObject.WatchStarted.class);
            return new Fixture(object, queue, watch);
        }
    }

    @Test
    void anEndingWatchAsksItsObjectToDropItAndStopsWhenTheObjectHas() {
        Fixture f = Fixture.startViaWatch();
        f.watch().tell(Watch.QueueEnding.INSTANCE);
        WatchedObject.WatchDetached detached = f.object().expectMessageClass(WatchedObject.WatchDetached.class);
        assertThat(detached).isEqualTo(new WatchedObject.WatchDetached(7, 42, f.watch(), true));
        TestProbe<DeliveryReceipt> receipts = testKit.createTestProbe();
        f.watch().tell(new Watch.Forward(KeyNotify.of(KeyNotify.NOTIFY_KEY_UPDATED, 42, 0), null, null, null, receipts.ref()));
        f.queue().expectMessageClass(NotificationQueue.Post.class);
        assertThat(receipts.receiveMessage()).as("still acknowledged while detaching")
                .isEqualTo(new DeliveryReceipt.Forwarded(f.watch()));
        f.watch().tell(Watch.DetachAck.INSTANCE);
        f.object().expectTerminated(f.watch());
        f.object().expectNoMessage();
    }

    @Test
    void aWatchStoppedBeforeItsObjectAnsweredTellsItAgain() {
        Fixture f = Fixture.start();
        f.watch().tell(Watch.QueueEnding.INSTANCE);
        f.object().expectMessageClass(WatchedObject.WatchDetached.class);
        testKit.stop(f.watch());
        assertThat(f.object().expectMessageClass(WatchedObject.WatchDetached.class).acknowledge())
                .as("the watch has stopped: no answer awaited").isFalse();
    }

    @Test
    void aWatchWhoseObjectWentWhileItDetachedTellsNobody() {
        Fixture f = Fixture.startViaWatch();
        f.watch().tell(Watch.QueueEnding.INSTANCE);
        f.object().expectMessageClass(WatchedObject.WatchDetached.class);
        f.watch().tell(Watch.ObjectGone.INSTANCE);
        f.queue().expectMessageClass(NotificationQueue.Post.class);   // its removal record, dropped by the defunct queue
        f.object().expectTerminated(f.watch());
        f.object().expectNoMessage();
    }

    /** On the direct path the object has posted the removal record already: the watch only stops. */
    @Test
    void onTheDirectPathAWatchWhoseObjectWentPostsNothingAndStops() {
        Fixture f = Fixture.start();
        f.watch().tell(Watch.ObjectGone.INSTANCE);
        f.object().expectTerminated(f.watch());
        f.queue().expectNoMessage();
        f.object().expectNoMessage();
    }

    /** Removed explicitly on the direct path: no record from the watch, which reports the removal and stops. */
    @Test
    void onTheDirectPathARemovedWatchReportsAndStopsWithoutPosting() {
        Fixture f = Fixture.start();
        TestProbe<io.watchsim.queues.SysResult> reply = testKit.createTestProbe();
        f.watch().tell(new Watch.Remove(42, reply.ref()));
        assertThat(f.object().expectMessageClass(WatchedObject.WatchRemoved.class).watch()).isEqualTo(f.watch());
        f.object().expectTerminated(f.watch());
        f.queue().expectNoMessage();
    }
}
