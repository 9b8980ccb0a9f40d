package io.watchsim.actors;

import io.watchsim.queues.Errno;
import io.watchsim.queues.ring.ReadResult;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.watchsim.actors.KernelFixture.await;
import static io.watchsim.actors.KernelFixture.sizedQueue;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Readers releasing their repeated reads while their queue stops, from threads of their own, many
 * times under each dispatcher setting: releases from the middle, the newest and the oldest of a
 * queue's registrations race the queue's end, which walks them. Whatever the order, every read of a
 * reader that did not release is answered exactly once (EBADF), a released one at most once, and
 * nothing stays registered.
 */
class RepeatedReadReleaseRaceTest {
    static final int ROUNDS = 40;
    static final int READERS = 6;

    @ParameterizedTest
    @EnumSource(DispatcherSettings.class)
    void releasesRacingTheQueuesEndLeaveNothingAndEveryKeptReadIsAnsweredOnce(DispatcherSettings setting)
            throws Exception {
        ActorTestKit testKit = ActorTestKit.create("release-race-" + setting.label(),
                setting.config().withFallback(com.typesafe.config.ConfigFactory.load()));
        ExecutorService threads = Executors.newFixedThreadPool(3);
        Random random = new Random(setting.ordinal());
        try {
            for (int round = 0; round < ROUNDS; round++) {
                Kernel k = Kernel.start(testKit.system(), "kernel-" + round, KernelSettings.DEFAULT.withHosts(2));
                QueueHandle q = sizedQueue(k, 16);
                List<AtomicInteger> answers = new ArrayList<>();
                List<RepeatedRead> reads = new ArrayList<>();
                for (int i = 0; i < READERS; i++) {
                    AtomicInteger ebadf = new AtomicInteger();
                    answers.add(ebadf);
                    ActorRef<ReadResult> reader = testKit.spawn(Behaviors.receiveMessage(r -> {
                        assertThat(r.errno()).isEqualTo(Errno.EBADF);
                        ebadf.incrementAndGet();
                        return Behaviors.same();
                    }));
                    RepeatedRead read = k.repeatedRead(q.id(), 4096, reader).orElseThrow();
                    assertThat(read.request().outstanding().sent()).isTrue();   // counted, never sent: lost
                    reads.add(random.nextBoolean() ? read : read.withBuffer(64));
                }
                // readers 0, 2 and 5 (the oldest, one in the middle, the newest) release, on two threads
                CountDownLatch go = new CountDownLatch(1);
                List<CompletableFuture<Void>> racing = List.of(
                        CompletableFuture.runAsync(() -> {
                            awaitLatch(go);
                            reads.get(5).release();
                            reads.get(0).release();
                        }, threads),
                        CompletableFuture.runAsync(() -> {
                            awaitLatch(go);
                            reads.get(2).release();
                        }, threads),
                        CompletableFuture.runAsync(() -> {
                            awaitLatch(go);
                            assertThat(k.crashQueue(q.id()).isOk()).isTrue();
                        }, threads));
                go.countDown();
                CompletableFuture.allOf(racing.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
                String where = setting.label() + ", round " + round;
                testKit.createTestProbe().awaitAssert(() -> {
                    for (int kept : new int[] {1, 3, 4}) {
                        assertThat(answers.get(kept)).as(where + ": reader %d kept its read", kept).hasValue(1);
                    }
                    assertThat(k.directory().calls().calleesWithCalls()).as(where + ": nothing registered").isZero();
                    return null;
                });
                await(k.stop());
                for (int i = 0; i < READERS; i++) {
                    assertThat(answers.get(i).get()).as(where + ": reader %d answered at most once", i).isLessThanOrEqualTo(1);
                }
            }
        } finally {
            threads.shutdownNow();
            testKit.shutdownTestKit();
        }
    }

    private static void awaitLatch(CountDownLatch go) {
        try {
            go.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
