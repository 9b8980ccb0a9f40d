package io.watchsim.queues;

import io.watchsim.queues.record.KeyNotify;
import io.watchsim.queues.record.Notification;
import io.watchsim.queues.ring.FilterRequest;
import io.watchsim.queues.ring.PipeLimits;
import io.watchsim.queues.ring.QueueStatistics;
import io.watchsim.queues.ring.ReadResult;
import io.watchsim.queues.ring.TypeFilter;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many posters, each an actor on the shared dispatcher, post to one queue at once while a
 * reader drains it: each poster's records stay in its order, and every post is accounted for.
 */
@ExtendWith(LogCapturingExtension.class)
class ConcurrentPostersTest {
    static final ActorTestKit testKit = ActorTestKit.create();
    static final int POSTERS = 16;
    static final int RECORDS_PER_POSTER = 2_000;

    @AfterAll
    static void cleanup() {
        testKit.shutdownTestKit();
    }

    /** A poster with id p posts key records (key_id = p, aux = sequence number) with tag p. */
    record Go() {
    }

    static Behavior<Go> poster(int id, ActorRef<NotificationQueue.Command> queue, ActorRef<Integer> done) {
        return Behaviors.receiveMessage(go -> {
            for (int seq = 0; seq < RECORDS_PER_POSTER; seq++) {
                // Every fifth record has a subtype the filter rejects.
                int subtype = seq % 5 == 4 ? KeyNotify.NOTIFY_KEY_CLEARED : KeyNotify.NOTIFY_KEY_UPDATED;
                queue.tell(new NotificationQueue.Post(KeyNotify.of(subtype, id, seq), id));
            }
            done.tell(id);
            return Behaviors.stopped();
        });
    }

    static Behavior<Integer> closeAfter(int posters, ActorRef<NotificationQueue.Command> queue,
                                        ActorRef<SysResult> replyTo) {
        return Behaviors.setup(ctx -> {
            int[] remaining = {posters};
            return Behaviors.receiveMessage(id -> {
                if (--remaining[0] == 0) {
                    queue.tell(new NotificationQueue.Close(PipeEnd.WRITE, replyTo));
                    return Behaviors.stopped();
                }
                return Behaviors.same();
            });
        });
    }

    @Test
    void eachPostersOrderIsKeptAndEveryPostIsAccountedFor() {
        ActorRef<NotificationQueue.Command> queue = testKit.spawn(NotificationQueue.create());
        TestProbe<SysResult> setup = testKit.createTestProbe();
        queue.tell(new NotificationQueue.SetSize(64, PipeLimits.WITHIN, setup.getRef()));
        queue.tell(new NotificationQueue.SetFilter(FilterRequest.of(TypeFilter.forSubtypes(1, 1)), setup.getRef()));
        assertThat(setup.receiveMessage().isOk()).isTrue();
        assertThat(setup.receiveMessage().isOk()).isTrue();

        // When every poster is done, the write end closes: the reader then drains to EOF.
        // Local tells enqueue at once, so a poster's posts are in the queue before its Done.
        TestProbe<SysResult> closed = testKit.createTestProbe();
        ActorRef<Integer> closer = testKit.spawn(closeAfter(POSTERS, queue, closed.getRef()));
        List<ActorRef<Go>> posters = new ArrayList<>();
        for (int p = 1; p <= POSTERS; p++) {
            posters.add(testKit.spawn(poster(p, queue, closer)));
        }
        posters.forEach(p -> p.tell(new Go()));

        TestProbe<ReadResult> reader = testKit.createTestProbe();
        Map<Integer, Integer> lastSeq = new HashMap<>();
        long recordsRead = 0;
        long lossRecords = 0;
        while (true) {
            queue.tell(new NotificationQueue.Read(4096, true, reader.getRef()));
            ReadResult r = reader.receiveMessage(Duration.ofSeconds(10));
            assertThat(r.isError()).as("read error %s", r.errno()).isFalse();
            if (r.isEof()) {
                break;
            }
            byte[] d = r.data();
            for (int off = 0; off < d.length; ) {
                Notification n = Notification.decode(d, off, d.length - off);
                off += n.length();
                if (n.type() == 0) {
                    lossRecords++;
                    continue;
                }
                recordsRead++;
                int id = KeyNotify.keyId(n);
                int seq = KeyNotify.aux(n);
                assertThat(n.info() >>> 8 & 0xFF).as("tag of poster %d", id).isEqualTo(id);
                assertThat(n.subtype()).isEqualTo(KeyNotify.NOTIFY_KEY_UPDATED);
                Integer previous = lastSeq.put(id, seq);
                if (previous != null) {
                    assertThat(seq).as("poster %d's order", id).isGreaterThan(previous);
                }
            }
        }
        assertThat(closed.receiveMessage().isOk()).isTrue();
        TestProbe<QueueStatistics> stats = testKit.createTestProbe();
        queue.tell(new NotificationQueue.GetStatistics(stats.getRef()));
        QueueStatistics s = stats.receiveMessage();
        long total = (long) POSTERS * RECORDS_PER_POSTER;
        assertThat(s.posted()).isEqualTo(total);
        assertThat(s.filtered()).isEqualTo(total / 5);
        assertThat(s.posted()).isEqualTo(s.inserted() + s.filtered() + s.lost());
        assertThat(s.isBalanced()).isTrue();
        assertThat(s.recordsRead()).isEqualTo(recordsRead).isEqualTo(s.inserted());
        assertThat(s.lossRecordsRead()).isEqualTo(lossRecords);
        assertThat(lossRecords > 0).isEqualTo(s.lost() > 0);
    }
}
