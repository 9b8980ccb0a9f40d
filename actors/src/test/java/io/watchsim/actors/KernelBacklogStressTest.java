package io.watchsim.actors;

import io.watchsim.policies.Credentials;
import io.watchsim.queues.record.KeyNotify;
import org.apache.pekko.actor.DeadLetter;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.eventstream.EventStream;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static io.watchsim.actors.KernelFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The kernel's backlog under races: two objects posting from two threads to queues that are small
 * (losses), while a watch crashes and a queue closes mid-flight (dead letters, dropped records).
 * Once the kernel is quiet, every delivery handed on was settled exactly once: by a queue's fate or
 * by its object posting it, by a queue's fate (deliveries sent by message, on the path through the
 * watch actors) or by a dead letter. Run many times under each {@link DispatcherSettings} and each
 * {@link DeliveryPath}.
 */
class KernelBacklogStressTest {
    static final Credentials ROOT = Credentials.root();
    static final int ROUNDS = 25;
    static final int POSTS = 150;

    static Stream<Arguments> settingsAndPaths() {
        return Stream.of(DispatcherSettings.values())
                .flatMap(s -> Stream.of(DeliveryPath.values()).map(p -> Arguments.of(s, p)));
    }

    @ParameterizedTest
    @MethodSource("settingsAndPaths")
    void everyDeliveryHandedOnIsSettledExactlyOnceThroughCrashesAndCloses(DispatcherSettings setting,
                                                                         DeliveryPath path) {
        ActorTestKit testKit = ActorTestKit.create("backlog-" + setting.name().toLowerCase().replace('_', '-')
                        + "-" + path.name().toLowerCase().replace('_', '-'),
                setting.config().withFallback(com.typesafe.config.ConfigFactory.load()));
        AtomicReference<Kernel> current = new AtomicReference<>();
        TestProbe<String> subscribed = testKit.createTestProbe();
        ActorRef<DeadLetter> lost = testKit.spawn(Behaviors.receiveMessage(d -> {
            Kernel k = current.get();
            if ("probe".equals(d.message())) {
                subscribed.ref().tell("subscribed");
            } else if (k != null) {
                k.settleLost(d.message());
            }
            return Behaviors.same();
        }));
        TestProbe<Void> probe = testKit.createTestProbe();
        testKit.system().eventStream().tell(new EventStream.Subscribe<>(DeadLetter.class, lost));
        probe.awaitAssert(Duration.ofSeconds(5), () -> {   // in place once a dead letter comes back to us
            testKit.system().deadLetters().tell("probe");
            subscribed.expectMessage(Duration.ofMillis(200), "subscribed");
            return null;
        });
        ExecutorService posters = Executors.newFixedThreadPool(3);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                Kernel k = Kernel.start(testKit.system(), "kernel-" + round, KernelSettings.DEFAULT.withHosts(2)
                        .withDeliveryPath(path));
                current.set(k);
                List<QueueHandle> queues = new ArrayList<>();
                for (int q = 0; q < 3; q++) {
                    queues.add(KernelFixture.sizedQueue(k, 16 + 24 * q));
                }
                for (long object : new long[]{42, 43}) {
                    KernelFixture.object(k, object, "_");
                    for (QueueHandle q : queues) {
                        assertThat(await(k.watch(object, q.id(), 1, ROOT)).isOk()).isTrue();
                    }
                }
                List<CompletableFuture<?>> racing = new ArrayList<>();
                for (long object : new long[]{42, 43}) {
                    racing.add(CompletableFuture.runAsync(() -> {
                        for (int i = 0; i < POSTS; i++) {
                            k.post(object, KeyNotify.of(KeyNotify.NOTIFY_KEY_UPDATED, (int) object, i), ROOT);
                        }
                    }, posters));
                }
                int r = round;
                racing.add(CompletableFuture.runAsync(() -> {
                    if (r % 2 == 0) {
                        await(k.crashWatch(42, queues.get(0).id()));
                    }
                    await(k.closeQueue(queues.get(2).id()));
                }, posters));
                await(CompletableFuture.allOf(racing.toArray(CompletableFuture[]::new)));
                for (long object : new long[]{42, 43}) {
                    await(k.postAndWait(object, List.of(KeyNotify.of(KeyNotify.NOTIFY_KEY_UPDATED, (int) object, -1)),
                            null));
                }
                probe.awaitAssert(Duration.ofSeconds(10), () -> {
                    assertThat(k.recordsInTransit().settledTotal()).as("round %d: settled", r)
                            .isEqualTo(k.recordsInTransit().handedOnTotal());
                    return null;
                });
                // every fire-and-forget post was counted until its object posted it (and, through the watch
                // actors, each delivery until its queue decided it)
                assertThat(k.recordsInTransit().handedOnTotal()).as("every post counted")
                        .isGreaterThanOrEqualTo(2L * POSTS);
                await(k.stop());
            }
        } finally {
            posters.shutdownNow();
            testKit.shutdownTestKit();
        }
    }
}
