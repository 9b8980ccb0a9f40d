package io.watchsim.actors;

import io.watchsim.policies.Credentials;
import io.watchsim.queues.Errno;
import io.watchsim.queues.SysResult;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import static io.watchsim.actors.KernelFixture.await;
import static io.watchsim.actors.KernelFixture.object;
import static io.watchsim.actors.KernelFixture.sizedQueue;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A call whose request never reached its object (Pekko lost it on the way to the dead letters, as
 * it may when the request meets the object's mailbox being closed) learns, as the object stops, that
 * it is gone, and is answered as a call to a gone object; a call the object answered itself keeps
 * that answer and gets no second one; a removal the object had started is answered 0 (it is done),
 * not ENOENT. The lost request is played here by a call registered and never sent.
 */
class PendingCallsTest {
    static final ActorTestKit testKit = ActorTestKit.create();
    static final Credentials ROOT = Credentials.root();
    static int kernels;

    @AfterAll
    static void cleanup() {
        testKit.shutdownTestKit();
    }

    private static Kernel kernel() {
        return Kernel.start(testKit.system(), "pending-calls-" + (++kernels), KernelSettings.DEFAULT.withHosts(2));
    }

    private static ActorRef<WatchedObject.Command> objectRef(Kernel k, long id) {
        return k.directory().object(id).orElseThrow();
    }

    @Test
    void aCallThatNeverReachedItsObjectIsAnsweredWhenTheObjectStops() {
        Kernel k = kernel();
        object(k, 42, "_");
        ActorRef<WatchedObject.Command> ref = objectRef(k, 42);
        TestProbe<SysResult> never = testKit.createTestProbe();
        PendingCalls.Call destroy = new PendingCalls.Call(new WatchedObject.Destroy(never.ref()));
        PendingCalls.Call add = new PendingCalls.Call(new WatchedObject.AddWatch(42, 7, null, 1, ROOT, never.ref()));
        k.directory().calls().register(ref, destroy);
        k.directory().calls().register(ref, add);
        assertThat(destroy.objectGone).as("not while the object lives").isNotDone();
        assertThat(k.crash(42).isOk()).isTrue();
        Object destroyAnswer = await(destroy.objectGone.thenApply(v -> destroy.goneAnswer()));
        Object addAnswer = await(add.objectGone.thenApply(v -> add.goneAnswer()));
        assertThat(((SysResult) destroyAnswer).errno()).isEqualTo(Errno.ENOENT);
        assertThat(((SysResult) addAnswer).errno()).isEqualTo(Errno.ENOENT);
        assertThat(k.directory().calls().objectsWithCalls()).as("nothing left registered").isZero();
        never.expectNoMessage(Duration.ofMillis(100));   // the caller answers, not the reply address
        await(k.stop());
    }

    /**
     * A destroy the object answers itself is not answered again as the object stops: no second
     * answer goes to the ask's reply address (it would go to the dead letters, and be logged).
     */
    @Test
    void aDestroyAnsweredByItsObjectGetsNoSecondAnswer() {
        Kernel k = kernel();
        TestProbe<org.apache.pekko.actor.DeadLetter> deadLetters = testKit.createTestProbe();
        testKit.system().eventStream().tell(new org.apache.pekko.actor.typed.eventstream.EventStream.Subscribe<>(
                org.apache.pekko.actor.DeadLetter.class, deadLetters.ref()));
        for (int i = 0; i < 20; i++) {
            object(k, 200 + i, "_");
            assertThat(await(k.destroy(200 + i)).isOk()).isTrue();
        }
        deadLetters.awaitAssert(() -> {   // each object stops just after it answered its destroy
            assertThat(k.directory().calls().objectsWithCalls()).isZero();
            return null;
        });
        deadLetters.expectNoMessage(Duration.ofMillis(500));   // a second answer would be one
        await(k.stop());
    }

    @Test
    void aRemovalTheObjectStartedIsAnsweredZeroWhenTheObjectStopsFirst() {
        Kernel k = kernel();
        QueueHandle q = sizedQueue(k, 16);
        // A removal the object starts, then its crash in the same lane: whatever order the watch's report and
        // the crash take, the removal was made (the entry is gone), so it answers 0.
        for (int i = 0; i < 20; i++) {
            long id = 100 + i;
            object(k, id, "_");
            assertThat(await(k.watch(id, q.id(), 1, ROOT)).isOk()).isTrue();
            CompletableFuture<SysResult> remove = k.unwatch(id, q.id(), ROOT).toCompletableFuture();
            k.crash(id);
            SysResult r = await(remove);
            assertThat(r.isOk()).as("round %d: %s", i, r).isTrue();
        }
        await(k.stop());
    }
}
