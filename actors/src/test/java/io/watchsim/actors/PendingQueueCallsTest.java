package io.watchsim.actors;

import io.watchsim.queues.Errno;
import io.watchsim.queues.ErrnoException;
import io.watchsim.queues.FateLog;
import io.watchsim.queues.NotificationPipe;
import io.watchsim.queues.NotificationQueue;
import io.watchsim.queues.PipeEnd;
import io.watchsim.queues.QueueCallers;
import io.watchsim.queues.QueueStatus;
import io.watchsim.queues.SysResult;
import io.watchsim.queues.record.KeyNotify;
import io.watchsim.queues.record.Notification;
import io.watchsim.queues.ring.PipeLimits;
import io.watchsim.queues.ring.QueueStatistics;
import io.watchsim.queues.ring.ReadResult;
import org.apache.pekko.actor.DeadLetter;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.stream.javadsl.Sink;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static io.watchsim.actors.KernelFixture.await;
import static io.watchsim.actors.KernelFixture.sizedQueue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every call to a queue is answered, even one whose request never reached the queue (Pekko lost it
 * on its way to the dead letters, as it may when the request meets the queue's mailbox being
 * closed): as the queue stops it tells the kernel, which answers each call still registered for it
 * as a call to a gone queue (EBADF; nothing for a query of its state); a call the queue answered
 * itself keeps that answer and gets no second one. Each read of a repeated read is answered once as
 * well: by the queue if it received it, else by the kernel as the queue stops (the dead letters
 * then leave it alone), and at once after that. The lost request is played by a call registered and
 * never sent, a read counted and never sent, or a stand-in queue that loses every request.
 */
@ExtendWith(LogCapturingExtension.class)
class PendingQueueCallsTest {
    static final ActorTestKit testKit = ActorTestKit.create();
    static int kernels;

    @AfterAll
    static void cleanup() {
        testKit.shutdownTestKit();
    }

    private static Kernel kernel() {
        return Kernel.start(testKit.system(), "pending-queue-calls-" + (++kernels),
                KernelSettings.DEFAULT.withHosts(2));
    }

    /**
     * A probe of the dead letters, subscribed before this returns (through the classic event stream,
     * as {@link DeadLetterAnswers} is: the typed one subscribes asynchronously).
     */
    private static TestProbe<DeadLetter> deadLetters() {
        TestProbe<DeadLetter> probe = testKit.createTestProbe();
        testKit.system().classicSystem().eventStream().subscribe(Adapter.toClassic(probe.ref()), DeadLetter.class);
        return probe;
    }

    /** How a queue stops: both ends closed (defunct), or a crash. */
    enum QueueEnd {
        CLOSED {
            @Override
            void stop(Kernel k, QueueHandle q) {
                assertThat(await(k.closeQueue(q.id())).isOk()).isTrue();
            }
        },
        CRASHED {
            @Override
            void stop(Kernel k, QueueHandle q) {
                assertThat(k.crashQueue(q.id()).isOk()).isTrue();
            }
        };

        abstract void stop(Kernel k, QueueHandle q);
    }

    @ParameterizedTest
    @EnumSource(QueueEnd.class)
    void callsThatNeverReachedTheirQueueAreAnsweredAsCallsToAGoneQueueWhenItStops(QueueEnd end) {
        Kernel k = kernel();
        QueueHandle q = sizedQueue(k, 16);
        TestProbe<Object> never = testKit.createTestProbe();
        List<PendingCalls.Call> calls = List.of(
                new PendingCalls.Call(new NotificationQueue.SetSize(32, PipeLimits.WITHIN, never.ref().narrow())),
                new PendingCalls.Call(new NotificationQueue.SetFilter(null, never.ref().narrow())),
                new PendingCalls.Call(new NotificationQueue.Close(PipeEnd.READ, never.ref().narrow())),
                new PendingCalls.Call(new NotificationQueue.Read(4096, false, never.ref().narrow())),
                new PendingCalls.Call(new NotificationQueue.GetStatus(never.ref().narrow())),
                new PendingCalls.Call(new NotificationQueue.GetStatistics(never.ref().narrow())));
        calls.forEach(c -> k.directory().calls().register(q.ref(), c));
        assertThat(calls.get(0).calleeGone).as("not while the queue lives").isNotDone();
        end.stop(k, q);
        calls.forEach(c -> await(c.calleeGone));
        assertThat(((SysResult) calls.get(0).goneAnswer()).errno()).isEqualTo(Errno.EBADF);
        assertThat(((SysResult) calls.get(1).goneAnswer()).errno()).isEqualTo(Errno.EBADF);
        assertThat(((SysResult) calls.get(2).goneAnswer()).errno()).isEqualTo(Errno.EBADF);
        assertThat(((ReadResult) calls.get(3).goneAnswer()).errno()).isEqualTo(Errno.EBADF);
        assertThat(calls.get(4).goneAnswer()).as("a query: nothing to tell").isNull();
        assertThat(calls.get(5).goneAnswer()).isNull();
        assertThat(k.directory().calls().calleesWithCalls()).as("nothing left registered").isZero();
        never.expectNoMessage(Duration.ofMillis(100));   // the caller answers, not the reply address
        await(k.stop());
    }

    /**
     * A stand-in queue that loses every request it is sent, and, as a queue does, tells the kernel's
     * callers at the end of its PostStop that it stopped; a crash stops it.
     */
    private static Behavior<NotificationQueue.Command> losingQueue(QueueCallers callers, ActorRef<Object> lost) {
        return Behaviors.setup(ctx -> Behaviors.receive(NotificationQueue.Command.class)
                .onMessageEquals(NotificationQueue.Crash.INSTANCE, Behaviors::stopped)
                .onAnyMessage(m -> {
                    lost.tell(m);
                    return Behaviors.same();
                })
                .onSignal(PostStop.class, s -> {
                    callers.queueStopped(ctx.getSelf());
                    return Behaviors.same();
                })
                .build());
    }

    @Test
    void eachQueueCallOfTheKernelIsAnsweredWhenItsRequestIsLostAndTheQueueStops() {
        Kernel k = kernel();
        TestProbe<Object> lost = testKit.createTestProbe();
        ActorRef<NotificationQueue.Command> losing = testKit.spawn(losingQueue(k.directory().calls(), lost.ref()));
        NotificationPipe pipe = new NotificationPipe(16, 900, FateLog.OFF);
        pipe.attach(losing);
        k.directory().putQueue(900, pipe);
        TestProbe<ReadResult> reader = testKit.createTestProbe();
        RepeatedRead repeated = k.repeatedRead(900, 4096, reader.ref()).orElseThrow();

        CompletableFuture<SysResult> size = k.setQueueSize(900, 32).toCompletableFuture();
        CompletableFuture<SysResult> filter = k.setFilter(900, null).toCompletableFuture();
        CompletableFuture<SysResult> close = k.closeQueueEnd(900, PipeEnd.READ).toCompletableFuture();
        CompletableFuture<ReadResult> read = k.readQueue(900, 4096).toCompletableFuture();
        CompletableFuture<Optional<QueueStatus>> status = k.queueStatus(900).toCompletableFuture();
        CompletableFuture<Optional<QueueStatistics>> statistics = k.queueStatistics(900).toCompletableFuture();
        repeated.next();
        for (int i = 0; i < 7; i++) {
            lost.receiveMessage();   // every request reached the stand-in, which answers none
        }
        assertThat(List.of(size, filter, close, read, status, statistics)).allMatch(c -> !c.isDone());
        reader.expectNoMessage(Duration.ofMillis(50));

        losing.tell(NotificationQueue.Crash.INSTANCE);
        assertThat(await(size).errno()).isEqualTo(Errno.EBADF);
        assertThat(await(filter).errno()).isEqualTo(Errno.EBADF);
        assertThat(await(close).errno()).isEqualTo(Errno.EBADF);
        assertThat(await(read).errno()).isEqualTo(Errno.EBADF);
        assertThat(await(status)).as("a query of a gone queue").isEmpty();
        assertThat(await(statistics)).isEmpty();
        assertThat(reader.receiveMessage().errno()).as("the repeated read, once").isEqualTo(Errno.EBADF);
        reader.expectNoMessage(Duration.ofMillis(100));
        repeated.next();
        assertThat(reader.receiveMessage().errno()).as("a read after the end, at once").isEqualTo(Errno.EBADF);
        lost.expectNoMessage(Duration.ofMillis(50));
        assertThat(k.directory().calls().calleesWithCalls()).as("nothing left registered").isZero();
        await(k.stop());
    }

    @ParameterizedTest
    @EnumSource(QueueEnd.class)
    void aRepeatedReadLostOnItsWayIsAnsweredOnceWhenItsQueueStops(QueueEnd end) {
        Kernel k = kernel();
        QueueHandle q = sizedQueue(k, 16);
        TestProbe<ReadResult> reader = testKit.createTestProbe();
        RepeatedRead repeated = k.repeatedRead(q.id(), 4096, reader.ref()).orElseThrow();
        assertLostReadAnsweredOnceAsItsQueueStops(k, q, end, repeated, reader);
        await(k.stop());
    }

    /**
     * Loses a read of {@code repeated} (counted, never sent), stops the queue {@code end}'s way, and
     * checks that the reader gets EBADF once for it, then EBADF at once for a read after the end.
     */
    private static void assertLostReadAnsweredOnceAsItsQueueStops(Kernel k, QueueHandle q, QueueEnd end,
                                                                 RepeatedRead repeated, TestProbe<ReadResult> reader) {
        assertThat(repeated.request().outstanding().sent()).isTrue();   // counted, never sent: lost
        end.stop(k, q);
        assertThat(reader.receiveMessage().errno()).isEqualTo(Errno.EBADF);
        reader.expectNoMessage(Duration.ofMillis(100));
        repeated.next();
        assertThat(reader.receiveMessage().errno()).as("a read after the end, at once").isEqualTo(Errno.EBADF);
        reader.expectNoMessage(Duration.ofMillis(100));
    }

    /**
     * A reader that changes its buffer (the runner's shrink fault) keeps one registration: its reads
     * read with the new buffer, and a read lost on its way is answered once when the queue stops.
     */
    @ParameterizedTest
    @EnumSource(QueueEnd.class)
    void aRepeatedReadWithANewBufferStaysOneRegistrationAndIsAnsweredOnce(QueueEnd end) {
        Kernel k = kernel();
        QueueHandle q = sizedQueue(k, 16);
        TestProbe<ReadResult> reader = testKit.createTestProbe();
        RepeatedRead repeated = k.repeatedRead(q.id(), 4096, reader.ref()).orElseThrow();
        for (int key = 42; key <= 44; key++) {
            assertThat(k.postToQueue(q.id(), KeyNotify.of(KeyNotify.NOTIFY_KEY_UPDATED, key, 1), 1).isOk()).isTrue();
        }
        int oneRecord = KeyNotify.of(KeyNotify.NOTIFY_KEY_UPDATED, 42, 1).length();
        RepeatedRead shrunk = repeated.withBuffer(oneRecord);
        assertThat(k.directory().calls().repeatedReadsOf(q.ref())).as("one registration").isEqualTo(1);
        shrunk.next();
        assertThat(reader.receiveMessage().records()).as("read with the new buffer").isEqualTo(1);
        repeated.next();
        assertThat(reader.receiveMessage().records()).as("the old one keeps its buffer").isEqualTo(2);
        assertLostReadAnsweredOnceAsItsQueueStops(k, q, end, shrunk, reader);
        assertThat(k.directory().calls().calleesWithCalls()).as("nothing left registered").isZero();
        await(k.stop());
    }

    /**
     * A reader that goes away releases its repeated read: it leaves the queue's registrations (from the
     * middle, the newest or the oldest of them, through any of its forms), and the others are still
     * answered once each when the queue stops with their reads lost.
     */
    @ParameterizedTest
    @EnumSource(QueueEnd.class)
    void aReleasedRepeatedReadLeavesItsQueuesRegistrationsAndTheOthersStay(QueueEnd end) {
        Kernel k = kernel();
        QueueHandle q = sizedQueue(k, 16);
        List<TestProbe<ReadResult>> readers = List.of(testKit.createTestProbe(), testKit.createTestProbe(),
                testKit.createTestProbe(), testKit.createTestProbe());
        List<RepeatedRead> reads = readers.stream()
                .map(r -> k.repeatedRead(q.id(), 4096, r.ref()).orElseThrow()).toList();
        PendingCalls calls = k.directory().calls();
        assertThat(calls.repeatedReadsOf(q.ref())).isEqualTo(4);
        reads.get(1).release();   // from the middle
        assertThat(calls.repeatedReadsOf(q.ref())).isEqualTo(3);
        reads.get(3).withBuffer(64).release();   // the newest, through a resized form
        assertThat(calls.repeatedReadsOf(q.ref())).isEqualTo(2);
        reads.get(3).release();   // again: nothing more
        assertThat(calls.repeatedReadsOf(q.ref())).isEqualTo(2);
        for (RepeatedRead r : reads) {
            assertThat(r.request().outstanding().sent()).isTrue();   // counted, never sent: lost
        }
        end.stop(k, q);
        for (int i : new int[] {0, 2}) {
            assertThat(readers.get(i).receiveMessage().errno()).as("reader %d, still registered", i)
                    .isEqualTo(Errno.EBADF);
        }
        for (TestProbe<ReadResult> reader : readers) {
            reader.expectNoMessage(Duration.ofMillis(100));   // once each; nobody answers the released ones
        }
        assertThat(calls.calleesWithCalls()).as("nothing left registered").isZero();
        await(k.stop());
    }

    /** A stream that stops (here: it took what it wanted and cancelled) leaves nothing registered for its queue. */
    @Test
    void aStreamThatStopsReleasesItsRepeatedRead() throws Exception {
        Kernel k = kernel();
        QueueHandle q = sizedQueue(k, 16);
        PendingCalls calls = k.directory().calls();
        for (int round = 1; round <= 3; round++) {
            assertThat(k.postToQueue(q.id(), KeyNotify.of(KeyNotify.NOTIFY_KEY_UPDATED, round, 1), 1).isOk()).isTrue();
            List<Notification> got = k.readStream(q.id(), 4096).orElseThrow().take(1)
                    .runWith(Sink.seq(), testKit.system()).toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertThat(got).extracting(KeyNotify::keyId).containsExactly(round);
            testKit.createTestProbe().awaitAssert(() -> assertThat(calls.repeatedReadsOf(q.ref())).isZero());
        }
        await(k.stop());
    }

    /**
     * A stream of a queue reads through a repeated read of its own: its read lost on the way, the
     * stream fails with EBADF as the queue stops, rather than waiting for records that never come.
     */
    @ParameterizedTest
    @EnumSource(QueueEnd.class)
    void aStreamWhoseReadIsLostFailsWithEbadfWhenItsQueueStops(QueueEnd end) throws Exception {
        Kernel k = kernel();
        QueueHandle q = sizedQueue(k, 16);
        CompletableFuture<Boolean> lost = new CompletableFuture<>();
        CompletableFuture<List<Notification>> records = k.readStream(q.id(), 4096,
                        read -> () -> lost.complete(read.request().outstanding().sent()))   // counted, never sent
                .orElseThrow().runWith(Sink.seq(), testKit.system()).toCompletableFuture();
        assertThat(lost.get(10, TimeUnit.SECONDS)).as("the stream's read was counted").isTrue();
        end.stop(k, q);
        assertThatThrownBy(() -> records.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOfSatisfying(ErrnoException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EBADF));
        await(k.stop());
    }

    /** The kernel's stream reads a queue's records, and fails with EBADF when the queue crashes under it. */
    @Test
    void theKernelsStreamReadsRecordsAndFailsWhenItsQueueCrashes() throws Exception {
        Kernel k = kernel();
        QueueHandle q = sizedQueue(k, 16);
        List<Integer> keys = new java.util.concurrent.CopyOnWriteArrayList<>();
        assertThat(k.postToQueue(q.id(), KeyNotify.of(KeyNotify.NOTIFY_KEY_UPDATED, 42, 1), 1).isOk()).isTrue();
        CompletableFuture<org.apache.pekko.Done> done = k.readStream(q.id(), 4096).orElseThrow()
                .runWith(Sink.foreach(n -> keys.add(KeyNotify.keyId(n))), testKit.system()).toCompletableFuture();
        for (int key = 43; key <= 45; key++) {
            assertThat(k.postToQueue(q.id(), KeyNotify.of(KeyNotify.NOTIFY_KEY_UPDATED, key, 1), 1).isOk()).isTrue();
        }
        testKit.createTestProbe().awaitAssert(() -> assertThat(keys).containsExactly(42, 43, 44, 45));
        k.crashQueue(q.id());
        assertThatThrownBy(() -> done.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOfSatisfying(ErrnoException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EBADF));
        await(k.stop());
    }

    @Test
    void readsTheQueueAnsweredItselfGetNoSecondAnswer() {
        Kernel k = kernel();
        QueueHandle q = sizedQueue(k, 16);
        TestProbe<ReadResult> reader = testKit.createTestProbe();
        RepeatedRead repeated = k.repeatedRead(q.id(), 4096, reader.ref()).orElseThrow();
        assertThat(k.postToQueue(q.id(), KeyNotify.of(KeyNotify.NOTIFY_KEY_UPDATED, 42, 1), 1).isOk()).isTrue();
        repeated.next();
        assertThat(reader.receiveMessage().records()).isEqualTo(1);
        repeated.next();   // parked: the queue is empty
        TestProbe<QueueStatus> status = testKit.createTestProbe();
        q.ref().tell(new NotificationQueue.GetStatus(status.ref()));
        assertThat(status.receiveMessage().parkedReads()).isEqualTo(1);
        k.crashQueue(q.id());
        assertThat(reader.receiveMessage().errno()).as("the parked read, by its queue").isEqualTo(Errno.EBADF);
        reader.expectNoMessage(Duration.ofMillis(200));
        await(k.stop());
    }

    /**
     * A read sent behind its queue's crash reaches the stopping queue's mailbox and, from there, the
     * dead letters (unless Pekko loses it on the way): the queue's end answers it, and the dead
     * letters' answerer, which sees it then (played here too, for when Pekko lost it), leaves it.
     */
    @Test
    void aRepeatedReadThatReachedTheDeadLettersIsAnsweredOnce() {
        Kernel k = kernel();
        QueueHandle q = sizedQueue(k, 16);
        TestProbe<ReadResult> reader = testKit.createTestProbe();
        RepeatedRead repeated = k.repeatedRead(q.id(), 4096, reader.ref()).orElseThrow();
        q.ref().tell(NotificationQueue.Crash.INSTANCE);
        repeated.next();   // behind the crash
        assertThat(reader.receiveMessage().errno()).isEqualTo(Errno.EBADF);
        DeadLetterAnswers.answer(repeated.request());   // its dead letter, however late
        reader.expectNoMessage(Duration.ofMillis(300));
        await(k.stop());
    }

    /**
     * Calls made as the queue crashes, the kernel still listing it: each request meets the stopping
     * queue's mailbox (the dead letters answer no query) or finds the queue already terminated
     * (Pekko fails such an ask at once, as timed out); either way it is answered as a call to a gone
     * queue, not with a fault.
     */
    @Test
    void queriesOfAQueueThatStopsBeforeTheyReachItAreAnsweredWithNothing() {
        Kernel k = kernel();
        QueueHandle q = sizedQueue(k, 16);
        q.ref().tell(NotificationQueue.Crash.INSTANCE);   // not through the kernel, which still lists it
        CompletableFuture<Optional<QueueStatus>> status = k.queueStatus(q.id()).toCompletableFuture();
        CompletableFuture<Optional<QueueStatistics>> statistics = k.queueStatistics(q.id()).toCompletableFuture();
        CompletableFuture<SysResult> size = k.setQueueSize(q.id(), 32).toCompletableFuture();
        assertThat(await(status)).isEmpty();
        assertThat(await(statistics)).isEmpty();
        assertThat(await(size).errno()).isEqualTo(Errno.EBADF);
        await(k.stop());
    }

    @Test
    void callsToAQueueAlreadyTerminatedAreAnsweredAsCallsToAGoneQueue() {
        Kernel k = kernel();
        QueueHandle q = sizedQueue(k, 16);
        q.ref().tell(NotificationQueue.Crash.INSTANCE);   // not through the kernel, which still lists it
        testKit.createTestProbe().expectTerminated(q.ref());
        assertThat(await(k.queueStatus(q.id()))).isEmpty();
        assertThat(await(k.queueStatistics(q.id()))).isEmpty();
        assertThat(await(k.setQueueSize(q.id(), 32)).errno()).isEqualTo(Errno.EBADF);
        assertThat(await(k.closeQueueEnd(q.id(), PipeEnd.WRITE)).errno()).isEqualTo(Errno.EBADF);
        assertThat(await(k.readQueue(q.id(), 4096)).errno()).isEqualTo(Errno.EBADF);
        TestProbe<ReadResult> reader = testKit.createTestProbe();
        k.repeatedRead(q.id(), 4096, reader.ref()).orElseThrow().next();
        assertThat(reader.receiveMessage().errno()).isEqualTo(Errno.EBADF);
        reader.expectNoMessage(Duration.ofMillis(100));
        reader.awaitAssert(() -> {   // the calls made after the queue's end leave nothing registered for it
            assertThat(k.directory().calls().calleesWithCalls()).isZero();
            return null;
        });
        await(k.stop());
    }

    /**
     * A close that makes its queue defunct is answered by the queue (1, which the kernel answers 0 and
     * forgets the queue on), not as a call to a gone queue, although the queue tells the kernel that it
     * stopped right after; and no second answer goes to the dead letters.
     */
    @Test
    void aCloseAnsweredByItsQueueKeepsItsAnswer() {
        Kernel k = kernel();
        TestProbe<DeadLetter> deadLetters = deadLetters();
        for (int i = 0; i < 20; i++) {
            QueueHandle q = sizedQueue(k, 16);
            SysResult closed = await(k.closeQueue(q.id()));
            assertThat(closed.isOk()).as("round %d: %s", i, closed).isTrue();
            assertThat(k.directory().pipe(q.id())).as("the queue answered 1").isNull();
        }
        deadLetters.awaitAssert(() -> {
            assertThat(k.directory().calls().calleesWithCalls()).isZero();
            return null;
        });
        deadLetters.expectNoMessage(Duration.ofMillis(300));
        await(k.stop());
    }
}
