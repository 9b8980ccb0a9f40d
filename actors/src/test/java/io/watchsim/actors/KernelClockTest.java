package io.watchsim.actors;

import io.watchsim.policies.Credentials;
import io.watchsim.queues.NotificationQueue;
import io.watchsim.queues.Provenance;
import io.watchsim.queues.record.KeyNotify;
import io.watchsim.queues.ring.ReadResult;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static io.watchsim.actors.KernelFixture.TIMEOUT;
import static io.watchsim.actors.KernelFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The kernel stamps every post, and every removal record, with the time its clock reads
 * ({@link KernelSettings#withClock}): nothing in the model reads the wall clock itself.
 */
class KernelClockTest {
    static final ActorTestKit testKit = ActorTestKit.create();
    static final Credentials ROOT = Credentials.root();

    @AfterAll
    static void cleanup() {
        testKit.shutdownTestKit();
    }

    @Test
    void postsAndRemovalRecordsCarryTheTimeOfTheKernelsClock() {
        AtomicLong now = new AtomicLong(1_000);
        Kernel k = Kernel.start(testKit.system(), "clock-kernel",
                KernelSettings.DEFAULT.withHosts(1).withClock(now::get));
        try {
            QueueHandle q = KernelFixture.sizedQueue(k, 16);
            KernelFixture.object(k, 42, "_");
            assertThat(await(k.watch(42, q.id(), 1, ROOT)).isOk()).isTrue();
            await(k.postAndWait(42, List.of(KeyNotify.of(KeyNotify.NOTIFY_KEY_UPDATED, 42, 0)), ROOT));
            now.set(2_000);
            await(k.postAndWait(42, List.of(KeyNotify.of(KeyNotify.NOTIFY_KEY_UPDATED, 42, 1),
                    KeyNotify.of(KeyNotify.NOTIFY_KEY_UPDATED, 42, 2)), ROOT));
            now.set(3_000);
            assertThat(await(k.unwatch(42, q.id(), ROOT)).isOk()).isTrue();

            ReadResult r = await(AskPattern.<NotificationQueue.Command, ReadResult>ask(q.ref(),
                    replyTo -> new NotificationQueue.Read(4096, false, replyTo), TIMEOUT, k.system().scheduler()));
            List<Long> times = new ArrayList<>();
            List<Boolean> removal = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Provenance p = r.origin(i);
                times.add(p.postedNanos());
                removal.add(p.isRemoval());
            }
            assertThat(times).containsExactly(1_000L, 2_000L, 2_000L, 3_000L);
            assertThat(removal).containsExactly(false, false, false, true);
        } finally {
            k.stop();
        }
    }
}
