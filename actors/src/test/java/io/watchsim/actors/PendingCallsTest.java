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
 * it may when the request meets the object's mailbox being closed) is answered by the object as it
 * stops, as a call to an object that is gone; a call already answered is not answered again; a
 * removal the object had started is answered 0 (it is done), not ENOENT. The lost request is
 * played here by a call registered and never sent.
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
        TestProbe<SysResult> lost = testKit.createTestProbe();
        TestProbe<SysResult> lostAdd = testKit.createTestProbe();
        k.directory().calls().register(ref, new PendingCalls.Call(new WatchedObject.Destroy(lost.ref())));
        k.directory().calls().register(ref, new PendingCalls.Call(
                new WatchedObject.AddWatch(42, 7, null, 1, ROOT, lostAdd.ref())));
        lost.expectNoMessage(Duration.ofMillis(100));
        assertThat(k.crash(42).isOk()).isTrue();
        assertThat(lost.receiveMessage().errno()).isEqualTo(Errno.ENOENT);
        assertThat(lostAdd.receiveMessage().errno()).isEqualTo(Errno.ENOENT);
        assertThat(k.directory().calls().objectsWithCalls()).as("nothing left registered").isZero();
        await(k.stop());
    }

    @Test
    void aCallAlreadyAnsweredIsNotAnsweredAgain() {
        Kernel k = kernel();
        object(k, 42, "_");
        ActorRef<WatchedObject.Command> ref = objectRef(k, 42);
        TestProbe<SysResult> answered = testKit.createTestProbe();
        PendingCalls.Call call = new PendingCalls.Call(new WatchedObject.Destroy(answered.ref()));
        call.answer = CompletableFuture.completedFuture(SysResult.ok());
        k.directory().calls().register(ref, call);
        assertThat(k.crash(42).isOk()).isTrue();
        answered.expectNoMessage(Duration.ofMillis(300));
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
