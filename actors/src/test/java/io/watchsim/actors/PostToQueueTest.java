package io.watchsim.actors;

import io.watchsim.policies.Credentials;
import io.watchsim.queues.Errno;
import io.watchsim.queues.record.KeyNotify;
import io.watchsim.queues.record.Notification;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.watchsim.actors.KernelFixture.await;
import static io.watchsim.actors.KernelFixture.drain;
import static io.watchsim.actors.KernelFixture.object;
import static io.watchsim.actors.KernelFixture.sizedQueue;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Kernel#postToQueue} (the script's {@code post}, a flood fault) inserts its record before it
 * returns, as an object's post does: a record an object posts to the same queue afterwards comes after
 * it. Before, it sent the queue a message and returned at once, so an object posting in place could
 * overtake it (found by {@code watchsim stress}: a key's removal record read before a script's earlier
 * {@code post}, about twice in a thousand runs).
 */
class PostToQueueTest {
    static final ActorTestKit testKit = ActorTestKit.create();

    @AfterAll
    static void cleanup() {
        testKit.shutdownTestKit();
    }

    @Test
    void aRecordPostedToAQueueComesBeforeWhatAnObjectPostsThereAfterwards() {
        Kernel k = Kernel.start(testKit.system(), "post-to-queue", KernelSettings.DEFAULT.withHosts(2));
        QueueHandle q = sizedQueue(k, 256);
        object(k, 7, "_");
        assertThat(await(k.watch(7, q.id(), 1, Credentials.root())).isOk()).isTrue();
        List<Integer> expected = new ArrayList<>();
        List<Integer> read = new ArrayList<>();
        for (int batch = 0; batch < 20; batch++) {
            for (int i = 0; i < 100; i++) {
                int n = batch * 100 + i;
                assertThat(k.postToQueue(q.id(), KeyNotify.of(KeyNotify.NOTIFY_KEY_UPDATED, 2 * n, 0), 2).isOk()).isTrue();
                assertThat(await(k.postAndWait(7, List.of(KeyNotify.of(KeyNotify.NOTIFY_KEY_UPDATED, 2 * n + 1, 0)),
                        Credentials.root())).reached()).isEqualTo(1);
                expected.add(2 * n);
                expected.add(2 * n + 1);
            }
            drain(k, q).stream().map(KeyNotify::keyId).forEach(read::add);
        }
        assertThat(read).as("each posted record before the object's next one").isEqualTo(expected);
        await(k.stop());
    }

    @Test
    void aPostToAQueueThatStoppedAnswersEbadf() {
        Kernel k = Kernel.start(testKit.system(), "post-to-stopped-queue", KernelSettings.DEFAULT.withHosts(2));
        QueueHandle q = sizedQueue(k, 16);
        Notification record = KeyNotify.of(KeyNotify.NOTIFY_KEY_UPDATED, 1, 0);
        assertThat(k.postToQueue(q.id(), record, 0).isOk()).isTrue();
        assertThat(k.crashQueue(q.id()).isOk()).isTrue();
        testKit.createTestProbe().awaitAssert(() ->
                assertThat(k.postToQueue(q.id(), record, 0).errno()).isEqualTo(Errno.EBADF));
        await(k.stop());
    }
}
