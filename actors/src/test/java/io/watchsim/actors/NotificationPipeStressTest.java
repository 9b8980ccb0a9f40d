package io.watchsim.actors;

import io.watchsim.queues.FateLog;
import io.watchsim.queues.NotificationPipe;
import io.watchsim.queues.NotificationQueue;
import io.watchsim.queues.PipeEnd;
import io.watchsim.queues.PostCheck;
import io.watchsim.queues.Provenance;
import io.watchsim.queues.RecordsInTransit;
import io.watchsim.queues.SysResult;
import io.watchsim.queues.record.KeyNotify;
import io.watchsim.queues.record.Notification;
import io.watchsim.queues.ring.FilterRequest;
import io.watchsim.queues.ring.PipeLimits;
import io.watchsim.queues.ring.PostOutcome;
import io.watchsim.queues.ring.QueueStatistics;
import io.watchsim.queues.ring.ReadResult;
import io.watchsim.queues.ring.TypeFilter;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Posting in place ({@link NotificationPipe}) under races, many rounds under each
 * {@link DispatcherSettings}: three posters post into one small, filtered queue's pipe on their own
 * threads, in chunks so that they interleave with the reads, and a fourth posts by message, while a
 * reader drains the queue with blocking reads of a few records each. The in-place posters post half
 * their records beside the message poster, and the other half once it is done, so that in the
 * second half only their wakes can bring the reader its records.
 * <ul>
 *   <li>No wake is lost: once the posters are done, the reader reads every inserted record with the
 *       write end still open (a read left parked while records wait would stall it; closing the write
 *       end, which answers every parked read, comes only after).</li>
 *   <li>Each in-place poster's records are read in its order, with its tag.</li>
 *   <li>Every post is accounted for: each has exactly one fate (inserted, filtered or lost), the
 *       queue's counters balance, and a loss record is read exactly when records were lost.</li>
 *   <li>In every other round the queue crashes mid-flight: then every post either has its fate or
 *       was told the queue was gone (no fate), never both and never neither.</li>
 * </ul>
 */
class NotificationPipeStressTest {
    static final int ROUNDS = 24;
    static final int IN_PLACE_POSTERS = 3;
    static final int POSTS = 600;
    static final int CHUNK = 7;

    /** A fate log that counts each outcome, and whether the queue ended. */
    static final class CountingFates implements FateLog {
        final Map<PostOutcome, LongAdder> outcomes = new ConcurrentHashMap<>();
        final AtomicLong ended = new AtomicLong();
        /** Fates of the in-place posters' records (their tags are their ids). */
        final LongAdder inPlace = new LongAdder();

        @Override
        public void fate(long queueId, Provenance origin, int tag, Notification record, PostOutcome outcome) {
            outcomes.computeIfAbsent(outcome, o -> new LongAdder()).increment();
            if (tag <= IN_PLACE_POSTERS) {
                inPlace.increment();
            }
        }

        @Override
        public void queueEnded(long queueId, boolean crashed) {
            ended.incrementAndGet();
        }

        long total() {
            return outcomes.values().stream().mapToLong(LongAdder::sum).sum();
        }

        long of(PostOutcome o) {
            LongAdder a = outcomes.get(o);
            return a == null ? 0 : a.sum();
        }
    }

    /** What a round's reader has seen, written by the reader actor, read by the test. */
    static final class ReaderState {
        final AtomicLong records = new AtomicLong();
        final AtomicLong lossRecords = new AtomicLong();
        final AtomicLong outOfOrder = new AtomicLong();
        final AtomicLong wrongTag = new AtomicLong();
        volatile ReadResult last;
        final int[] lastSeq = new int[IN_PLACE_POSTERS + 2];
    }

    enum Next {
        CHUNK,
        /** The second half (in-place posters only). */
        SECOND_HALF
    }

    /**
     * Posts {@code POSTS} records as poster {@code id} (tag id, key id id, aux = sequence), a chunk per
     * message, and tells {@code done} when it is done; an in-place poster does so after each half, and
     * starts the second when told.
     */
    static Behavior<Next> poster(int id, NotificationPipe pipe, ActorRef<NotificationQueue.Command> byMessage,
                                 LongAdder gone, ActorRef<Integer> done) {
        return Behaviors.setup(ctx -> {
            int[] seq = {0};
            int[] until = {byMessage != null ? POSTS : POSTS / 2};
            ctx.getSelf().tell(Next.CHUNK);
            return Behaviors.receiveMessage(n -> {
                if (n == Next.SECOND_HALF) {
                    until[0] = POSTS;
                }
                for (int i = 0; i < CHUNK && seq[0] < until[0]; i++, seq[0]++) {
                    // Every fifth record has a subtype the filter rejects.
                    int subtype = seq[0] % 5 == 4 ? KeyNotify.NOTIFY_KEY_CLEARED : KeyNotify.NOTIFY_KEY_UPDATED;
                    Notification record = KeyNotify.of(subtype, id, seq[0]);
                    if (byMessage != null) {
                        byMessage.tell(new NotificationQueue.Post(record, id, PostCheck.NONE));
                    } else if (pipe.post(record, id, PostCheck.NONE, null) == null) {
                        gone.increment();
                    }
                }
                if (seq[0] == until[0]) {
                    done.tell(id);
                    return seq[0] == POSTS ? Behaviors.stopped() : Behaviors.same();
                }
                ctx.getSelf().tell(Next.CHUNK);
                return Behaviors.same();
            });
        });
    }

    /** Blocking reads of 64 bytes (four records), one after the other, until an error or end of file. */
    static Behavior<ReadResult> reader(ActorRef<NotificationQueue.Command> queue, ReaderState state) {
        return Behaviors.setup(ctx -> {
            NotificationQueue.Read read = new NotificationQueue.Read(64, true, ctx.getSelf());
            queue.tell(read);
            return Behaviors.receiveMessage(r -> {
                state.last = r;
                if (r.isError() || r.isEof()) {
                    return Behaviors.stopped();
                }
                byte[] d = r.data();
                for (int off = 0; off < d.length; ) {
                    Notification n = Notification.decode(d, off, d.length - off);
                    off += n.length();
                    if (n.type() == 0) {
                        state.lossRecords.incrementAndGet();
                        continue;
                    }
                    state.records.incrementAndGet();
                    int id = KeyNotify.keyId(n);
                    if ((n.info() >>> 8 & 0xFF) != id) {
                        state.wrongTag.incrementAndGet();
                    }
                    if (id <= IN_PLACE_POSTERS) {
                        int seq = KeyNotify.aux(n);
                        if (seq <= state.lastSeq[id] && state.lastSeq[id] != 0) {
                            state.outOfOrder.incrementAndGet();
                        }
                        state.lastSeq[id] = seq;
                    }
                }
                queue.tell(read);
                return Behaviors.same();
            });
        });
    }

    @ParameterizedTest
    @EnumSource(DispatcherSettings.class)
    void noWakeIsLostNoOrderBrokenAndEveryPostIsAccountedFor(DispatcherSettings setting) {
        ActorTestKit testKit = ActorTestKit.create("pipe-" + setting.label(),
                setting.config().withFallback(com.typesafe.config.ConfigFactory.load()));
        try {
            for (int round = 0; round < ROUNDS; round++) {
                runRound(testKit, round, round % 2 == 1);
            }
        } finally {
            testKit.shutdownTestKit();
        }
    }

    private static void runRound(ActorTestKit testKit, int round, boolean crash) {
        CountingFates fates = new CountingFates();
        NotificationPipe pipe = new NotificationPipe(16, round, fates);
        ActorRef<NotificationQueue.Command> queue = testKit.spawn(
                NotificationQueue.create(pipe, NotificationQueue.DEFAULT_DETACH_BOUND, new RecordsInTransit()));
        pipe.attach(queue);
        TestProbe<SysResult> setup = testKit.createTestProbe();
        queue.tell(new NotificationQueue.SetSize(32, PipeLimits.WITHIN, setup.getRef()));
        queue.tell(new NotificationQueue.SetFilter(FilterRequest.of(TypeFilter.forSubtypes(1, 1)), setup.getRef()));
        assertThat(setup.receiveMessage().isOk()).isTrue();
        assertThat(setup.receiveMessage().isOk()).isTrue();

        ReaderState state = new ReaderState();
        testKit.spawn(reader(queue, state));
        TestProbe<Integer> done = testKit.createTestProbe();
        LongAdder gone = new LongAdder();
        java.util.List<ActorRef<Next>> inPlace = new java.util.ArrayList<>();
        for (int p = 1; p <= IN_PLACE_POSTERS + 1; p++) {
            ActorRef<Next> poster = testKit.spawn(poster(p, pipe, p <= IN_PLACE_POSTERS ? null : queue, gone,
                    done.getRef()));
            if (p <= IN_PLACE_POSTERS) {
                inPlace.add(poster);
            }
        }
        long total = (long) (IN_PLACE_POSTERS + 1) * POSTS;
        // the first halves and the message poster
        done.receiveSeveralMessages(IN_PLACE_POSTERS + 1, Duration.ofSeconds(20));
        inPlace.forEach(p -> p.tell(Next.SECOND_HALF));
        if (crash) {
            queue.tell(NotificationQueue.Crash.INSTANCE);   // while the second halves are posted
        }
        done.receiveSeveralMessages(IN_PLACE_POSTERS, Duration.ofSeconds(20));
        TestProbe<Void> probe = testKit.createTestProbe();
        if (crash) {
            probe.awaitAssert(Duration.ofSeconds(10), () -> {
                assertThat(fates.ended.get()).as("round %d: the queue ended", round).isEqualTo(1);
                return null;
            });
            // Posts by message that reached the queue after its crash went to the dead letters: only the
            // in-place posts are accounted for here, each exactly once.
            assertThat(fates.inPlace.sum() + gone.sum()).as("round %d: every in-place post has a fate or was told "
                    + "the queue was gone, never both", round).isEqualTo((long) IN_PLACE_POSTERS * POSTS);
            assertThat(pipe.post(KeyNotify.of(KeyNotify.NOTIFY_KEY_UPDATED, 1, 0), 1, PostCheck.NONE, null))
                    .as("a post after the end").isNull();
            assertThat(state.outOfOrder.get()).as("round %d: order", round).isZero();
            return;
        }
        assertThat(gone.sum()).isZero();
        probe.awaitAssert(Duration.ofSeconds(10), () -> {
            assertThat(fates.total()).as("round %d: every post has a fate", round).isEqualTo(total);
            assertThat(state.records.get()).as("round %d: every inserted record read, the write end open "
                    + "(a lost wake leaves the reader parked)", round).isEqualTo(fates.of(PostOutcome.INSERTED));
            return null;
        });
        TestProbe<SysResult> closed = testKit.createTestProbe();
        queue.tell(new NotificationQueue.Close(PipeEnd.WRITE, closed.getRef()));
        assertThat(closed.receiveMessage().isOk()).isTrue();
        probe.awaitAssert(Duration.ofSeconds(10), () -> {
            assertThat(state.last).isNotNull();
            assertThat(state.last.isEof()).as("round %d: end of file once drained and closed", round).isTrue();
            return null;
        });
        TestProbe<QueueStatistics> stats = testKit.createTestProbe();
        queue.tell(new NotificationQueue.GetStatistics(stats.getRef()));
        QueueStatistics s = stats.receiveMessage();
        Map<PostOutcome, Long> expected = new EnumMap<>(PostOutcome.class);
        expected.put(PostOutcome.INSERTED, s.inserted());
        expected.put(PostOutcome.FILTERED, s.filtered());
        expected.put(PostOutcome.LOST, s.lost());
        for (Map.Entry<PostOutcome, Long> e : expected.entrySet()) {
            assertThat(fates.of(e.getKey())).as("round %d: %s fates and counters", round, e.getKey())
                    .isEqualTo(e.getValue());
        }
        assertThat(s.posted()).isEqualTo(total);
        assertThat(s.filtered()).isEqualTo(total / 5);
        assertThat(s.isBalanced()).isTrue();
        assertThat(s.recordsRead()).isEqualTo(state.records.get());
        assertThat(state.lossRecords.get() > 0).as("round %d: a loss record iff records were lost", round)
                .isEqualTo(s.lost() > 0);
        assertThat(state.outOfOrder.get()).as("round %d: each in-place poster's order", round).isZero();
        assertThat(state.wrongTag.get()).as("round %d: tags", round).isZero();
        testKit.stop(queue);
    }
}
