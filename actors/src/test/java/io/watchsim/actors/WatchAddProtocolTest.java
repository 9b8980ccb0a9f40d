package io.watchsim.actors;

import io.watchsim.policies.Credentials;
import io.watchsim.policies.PermissiveModule;
import io.watchsim.policies.PolicyEngine;
import io.watchsim.policies.PolicyMetrics;
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
 * meanwhile; if the queue ends first, the add fails with ENOENT and nothing is added (Linux's add
 * to a defunct queue).
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
        return testKit.spawn(SimpleObject.create(key(id, "_"), new ObjectContext(new Directory(), KernelHistory.OFF)));
    }

    /** The policy actor that stamps the adds and events of these tests (permissive). */
    static final ActorRef<PolicyEngine.Command> POLICY = testKit.spawn(
            PolicyEngine.create(PermissiveModule.INSTANCE, new PolicyMetrics()));

    /** An add as the kernel submits it: through the policy actor, which stamps it. */
    private static void add(ActorRef<WatchedObject.Command> object, long id, long queueId,
                            TestProbe<NotificationQueue.Command> queue, ActorRef<SysResult> replyTo) {
        POLICY.tell(new PolicyEngine.Submit<>(new WatchedObject.AddWatch(id, queueId, queue.ref(), 3, ROOT, replyTo),
                object));
    }

    /** An object with an add pending on a probe queue: the add has reached the queue, unanswered. */
    private record Pending(ActorRef<WatchedObject.Command> object, TestProbe<NotificationQueue.Command> queue,
                           TestProbe<SysResult> reply, NotificationQueue.AttachWatch attach) {
        static Pending of(long id) {
            ActorRef<WatchedObject.Command> obj = WatchAddProtocolTest.object(id);
            TestProbe<NotificationQueue.Command> queue = testKit.createTestProbe();
            TestProbe<SysResult> reply = testKit.createTestProbe();
            add(obj, id, 7, queue, reply.ref());
            return new Pending(obj, queue, reply, queue.expectMessageClass(NotificationQueue.AttachWatch.class));
        }

        /** The watch reports that it has started; returns the probe standing in for it. */
        TestProbe<Watch.Command> started(long id) {
            TestProbe<Watch.Command> watch = testKit.createTestProbe();
            object.tell(new WatchedObject.WatchStarted(7, id, watch.ref()));
            return watch;
        }
    }

    @Test
    void theObjectAsksTheQueueToStartAWatchBoundToBoth() {
        Pending p = Pending.of(42);
        Watch.Binding b = (Watch.Binding) p.attach().watch();
        assertThat(b.object()).isEqualTo(p.object());
        assertThat(b.queue()).isEqualTo(p.queue().ref());
        assertThat(List.of(b.queueId(), b.watchId(), b.removalId(), (long) b.tag())).containsExactly(7L, 42L, 42L, 3L);
        assertThat(b.setter()).isEqualTo(ROOT);
        p.reply().expectNoMessage();
    }

    @Test
    void anAddWhoseQueueEndsBeforeTheWatchReportsFailsWithEnoentAndAddsNothing() {
        Pending p = Pending.of(43);
        TestProbe<List<WatchedObject.WatchInfo>> listing = testKit.createTestProbe();
        p.object().tell(new WatchedObject.GetWatches(listing.ref()));
        listing.expectNoMessage();   // held back while the add is pending
        p.queue().stop();
        assertThat(p.reply().receiveMessage().errno()).isEqualTo(io.watchsim.queues.Errno.ENOENT);
        assertThat(listing.receiveMessage()).as("the held-back request runs after the add").isEmpty();
    }

    /** The event waits for the add, then the object posts it to the new watch's queue itself, with its tag. */
    @Test
    void whileAnAddIsPendingEventsWaitAndThenReachTheNewWatchsQueue() {
        Pending p = Pending.of(44);
        POLICY.tell(new PolicyEngine.Submit<>(new WatchedObject.Notify(44, KeyNotify.of(KeyNotify.NOTIFY_KEY_UPDATED,
                44, 0), null, null), p.object()));
        TestProbe<Watch.Command> watch = p.started(44);
        assertThat(p.reply().receiveMessage().isOk()).isTrue();
        NotificationQueue.Post post = p.queue().expectMessageClass(NotificationQueue.Post.class);
        assertThat(post.record().subtype()).isEqualTo(KeyNotify.NOTIFY_KEY_UPDATED);
        assertThat(post.tag()).isEqualTo(3);
        assertThat(post.check()).isInstanceOf(PostAuthorization.class);
        watch.expectNoMessage();   // the watch carries no record on the direct path
        p.queue().stop();   // no longer watched once the watch reported: nothing else happens
        TestProbe<List<WatchedObject.WatchInfo>> listing = testKit.createTestProbe();
        p.object().tell(new WatchedObject.GetWatches(listing.ref()));
        assertThat(listing.receiveMessage()).extracting(WatchedObject.WatchInfo::queueId).containsExactly(7L);
    }

    /**
     * One operation's posts to two watch ids of one object (a mount walk passing two watched
     * directories of one mount), both watched by one queue: the queue gets both records in one
     * message, in the operation's order, each with its watch's tag; the receipt counts both.
     */
    @Test
    void severalPostsOfOneOperationReachAQueueThatSeveralWatchesFeedInOneMessage() {
        Pending p = Pending.of(48);
        p.started(48);
        assertThat(p.reply().receiveMessage().isOk()).isTrue();
        POLICY.tell(new PolicyEngine.Submit<>(new WatchedObject.AddWatch(1048, 7, p.queue().ref(), 9, ROOT,
                p.reply().ref()), p.object()));
        p.queue().expectMessageClass(NotificationQueue.AttachWatch.class);
        p.object().tell(new WatchedObject.WatchStarted(7, 1048, testKit.<Watch.Command>createTestProbe().ref()));
        assertThat(p.reply().receiveMessage().isOk()).isTrue();

        TestProbe<DeliveryReceipt> receipt = testKit.createTestProbe();
        POLICY.tell(new PolicyEngine.Submit<>(new WatchedObject.NotifyEvents(List.of(
                new ObjectEvent(48, 48, List.of(KeyNotify.of(KeyNotify.NOTIFY_KEY_UPDATED, 48, 1))),
                new ObjectEvent(48, 1048, List.of(KeyNotify.of(KeyNotify.NOTIFY_KEY_LINKED, 48, 2)))),
                null, receipt.ref()), p.object()));
        NotificationQueue.PostEach each = p.queue().expectMessageClass(NotificationQueue.PostEach.class);
        assertThat(each.posts()).extracting(post -> post.record().subtype())
                .containsExactly(KeyNotify.NOTIFY_KEY_UPDATED, KeyNotify.NOTIFY_KEY_LINKED);
        assertThat(each.posts()).extracting(NotificationQueue.Post::tag).containsExactly(3, 9);
        assertThat(receipt.receiveMessage()).isEqualTo(new DeliveryReceipt.Fanout(48, 2, List.of()));
        p.queue().expectNoMessage();
    }

    /**
     * The object posts each watch's removal record itself, behind every record it posted to that
     * queue, then tells the watch to end.
     */
    @Test
    void anObjectThatStopsPostsEachWatchsRemovalRecordAndTellsTheWatchItIsGone() {
        Pending p = Pending.of(45);
        TestProbe<Watch.Command> watch = p.started(45);
        p.reply().receiveMessage();
        testKit.stop(p.object());
        NotificationQueue.Post removal = p.queue().expectMessageClass(NotificationQueue.Post.class);
        assertThat(io.watchsim.queues.record.MetaNotify.removalId(removal.record())).isEqualTo(45);
        assertThat(removal.tag()).isEqualTo(3);
        watch.expectMessage(Watch.ObjectGone.INSTANCE);
        watch.expectNoMessage();
    }

    @Test
    void requestsHeldBackWhileAnAddIsPendingAreAnsweredWhenTheObjectStopsMeanwhile() {
        Pending p = Pending.of(46);
        TestProbe<List<WatchedObject.WatchInfo>> listing = testKit.createTestProbe();
        TestProbe<SysResult> removal = testKit.createTestProbe();
        p.object().tell(new WatchedObject.GetWatches(listing.ref()));
        p.object().tell(new WatchedObject.RemoveWatch(46, 9, true, ROOT, removal.ref()));
        listing.expectNoMessage();   // held back while the add is pending
        testKit.stop(p.object());
        assertThat(p.reply().receiveMessage().errno()).isEqualTo(io.watchsim.queues.Errno.ENOENT);
        assertThat(listing.receiveMessage()).as("answered as for an object that is gone").isEmpty();
        assertThat(removal.receiveMessage().errno()).isEqualTo(io.watchsim.queues.Errno.ENOENT);
    }

    @Test
    void requestsHeldBehindACrashAreAnsweredWhenItFiresAsTheAddEnds() {
        Pending p = Pending.of(47);
        TestProbe<List<WatchedObject.WatchInfo>> before = testKit.createTestProbe();
        TestProbe<List<WatchedObject.WatchInfo>> after = testKit.createTestProbe();
        p.object().tell(new WatchedObject.GetWatches(before.ref()));
        p.object().tell(WatchedObject.Crash.INSTANCE);
        p.object().tell(new WatchedObject.GetWatches(after.ref()));
        p.started(47);   // the add ends: the held-back requests run in order, and the crash fires among them
        assertThat(p.reply().receiveMessage().isOk()).isTrue();
        assertThat(before.receiveMessage()).extracting(WatchedObject.WatchInfo::queueId).containsExactly(7L);
        assertThat(after.receiveMessage()).as("answered, as for an object that is gone").isEmpty();
    }
}
