package io.watchsim.actors;

import io.watchsim.queues.NotificationQueue;
import io.watchsim.queues.PostCheck;
import io.watchsim.queues.Provenance;
import io.watchsim.queues.record.KeyNotify;
import io.watchsim.queues.record.MetaNotify;
import io.watchsim.queues.record.Notification;
import io.watchsim.policies.Credentials;
import io.watchsim.policies.PermissiveModule;
import io.watchsim.policies.PolicyMetrics;
import io.watchsim.policies.PolicySnapshot;
import org.apache.pekko.actor.DeadLetter;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.eventstream.EventStream;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The kernel's backlog settles the records a dead letter carried (a fire-and-forget post sent to an
 * object, or a record sent to a watch or a queue, that had stopped), by what each message holds, and
 * nothing else: removal records, posts that wait for their fan-out and other messages are not in
 * the backlog.
 */
class KernelBacklogTest {
    static final ActorTestKit testKit = ActorTestKit.create();

    @AfterAll
    static void cleanup() {
        testKit.shutdownTestKit();
    }

    static Provenance post(long sequence) {
        return new Provenance(42, 42, sequence, 0);
    }

    @Test
    void aDeadLetterSettlesTheDeliveriesItCarried() {
        Kernel k = Kernel.start(testKit.system(), "backlog-kernel", KernelSettings.DEFAULT.withHosts(1));
        try {
            Notification r = KeyNotify.of(1, 42, 0);
            k.recordsInTransit().handedOn(100);

            assertThat(k.settleLost(new Watch.Forward(r, post(1), null, null, null))).isEqualTo(1);
            assertThat(k.settleLost(new Watch.ForwardBatch(List.of(r, r, r), List.of(post(2), post(3), post(4)),
                    null, null, null))).isEqualTo(3);
            assertThat(k.settleLost(new NotificationQueue.Post(r, 1, PostCheck.NONE, post(5)))).isEqualTo(1);
            assertThat(k.settleLost(new NotificationQueue.PostBatch(List.of(r, r), 1, PostCheck.NONE,
                    List.of(post(6), post(7))))).isEqualTo(2);
            Provenance gone = new Provenance(42, 42, Provenance.REMOVAL, 0);
            assertThat(k.settleLost(new NotificationQueue.PostEach(List.of(
                    new NotificationQueue.Post(r, 1, PostCheck.NONE, post(8)),
                    new NotificationQueue.Post(r, 2, PostCheck.NONE, post(9)),
                    new NotificationQueue.Post(MetaNotify.removal(42), 1, PostCheck.NONE, gone)))))
                    .as("an object's posts to several watches of one queue, its removal record not counted")
                    .isEqualTo(2);
            assertThat(k.recordsInTransit().count()).isEqualTo(100 - 9);

            Provenance removal = new Provenance(42, 42, Provenance.REMOVAL, 0);
            assertThat(k.settleLost(new NotificationQueue.Post(MetaNotify.removal(42), 1, PostCheck.NONE, removal)))
                    .as("a removal record is the watch's, never in the backlog").isZero();
            assertThat(k.settleLost(new NotificationQueue.Post(r, 1))).as("a record with no provenance").isZero();
            assertThat(k.settleLost("something else")).isZero();
            assertThat(k.recordsInTransit().count()).isEqualTo(91);

            PolicySnapshot snapshot = new PolicySnapshot(1, PermissiveModule.INSTANCE, new PolicyMetrics());
            assertThat(k.settleLost(new WatchedObject.Deliver(42, r, null, snapshot, null, true)))
                    .as("a fire-and-forget post whose object had stopped").isEqualTo(1);
            assertThat(k.settleLost(new WatchedObject.DeliverBatch(42, List.of(r, r), null, snapshot, null, true)))
                    .isEqualTo(2);
            assertThat(k.settleLost(new WatchedObject.Deliver(42, r, null, snapshot, null, false)))
                    .as("a post that waits for its fan-out is not in the backlog").isZero();
            assertThat(k.recordsInTransit().count()).isEqualTo(88);
        } finally {
            k.stop();
        }
    }

    /**
     * Fire-and-forget posts race the crash of their object, many rounds under each dispatcher setting:
     * each is counted once and settled once, by its object posting it, by the object's stop (a post
     * held in its stash) or by a dead letter, so once the kernel is quiet the backlog is empty.
     */
    @ParameterizedTest
    @EnumSource(DispatcherSettings.class)
    void postsRacingTheirObjectsCrashLeaveNoBacklog(DispatcherSettings setting) {
        ActorTestKit kit = ActorTestKit.create("backlog-crash-" + setting.label(),
                setting.config().withFallback(com.typesafe.config.ConfigFactory.load()));
        try {
            AtomicReference<Kernel> current = new AtomicReference<>();
            ActorRef<DeadLetter> lost = kit.spawn(Behaviors.receiveMessage(d -> {
                Kernel kernel = current.get();
                if (kernel != null) {
                    kernel.settleLost(d.message());
                }
                return Behaviors.same();
            }));
            kit.system().eventStream().tell(new EventStream.Subscribe<>(DeadLetter.class, lost));
            TestProbe<Void> probe = kit.createTestProbe();
            for (int round = 0; round < 20; round++) {
                Kernel k = Kernel.start(kit.system(), "kernel-" + round, KernelSettings.DEFAULT.withHosts(2));
                current.set(k);
                QueueHandle q = KernelFixture.sizedQueue(k, 32);
                KernelFixture.object(k, 42, "_");
                assertThat(KernelFixture.await(k.watch(42, q.id(), 1, Credentials.root())).isOk()).isTrue();
                EventSource source = k.eventSource(42, Credentials.root()).orElseThrow();
                for (int i = 0; i < 200; i++) {
                    if (i == 100 + round * 3) {
                        k.crash(42);
                    }
                    if (i % 2 == 0) {
                        k.post(42, KeyNotify.of(1, 42, i), Credentials.root());
                    } else {
                        source.post(List.of(KeyNotify.of(1, 42, i), KeyNotify.of(1, 42, -i)));
                    }
                }
                int r = round;
                probe.awaitAssert(java.time.Duration.ofSeconds(10), () -> {
                    assertThat(k.recordsInTransit().count()).as("round %d: backlog once quiet", r).isZero();
                    return null;
                });
                assertThat(k.recordsInTransit().handedOnTotal()).as("round %d: posts counted", r)
                        .isLessThanOrEqualTo(300).isGreaterThan(0);
                assertThat(k.recordsInTransit().settledTotal()).isEqualTo(k.recordsInTransit().handedOnTotal());
                KernelFixture.await(k.stop());
            }
        } finally {
            kit.shutdownTestKit();
        }
    }
}
