package io.watchsim.actors;

import io.watchsim.policies.Credentials;
import io.watchsim.queues.Errno;
import io.watchsim.queues.NotificationQueue;
import io.watchsim.queues.ring.ReadResult;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static io.watchsim.actors.KernelFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

/** A kernel's stop completes only once every object, watch and queue under it has stopped. */
@ExtendWith(LogCapturingExtension.class)
class KernelStopTest {
    static final ActorTestKit testKit = ActorTestKit.create();

    @AfterAll
    static void cleanup() {
        testKit.shutdownTestKit();
    }

    @Test
    void stopCompletesAfterEveryActorOfTheKernelHasStopped() {
        Kernel k = Kernel.start(testKit.system(), "stopping", KernelSettings.DEFAULT.withHosts(4));
        QueueHandle q = KernelFixture.sizedQueue(k, 32);
        for (long id = 1; id <= 50; id++) {
            KernelFixture.object(k, id, "_");
            assertThat(await(k.watch(id, q.id(), 1, Credentials.root())).isOk()).isTrue();
        }
        TestProbe<ReadResult> reader = testKit.createTestProbe();
        q.ref().tell(new NotificationQueue.Read(4096, true, reader.getRef()));
        reader.expectNoMessage();
        await(k.stop());
        assertThat(k.directory().objectCount()).as("every object ran its PostStop").isZero();
        // Answered either way: EBADF when the queue stopped first, or with the removal record a
        // watch sent when its object stopped first (objects and queues stop concurrently).
        ReadResult answer = reader.receiveMessage();
        if (answer.isError()) {
            assertThat(answer.errno()).as("the parked read was answered").isEqualTo(Errno.EBADF);
        } else {
            assertThat(io.watchsim.queues.record.Notification.decode(answer.data(), 0, answer.data().length).subtype())
                    .as("a removal record").isEqualTo(io.watchsim.queues.record.WatchNotification.WATCH_META_REMOVAL_NOTIFICATION);
        }
        await(k.stop());   // stopping again completes at once
    }
}
