package io.watchsim.actors;

import io.watchsim.queues.NotificationQueue;
import io.watchsim.queues.PostCheck;
import io.watchsim.queues.Provenance;
import io.watchsim.queues.record.KeyNotify;
import io.watchsim.queues.record.MetaNotify;
import io.watchsim.queues.record.Notification;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The kernel's backlog settles the records a dead letter carried (a record sent to a watch or a
 * queue that had stopped), by what each message holds, and nothing else: removal records and
 * other messages are not in the backlog.
 */
class KernelBacklogTest {
    static final ActorTestKit testKit = ActorTestKit.create();

    @AfterAll
    static void cleanup() {
        testKit.shutdownTestKit();
    }

    static Provenance post(long sequence) {
        return new Provenance(42, 42, sequence, 0);
    }

    @Test
    void aDeadLetterSettlesTheDeliveriesItCarried() {
        Kernel k = Kernel.start(testKit.system(), "backlog-kernel", KernelSettings.DEFAULT.withHosts(1));
        try {
            Notification r = KeyNotify.of(1, 42, 0);
            k.recordsInTransit().handedOn(100);

            assertThat(k.settleLost(new Watch.Forward(r, post(1), null, null, null))).isEqualTo(1);
            assertThat(k.settleLost(new Watch.ForwardBatch(List.of(r, r, r), List.of(post(2), post(3), post(4)),
                    null, null, null))).isEqualTo(3);
            assertThat(k.settleLost(new NotificationQueue.Post(r, 1, PostCheck.NONE, post(5)))).isEqualTo(1);
            assertThat(k.settleLost(new NotificationQueue.PostBatch(List.of(r, r), 1, PostCheck.NONE,
                    List.of(post(6), post(7))))).isEqualTo(2);
            Provenance gone = new Provenance(42, 42, Provenance.REMOVAL, 0);
            assertThat(k.settleLost(new NotificationQueue.PostEach(List.of(
                    new NotificationQueue.Post(r, 1, PostCheck.NONE, post(8)),
                    new NotificationQueue.Post(r, 2, PostCheck.NONE, post(9)),
                    new NotificationQueue.Post(MetaNotify.removal(42), 1, PostCheck.NONE, gone)))))
                    .as("an object's posts to several watches of one queue, its removal record not counted")
                    .isEqualTo(2);
            assertThat(k.recordsInTransit().count()).isEqualTo(100 - 9);

            Provenance removal = new Provenance(42, 42, Provenance.REMOVAL, 0);
            assertThat(k.settleLost(new NotificationQueue.Post(MetaNotify.removal(42), 1, PostCheck.NONE, removal)))
                    .as("a removal record is the watch's, never in the backlog").isZero();
            assertThat(k.settleLost(new NotificationQueue.Post(r, 1))).as("a record with no provenance").isZero();
            assertThat(k.settleLost("something else")).isZero();
            assertThat(k.recordsInTransit().count()).isEqualTo(91);
        } finally {
            k.stop();
        }
    }
}
