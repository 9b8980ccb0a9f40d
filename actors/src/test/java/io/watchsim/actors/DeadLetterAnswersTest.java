package io.watchsim.actors;

import io.watchsim.policies.Credentials;
import io.watchsim.queues.Errno;
import io.watchsim.queues.NotificationQueue;
import io.watchsim.queues.PipeEnd;
import io.watchsim.queues.SysResult;
import io.watchsim.queues.ring.PipeLimits;
import io.watchsim.queues.ring.ReadResult;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A request that reached a stopped object or queue is answered as for one that is not there,
 * and the answers go only to the stopped actor's own kernel (the recipient's path).
 */
class DeadLetterAnswersTest {
    static final ActorTestKit testKit = ActorTestKit.create();

    @AfterAll
    static void cleanup() {
        testKit.shutdownTestKit();
    }

    @Test
    void eachRequestToAStoppedActorIsAnsweredAsForOneThatIsNotThere() {
        TestProbe<SysResult> results = testKit.createTestProbe();
        TestProbe<ReadResult> reads = testKit.createTestProbe();
        TestProbe<List<WatchedObject.WatchInfo>> lists = testKit.createTestProbe();
        WatchedObject.AddWatch add = new WatchedObject.AddWatch(42, 7, null, 1, Credentials.root(), results.ref());
        DeadLetterAnswers.answer(add.stamp(new io.watchsim.policies.PolicySnapshot(1,
                io.watchsim.policies.PermissiveModule.INSTANCE, new io.watchsim.policies.PolicyMetrics())));
        assertThat(results.receiveMessage().errno()).isEqualTo(Errno.ENOENT);
        DeadLetterAnswers.answer(new WatchedObject.RemoveWatch(42, 7, true, Credentials.root(), results.ref()));
        assertThat(results.receiveMessage().errno()).isEqualTo(Errno.ENOENT);
        DeadLetterAnswers.answer(new WatchedObject.Destroy(results.ref()));
        assertThat(results.receiveMessage().errno()).isEqualTo(Errno.ENOENT);
        DeadLetterAnswers.answer(new Watch.Remove(7, results.ref()));
        assertThat(results.receiveMessage().isOk()).as("a removal its stopped watch never reported").isTrue();
        DeadLetterAnswers.answer(new WatchedObject.GetWatches(lists.ref()));
        assertThat(lists.receiveMessage()).isEmpty();
        DeadLetterAnswers.answer(new NotificationQueue.SetSize(32, PipeLimits.WITHIN, results.ref()));
        assertThat(results.receiveMessage().errno()).isEqualTo(Errno.EBADF);
        DeadLetterAnswers.answer(new NotificationQueue.Close(PipeEnd.READ, results.ref()));
        assertThat(results.receiveMessage().errno()).isEqualTo(Errno.EBADF);
        DeadLetterAnswers.answer(new NotificationQueue.Read(4096, true, reads.ref()));
        assertThat(reads.receiveMessage().errno()).isEqualTo(Errno.EBADF);
    }

    @Test
    void aStoppedQueueOfThisKernelAnswersAReadThroughTheDeadLetters() {
        Kernel k = Kernel.start(testKit.system(), "dead-letters", KernelSettings.DEFAULT.withHosts(2));
        QueueHandle q = KernelFixture.sizedQueue(k, 32);
        assertThat(k.crashQueue(q.id()).isOk()).isTrue();
        TestProbe<Object> death = testKit.createTestProbe();
        death.expectTerminated(q.ref());
        TestProbe<ReadResult> reader = testKit.createTestProbe();
        q.ref().tell(new NotificationQueue.Read(4096, false, reader.ref()));   // as a lookup made before the crash would
        assertThat(reader.receiveMessage().errno()).isEqualTo(Errno.EBADF);
        KernelFixture.await(k.stop());
    }
}
