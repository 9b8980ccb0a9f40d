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
import java.util.ArrayDeque;
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
        assertThat(destroy.calleeGone).as("not while the object lives").isNotDone();
        assertThat(k.crash(42).isOk()).isTrue();
        Object destroyAnswer = await(destroy.calleeGone.thenApply(v -> destroy.goneAnswer()));
        Object addAnswer = await(add.calleeGone.thenApply(v -> add.goneAnswer()));
        assertThat(((SysResult) destroyAnswer).errno()).isEqualTo(Errno.ENOENT);
        assertThat(((SysResult) addAnswer).errno()).isEqualTo(Errno.ENOENT);
        assertThat(k.directory().calls().calleesWithCalls()).as("nothing left registered").isZero();
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
            assertThat(k.directory().calls().calleesWithCalls()).isZero();
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

    /**
     * The callee's own answer comes first even when the caller has not yet handled it as the callee
     * stops (its continuation waits for an executor thread): the order is made here with an executor
     * that runs nothing until told.
     */
    @Test
    void theCalleesOwnAnswerIsKeptWhenItStopsBeforeTheCallerHasHandledIt() {
        ArrayDeque<Runnable> held = new ArrayDeque<>();
        PendingCalls calls = new PendingCalls();
        RegisteredDestroy d = registeredDestroy(calls);
        CompletableFuture<SysResult> asked = new CompletableFuture<>();
        CompletableFuture<SysResult> answer = calls.answer(d.callee(), d.call(), asked, held::add);
        asked.complete(SysResult.ok());   // the callee answers, then stops
        calls.stopped(d.callee());
        assertThat(answer).as("not the gone answer").isNotDone();
        held.forEach(Runnable::run);
        assertThat(answer).isCompletedWithValue(SysResult.ok());
        assertThat(calls.calleesWithCalls()).isZero();
    }

    /** A call its callee never answered is answered as a call to a gone callee as the callee stops. */
    @Test
    void aCallItsCalleeNeverAnsweredIsAnsweredAsOneToAGoneCalleeAsTheCalleeStops() {
        ArrayDeque<Runnable> held = new ArrayDeque<>();
        PendingCalls calls = new PendingCalls();
        RegisteredDestroy d = registeredDestroy(calls);
        CompletableFuture<SysResult> asked = new CompletableFuture<>();
        CompletableFuture<SysResult> answer = calls.answer(d.callee(), d.call(), asked, held::add);
        calls.stopped(d.callee());
        assertThat(answer.join().errno()).isEqualTo(Errno.ENOENT);
        asked.complete(SysResult.ok());   // a late answer (the ask's timeout, say) changes nothing
        held.forEach(Runnable::run);
        assertThat(answer.join().errno()).isEqualTo(Errno.ENOENT);
    }

    /**
     * An ask Pekko failed at once (its callee had already terminated) is no answer of the callee's:
     * told that the callee is gone before the answer is made up, the caller answers it as a call to
     * a gone callee, even on an executor that runs the failed ask's continuation at once.
     */
    @Test
    void anAskFailedAtOnceForItsCalleeHadStoppedIsAnsweredAsOneToAGoneCallee() {
        PendingCalls calls = new PendingCalls();
        RegisteredDestroy d = registeredDestroy(calls);
        CompletableFuture<SysResult> asked = CompletableFuture.failedFuture(
                new java.util.concurrent.TimeoutException("Recipient had already been terminated."));
        d.call().calleeGone.complete(null);   // the caller found it gone
        CompletableFuture<SysResult> answer = calls.answer(d.callee(), d.call(), asked, Runnable::run);
        assertThat(answer.join().errno()).isEqualTo(Errno.ENOENT);
        assertThat(calls.calleesWithCalls()).isZero();
    }

    /** A destroy registered with {@code calls} for a stand-in callee, its answer going nowhere. */
    private record RegisteredDestroy(ActorRef<WatchedObject.Command> callee, PendingCalls.Call call) {
    }

    private static RegisteredDestroy registeredDestroy(PendingCalls calls) {
        ActorRef<WatchedObject.Command> callee = testKit.<WatchedObject.Command>createTestProbe().ref();
        TestProbe<SysResult> never = testKit.createTestProbe();
        PendingCalls.Call call = new PendingCalls.Call(new WatchedObject.Destroy(never.ref()));
        calls.register(callee, call);
        return new RegisteredDestroy(callee, call);
    }
}
