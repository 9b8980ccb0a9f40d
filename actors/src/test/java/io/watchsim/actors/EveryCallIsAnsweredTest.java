package io.watchsim.actors;

import io.watchsim.policies.Credentials;
import io.watchsim.policies.PolicyEngine;
import io.watchsim.queues.Errno;
import io.watchsim.queues.NotificationQueue;
import io.watchsim.queues.SysResult;
import io.watchsim.queues.record.KeyNotify;
import io.watchsim.queues.record.MetaNotify;
import io.watchsim.queues.record.Notification;
import io.watchsim.queues.ring.ReadResult;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static io.watchsim.actors.KernelFixture.await;
import static io.watchsim.actors.KernelFixture.drain;
import static io.watchsim.actors.KernelFixture.object;
import static io.watchsim.actors.KernelFixture.sizedQueue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every kernel call is answered, whatever stops meanwhile: a queue that closes or crashes, an
 * object destroyed by an earlier step of the same operation or crashing under it, a part that
 * never answers. Each race runs many times, several kernels at once, under each dispatcher
 * setting of {@link DispatcherSettings}; a call that hung would fail the test at its bound.
 */
@ExtendWith(LogCapturingExtension.class)
class EveryCallIsAnsweredTest {
    static final Credentials ROOT = Credentials.root();
    /** Rounds of each race per dispatcher setting, and kernels racing at once in each round. */
    static final int ROUNDS = 50;
    static final int AT_ONCE = 4;

    private static Notification update(int seq) {
        return KeyNotify.of(KeyNotify.NOTIFY_KEY_UPDATED, 42, seq);
    }

    /**
     * Completes once every call is answered; if one is not within {@link #CALL_BOUND}, fails saying
     * which calls are still unanswered (so a rare hang names its call).
     */
    private static CompletableFuture<?> allAnswered(java.util.Map<String, CompletableFuture<?>> calls) {
        return CompletableFuture.allOf(calls.values().toArray(CompletableFuture[]::new))
                .orTimeout(CALL_BOUND.toMillis(), TimeUnit.MILLISECONDS)
                .exceptionallyCompose(e -> {
                    if (!(e instanceof java.util.concurrent.TimeoutException)) {
                        return CompletableFuture.failedFuture(e);
                    }
                    List<String> pending = calls.entrySet().stream().filter(c -> !c.getValue().isDone())
                            .map(java.util.Map.Entry::getKey).toList();
                    return CompletableFuture.failedFuture(new AssertionError("unanswered after " + CALL_BOUND
                            + ": " + pending));
                });
    }

    /** How long a call may take before a race says it is unanswered (under the fixture's own await bound). */
    static final Duration CALL_BOUND = Duration.ofSeconds(8);
    /** How long one round's races may take in all: longer than the fixture's bound on each step. */
    static final Duration RACE_BOUND = KernelFixture.TIMEOUT.plusSeconds(10);

    /**
     * Runs {@code race} on AT_ONCE fresh kernels at a time, ROUNDS times, under {@code setting}. A race
     * that fails or hangs is reported with its round and kernel: a step awaited inside it fails at the
     * fixture's bound with its own stack (the line of the call that hung), and the call it returns is
     * given {@link #RACE_BOUND}, longer than that, so that the step's own failure comes first.
     */
    private static void race(DispatcherSettings setting, String name, Function<Kernel, CompletableFuture<?>> race) {
        ActorTestKit testKit = ActorTestKit.create(name + "-" + setting.name().toLowerCase().replace('_', '-'),
                setting.config().withFallback(com.typesafe.config.ConfigFactory.load()));
        java.util.concurrent.ExecutorService callers = java.util.concurrent.Executors.newFixedThreadPool(AT_ONCE);
        try {
            int kernels = 0;
            for (int round = 0; round < ROUNDS; round++) {
                List<CompletableFuture<?>> running = new ArrayList<>();
                List<Kernel> started = new ArrayList<>();
                for (int i = 0; i < AT_ONCE; i++) {
                    Kernel k = Kernel.start(testKit.system(), "kernel-" + (++kernels), KernelSettings.DEFAULT.withHosts(2));
                    started.add(k);
                    running.add(CompletableFuture.supplyAsync(() -> race.apply(k), callers).thenCompose(f -> f));
                }
                long deadline = System.nanoTime() + RACE_BOUND.toNanos();
                for (int i = 0; i < running.size(); i++) {
                    String which = name + " round " + round + ", kernel " + (i + 1) + " of " + AT_ONCE;
                    try {
                        running.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    } catch (java.util.concurrent.TimeoutException e) {
                        throw new AssertionError(which + ": its last call unanswered after " + RACE_BOUND);
                    } catch (java.util.concurrent.ExecutionException e) {
                        throw new AssertionError(which + " failed: " + e.getCause(), e.getCause());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new AssertionError(which + ": interrupted", e);
                    }
                }
                started.forEach(k -> await(k.stop()));
            }
        } finally {
            callers.shutdownNow();
            testKit.shutdownTestKit();
        }
    }

    /**
     * The hang the issue reported: the second post after both ends of a watching queue closed.
     * The close returns once the object has dropped the watch, so the post reaches nobody and
     * nothing is missed.
     */
    @ParameterizedTest
    @EnumSource(DispatcherSettings.class)
    void aPostRightAfterAWatchingQueueClosesIsAnsweredAndReachesNobody(DispatcherSettings setting) {
        race(setting, "close-then-post", k -> {
            QueueHandle q = sizedQueue(k, 64);
            object(k, 42, "_");
            assertThat(await(k.watch(42, q.id(), 1, ROOT)).isOk()).isTrue();
            assertThat(await(k.postAndWait(42, List.of(update(1)), ROOT))).isEqualTo(new DeliveryReport(1, 0));
            assertThat(await(k.closeQueue(q.id())).isOk()).isTrue();
            return k.postAndWait(42, List.of(update(2)), ROOT).toCompletableFuture()
                    .thenAccept(r -> assertThat(r).isEqualTo(DeliveryReport.NOTHING))
                    .thenCompose(v -> k.watches(42))
                    .thenAccept(w -> assertThat(w).as("the closed queue's watch is gone").isEmpty());
        });
    }

    /** One operation that destroys an object and then posts to it: the post reaches nobody. */
    @ParameterizedTest
    @EnumSource(DispatcherSettings.class)
    void aPostAfterItsObjectsDestructionInOneOperationIsAnswered(DispatcherSettings setting) {
        race(setting, "destroy-then-post", k -> {
            QueueHandle q = sizedQueue(k, 64);
            object(k, 42, "_");
            assertThat(await(k.watch(42, q.id(), 3, ROOT)).isOk()).isTrue();
            return k.perform(List.of(new KernelAction.DestroyObject(42),
                            new KernelAction.PostEvent(ObjectEvent.of(42, update(9)))), ROOT).toCompletableFuture()
                    .thenAccept(r -> {
                        assertThat(r).as("the removal record, and nothing for the post").isEqualTo(new DeliveryReport(1, 0));
                        List<Notification> got = drain(k, q);
                        assertThat(got).hasSize(1);
                        assertThat(MetaNotify.removalId(got.get(0))).isEqualTo(42);
                    });
        });
    }

    /**
     * A queue that crashes leaves its watches dead before their object hears of it: the post is
     * answered without waiting for them (the object posts to the stopped queue, a dead letter,
     * until it hears; through the watch actors such a watch would be counted as missed).
     */
    @ParameterizedTest
    @EnumSource(DispatcherSettings.class)
    void aPostToTheWatchOfACrashedQueueIsAnsweredWithTheWatchMissed(DispatcherSettings setting) {
        race(setting, "crash-then-post", k -> {
            QueueHandle crashing = sizedQueue(k, 64);
            QueueHandle healthy = sizedQueue(k, 64);
            object(k, 42, "_");
            assertThat(await(k.watch(42, crashing.id(), 1, ROOT)).isOk()).isTrue();
            assertThat(await(k.watch(42, healthy.id(), 2, ROOT)).isOk()).isTrue();
            k.crashQueue(crashing.id());
            return k.postAndWait(42, List.of(update(7)), ROOT).toCompletableFuture().thenAccept(r -> {
                // The crashed queue's watch is reached (its object posted to the stopped queue), or no
                // longer listed (its object had heard of it): never waited for.
                assertThat(r.reached()).as("the healthy queue's watch, and maybe the other").isBetween(1, 2);
                assertThat(r.reached() + r.missed()).isBetween(1, 2);
                assertThat(drain(k, healthy)).extracting(KeyNotify::aux).containsExactly(7);
            });
        });
    }

    /**
     * Removing a watch whose queue crashes meanwhile: the object found the watch, so the removal
     * succeeds, whether or not the watch lived to post its removal record.
     */
    @ParameterizedTest
    @EnumSource(DispatcherSettings.class)
    void removingTheWatchOfACrashingQueueIsAnswered(DispatcherSettings setting) {
        race(setting, "crash-then-unwatch", k -> {
            QueueHandle q = sizedQueue(k, 64);
            ActorRef<WatchedObject.Command> o = object(k, 42, "_");
            assertThat(await(k.watch(42, q.id(), 1, ROOT)).isOk()).isTrue();
            k.crashQueue(q.id());
            CompletableFuture<SysResult> removed = org.apache.pekko.actor.typed.javadsl.AskPattern.<PolicyEngine.Command,
                    SysResult>ask(k.policy(), r -> new PolicyEngine.Submit<>(
                    new WatchedObject.RemoveWatch(42, q.id(), true, ROOT, r), o), Duration.ofSeconds(10),
                    k.system().scheduler()).toCompletableFuture();
            return removed.thenAccept(r -> assertThat(r.isOk() || r.errno() == Errno.EBADSLT)
                    .as("0, or EBADSLT when the detach came first: %s", r).isTrue());
        });
    }

    /**
     * A watch add racing its queue's close: answered 0 (it landed first and the close took it off),
     * ENOENT (the queue was already defunct) or EINVAL (the descriptor was already gone, as
     * get_watch_queue() answers), and once both are answered no watch is left.
     */
    @ParameterizedTest
    @EnumSource(DispatcherSettings.class)
    void aWatchAddRacingItsQueuesCloseIsAnsweredAndLeavesNoWatch(DispatcherSettings setting) {
        race(setting, "add-vs-close", k -> {
            QueueHandle q = sizedQueue(k, 64);
            object(k, 42, "_");
            CompletableFuture<SysResult> add = k.watch(42, q.id(), 1, ROOT).toCompletableFuture();
            CompletableFuture<SysResult> close = k.closeQueue(q.id()).toCompletableFuture();
            return add.thenCombine(close, (a, c) -> {
                assertThat(a.isOk() || a.errno() == Errno.ENOENT || a.errno() == Errno.EINVAL)
                        .as("0, ENOENT or EINVAL: %s", a).isTrue();
                assertThat(c.isOk()).isTrue();
                return null;
            }).thenCompose(v -> k.watches(42)).thenAccept(w -> assertThat(w).isEmpty());
        });
    }

    /**
     * A removal the object has started when it crashes is answered: the object dropped the watch and
     * told it to send its removal record, then failed; the watch's report reaches a stopped object
     * (the kernel answers it from the dead letters: 0, as the object would have).
     */
    @ParameterizedTest
    @EnumSource(DispatcherSettings.class)
    void aRemovalTheObjectStartedBeforeItCrashedIsAnswered(DispatcherSettings setting) {
        race(setting, "remove-then-crash", k -> {
            QueueHandle q = sizedQueue(k, 64);
            object(k, 42, "_");
            assertThat(await(k.watch(42, q.id(), 1, ROOT)).isOk()).isTrue();
            CompletableFuture<SysResult> remove = k.unwatch(42, q.id(), ROOT).toCompletableFuture();
            k.crash(42);   // the same lane, after the removal
            return remove.thenAccept(r -> assertThat(r.isOk() || r.errno() == Errno.ENOENT).as("%s", r).isTrue());
        });
    }

    /**
     * Every call to an object racing its crash is answered: the kernel looked the object up while
     * it lived, the request found it gone; an add, a removal, a destroy, a crash of a watch and a
     * listing each answer their errno (or nothing listed) instead of waiting.
     */
    @ParameterizedTest
    @EnumSource(DispatcherSettings.class)
    void callsToAnObjectRacingItsCrashAreAnswered(DispatcherSettings setting) {
        race(setting, "crash-vs-calls", k -> {
            QueueHandle q = sizedQueue(k, 64);
            QueueHandle q2 = sizedQueue(k, 64);
            object(k, 42, "_");
            assertThat(await(k.watch(42, q.id(), 1, ROOT)).isOk()).isTrue();
            k.crash(42);
            CompletableFuture<SysResult> add = k.watch(42, q2.id(), 2, ROOT).toCompletableFuture();
            CompletableFuture<SysResult> remove = k.unwatch(42, q.id(), ROOT).toCompletableFuture();
            CompletableFuture<SysResult> crashWatch = k.crashWatch(42, q.id()).toCompletableFuture();
            CompletableFuture<List<WatchedObject.WatchInfo>> listed = k.watches(42).toCompletableFuture();
            CompletableFuture<SysResult> destroy = k.destroy(42).toCompletableFuture();
            java.util.Map<String, CompletableFuture<?>> calls = new java.util.LinkedHashMap<>();
            calls.put("add", add);
            calls.put("removal", remove);
            calls.put("watch crash", crashWatch);
            calls.put("listing", listed);
            calls.put("destroy", destroy);
            return allAnswered(calls).thenAccept(v -> {
                for (SysResult r : List.of(add.join(), remove.join(), crashWatch.join(), destroy.join())) {
                    assertThat(r.isOk() || r.errno() == Errno.ENOENT || r.errno() == Errno.EBADSLT)
                            .as("answered: %s", r).isTrue();
                }
            });
        });
    }

    /**
     * Every call to a queue that crashes as the calls are made is answered: the kernel still lists the
     * queue (the crash is told to the queue itself, as a crash the kernel has not heard of yet), each
     * request finds the queue stopping or stopped, and a size, a filter, a close, a read, a repeated read
     * and the status queries each answer as for a queue that is not there (EBADF, nothing) instead of
     * waiting; a query, which the dead letters cannot answer, waited for the ask's bound before.
     */
    @ParameterizedTest
    @EnumSource(DispatcherSettings.class)
    void callsToAQueueRacingItsCrashAreAnswered(DispatcherSettings setting) {
        race(setting, "queue-crash-vs-calls", k -> {
            QueueHandle q = sizedQueue(k, 64);
            CompletableFuture<ReadResult> repeated = new CompletableFuture<>();
            ActorRef<ReadResult> reader = k.system().systemActorOf(Behaviors.<ReadResult>receiveMessage(r -> {
                repeated.complete(r);
                return Behaviors.same();
            }), "reader-of-" + k.name(), Props.empty());
            RepeatedRead read = k.repeatedRead(q.id(), 4096, reader).orElseThrow();
            q.ref().tell(NotificationQueue.Crash.INSTANCE);
            read.next();
            java.util.Map<String, CompletableFuture<?>> calls = new java.util.LinkedHashMap<>();
            CompletableFuture<SysResult> size = k.setQueueSize(q.id(), 32).toCompletableFuture();
            CompletableFuture<SysResult> filter = k.setFilter(q.id(), null).toCompletableFuture();
            CompletableFuture<ReadResult> once = k.readQueue(q.id(), 4096).toCompletableFuture();
            CompletableFuture<?> status = k.queueStatus(q.id()).toCompletableFuture();
            CompletableFuture<?> statistics = k.queueStatistics(q.id()).toCompletableFuture();
            CompletableFuture<SysResult> close = k.closeQueue(q.id()).toCompletableFuture();
            calls.put("size", size);
            calls.put("filter", filter);
            calls.put("read", once);
            calls.put("status", status);
            calls.put("statistics", statistics);
            calls.put("close", close);
            calls.put("repeated read", repeated);
            return allAnswered(calls).thenAccept(v -> {
                for (SysResult r : List.of(size.join(), filter.join(), close.join())) {
                    assertThat(r.errno()).as("answered: %s", r).isEqualTo(Errno.EBADF);
                }
                assertThat(once.join().errno()).isEqualTo(Errno.EBADF);
                assertThat(repeated.join().errno()).isEqualTo(Errno.EBADF);
                assertThat(status.join()).isEqualTo(java.util.Optional.empty());
                assertThat(statistics.join()).isEqualTo(java.util.Optional.empty());
            });
        });
    }

    /**
     * Adds being set when their object crashes, with requests held back behind them: every call is
     * answered (an object's held-back requests are answered when it stops, not dropped with it).
     */
    @ParameterizedTest
    @EnumSource(DispatcherSettings.class)
    void requestsHeldBackBehindPendingAddsAreAnsweredWhenTheObjectCrashes(DispatcherSettings setting) {
        race(setting, "crash-during-adds", k -> {
            List<QueueHandle> queues = List.of(sizedQueue(k, 16), sizedQueue(k, 16), sizedQueue(k, 16));
            object(k, 42, "_");
            java.util.Map<String, CompletableFuture<?>> calls = new java.util.LinkedHashMap<>();
            for (QueueHandle q : queues) {
                calls.put("add of queue " + q.id(), k.watch(42, q.id(), 1, ROOT).toCompletableFuture());
            }
            calls.put("first listing", k.watches(42).toCompletableFuture());
            calls.put("removal", k.unwatch(42, queues.get(0).id(), ROOT).toCompletableFuture());
            k.crash(42);
            calls.put("second listing", k.watches(42).toCompletableFuture());
            calls.put("destroy", k.destroy(42).toCompletableFuture());
            return allAnswered(calls);
        });
    }

    /** A synchronous post racing its object's crash is answered either way. */
    @ParameterizedTest
    @EnumSource(DispatcherSettings.class)
    void aPostRacingItsObjectsCrashIsAnswered(DispatcherSettings setting) {
        race(setting, "crash-object-during-post", k -> {
            QueueHandle q = sizedQueue(k, 64);
            object(k, 42, "_");
            assertThat(await(k.watch(42, q.id(), 1, ROOT)).isOk()).isTrue();
            CompletableFuture<DeliveryReport> post = k.postAndWait(42, List.of(update(1), update(2)), ROOT)
                    .toCompletableFuture();
            k.crash(42);
            return post.thenAccept(r -> assertThat(r.reached() + r.missed()).isBetween(0, 1));
        });
    }

    /** When a part never answers, the collector's bound answers with a fault that says what it waited for. */
    @ParameterizedTest
    @EnumSource(DispatcherSettings.class)
    void aDeliveryToAnObjectThatNeverAnswersFailsWithAKernelFaultWithinItsBound(DispatcherSettings setting) {
        ActorTestKit testKit = ActorTestKit.create("silent-object", setting.config().withFallback(
                com.typesafe.config.ConfigFactory.load()));
        try {
            Kernel k = Kernel.start(testKit.system(), "kernel", KernelSettings.DEFAULT.withHosts(2)
                    .withAskTimeout(Duration.ofMillis(900)));
            TestProbe<WatchedObject.Command> silent = testKit.createTestProbe();
            k.directory().putObject(42, silent.getRef());
            CompletableFuture<DeliveryReport> post = k.postAndWait(42, List.of(update(1)), ROOT).toCompletableFuture();
            silent.expectMessageClass(WatchedObject.Deliver.class);
            assertThatThrownBy(() -> post.get(5, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(KernelFault.class)
                    .hasMessageContaining("step 1 of 1 (post of 1 record(s) to object 42)")
                    .hasMessageContaining("waiting for object");
            await(k.stop());
        } finally {
            testKit.shutdownTestKit();
        }
    }
}
