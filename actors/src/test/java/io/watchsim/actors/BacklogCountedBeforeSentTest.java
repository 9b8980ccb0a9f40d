package io.watchsim.actors;

import io.watchsim.policies.Credentials;
import io.watchsim.policies.PermissiveModule;
import io.watchsim.policies.PolicyEngine;
import io.watchsim.policies.PolicyMetrics;
import io.watchsim.queues.NanoClock;
import io.watchsim.queues.NotificationQueue;
import io.watchsim.queues.RecordsInTransit;
import io.watchsim.queues.SysResult;
import io.watchsim.queues.record.KeyNotify;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;

import static io.watchsim.actors.KernelFixture.key;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A delivery an object sends by message enters the kernel's backlog before it is sent, never after:
 * its receiver may settle it at once, on another thread, and a backlog read in between would then
 * show more settled than handed on (a generator holding back on it, or a check that every delivery
 * was settled once, would see a count from the future). The receiver here, standing in for the
 * queue (direct path) or for the watch (the path through the watch actors), runs on Pekko's calling
 * thread dispatcher: it handles the message inside the object's {@code tell}, so it sees the backlog
 * exactly as the object left it at the moment of sending.
 */
class BacklogCountedBeforeSentTest {
    static final ActorTestKit testKit = ActorTestKit.create();
    static final Credentials ROOT = Credentials.root();
    static final ActorRef<PolicyEngine.Command> POLICY = testKit.spawn(
            PolicyEngine.create(PermissiveModule.INSTANCE, new PolicyMetrics()));
    static final DispatcherSelector IN_THE_SENDERS_TELL = DispatcherSelector.fromConfig(
            "pekko.test.calling-thread-dispatcher");

    @AfterAll
    static void cleanup() {
        testKit.shutdownTestKit();
    }

    /** What the stand-in saw when a delivery reached it: the backlog's totals at that moment. */
    record Seen(String message, long handedOn, long settled) {
    }

    /** Reports every message with the backlog as it stood when the message arrived. */
    private static <T> Behavior<T> standIn(RecordsInTransit transit, ActorRef<Seen> seen) {
        return Behaviors.receiveMessage(m -> {
            seen.tell(new Seen(m.getClass().getSimpleName(), transit.handedOnTotal(), transit.settledTotal()));
            return Behaviors.same();
        });
    }

    @ParameterizedTest
    @EnumSource(DeliveryPath.class)
    void aDeliverySentByMessageIsInTheBacklogWhenItArrives(DeliveryPath path) {
        RecordsInTransit transit = new RecordsInTransit();
        ActorRef<WatchedObject.Command> object = testKit.spawn(SimpleObject.create(key(50, "_"),
                new ObjectContext(new Directory(), KernelHistory.OFF, PlantedFault.NONE, transit, NanoClock.SYSTEM,
                        path)));
        TestProbe<Seen> seen = testKit.createTestProbe();
        ActorRef<NotificationQueue.Command> queue = testKit.spawn(standIn(transit, seen.ref()), "queue-" + path,
                IN_THE_SENDERS_TELL);
        ActorRef<Watch.Command> watch = testKit.spawn(standIn(transit, seen.ref()), "watch-" + path,
                IN_THE_SENDERS_TELL);
        TestProbe<SysResult> added = testKit.createTestProbe();
        POLICY.tell(new PolicyEngine.Submit<>(new WatchedObject.AddWatch(50, 7, queue, 3, ROOT, added.ref()), object));
        assertThat(seen.receiveMessage().message()).isEqualTo("AttachWatch");   // the queue is asked to start it
        object.tell(new WatchedObject.WatchStarted(7, 50, watch));
        assertThat(added.receiveMessage().isOk()).isTrue();

        TestProbe<DeliveryReceipt> receipt = testKit.createTestProbe();
        POLICY.tell(new PolicyEngine.Submit<>(new WatchedObject.Notify(50, KeyNotify.of(KeyNotify.NOTIFY_KEY_UPDATED,
                50, 1), null, receipt.ref()), object));
        Seen one = seen.receiveMessage();
        assertThat(one.message()).isEqualTo(path == DeliveryPath.DIRECT ? "Post" : "Forward");
        assertThat(one.handedOn()).as("the record was counted before it was sent").isEqualTo(1);

        POLICY.tell(new PolicyEngine.Submit<>(new WatchedObject.NotifyBatch(50, List.of(
                KeyNotify.of(KeyNotify.NOTIFY_KEY_UPDATED, 50, 2), KeyNotify.of(KeyNotify.NOTIFY_KEY_UPDATED, 50, 3)),
                null, receipt.ref()), object));
        Seen batch = seen.receiveMessage();
        assertThat(batch.message()).isEqualTo(path == DeliveryPath.DIRECT ? "PostBatch" : "ForwardBatch");
        assertThat(batch.handedOn()).as("both records were counted before they were sent").isEqualTo(3);
        assertThat(batch.settled()).as("no stand-in settles").isZero();
        testKit.stop(object);
    }
}
