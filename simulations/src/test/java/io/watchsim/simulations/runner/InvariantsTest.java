package io.watchsim.simulations.runner;

import io.watchsim.queues.ring.QueueStatistics;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each invariant catches the violation it names: a clean ledger holds, and a ledger with one
 * planted fault (a record dropped between ring and reader, a fate missing, a loss unannounced,
 * a loss record without a loss, a second removal, a record after a removal, a missing removal, a
 * call never answered) is reported with the queue or object at fault.
 */
class InvariantsTest {
    private static final long Q = 7;
    private static final int KEY = 42;

    /** posted, inserted, filtered, denied, lost, lostUnreported, dropped, read, lossRead, queued. */
    private static QueueStatistics stats(long posted, long inserted, long filtered, long denied, long lost,
                                         long lostUnreported, long dropped, long read, long lossRead, int queued) {
        return new QueueStatistics(posted, inserted, filtered, denied, lost, lostUnreported, dropped, read, lossRead,
                read * 16, 0, queued);
    }

    private static QueueReaders.Tally tally(long records, long removals, long lossMarks, Map<Long, Integer> removalsBy,
                                           List<String> removalViolations) {
        return new QueueReaders.Tally(Q, "g", records, removals, lossMarks, 0, Map.of((long) KEY, records), removalsBy,
                removalViolations, false);
    }

    private static final BuiltWorld WORLD = new BuiltWorld(Map.of("keys", List.of(KEY)), Map.of(),
            Map.of("queues", List.of(Q)), List.of(new BuiltWorld.WatchSet("rule", Q, KEY, 1)));

    @Test
    void aCleanLedgerHoldsEveryInvariant() {
        var stats = Map.of(Q, stats(10, 8, 1, 1, 0, 0, 0, 8, 0, 0));
        var tallies = Map.of(Q, tally(8, 0, 0, Map.of(), List.of()));
        assertThat(Invariants.conservation(new FaultEffects(), stats, tallies).status()).isEqualTo(RunResult.Status.HELD);
        assertThat(Invariants.lossMarking(new FaultEffects(), stats, tallies).status()).isEqualTo(RunResult.Status.HELD);
        assertThat(Invariants.removal(WORLD, new FaultEffects(), stats, tallies).status()).isEqualTo(RunResult.Status.HELD);
        assertThat(Invariants.liveness(new RunCounters()).status()).isEqualTo(RunResult.Status.HELD);
    }

    @Test
    void conservationCatchesAMissingFateARecordNeverReadAndOneLostOnTheWayToTheReader() {
        var tallies = Map.of(Q, tally(8, 0, 0, Map.of(), List.of()));
        var noFate = Invariants.conservation(new FaultEffects(), Map.of(Q, stats(11, 8, 1, 1, 0, 0, 0, 8, 0, 0)), tallies);
        assertThat(noFate.status()).isEqualTo(RunResult.Status.VIOLATED);
        assertThat(noFate.examples()).singleElement().asString().contains("queue 7: posted 11");
        var unread = Invariants.conservation(new FaultEffects(), Map.of(Q, stats(10, 8, 1, 1, 0, 0, 0, 7, 0, 0)), tallies);
        assertThat(unread.examples()).singleElement().asString().contains("7 read out and 0 still queued");
        var dropped = Invariants.conservation(new FaultEffects(), Map.of(Q, stats(10, 8, 1, 1, 0, 0, 0, 8, 0, 0)),
                Map.of(Q, tally(7, 0, 0, Map.of(), List.of())));
        assertThat(dropped.examples()).singleElement().asString().contains("its reader counted 7");
        FaultEffects closed = new FaultEffects();
        closed.queueClosed(Q);
        assertThat(Invariants.conservation(closed, Map.of(Q, stats(11, 8, 1, 1, 0, 0, 0, 8, 0, 0)), tallies).status())
                .as("a queue a fault closed owes nothing").isEqualTo(RunResult.Status.HELD);
    }

    @Test
    void lossMarkingCatchesAnUnannouncedLossAndALossRecordWithoutALoss() {
        var unannounced = Invariants.lossMarking(new FaultEffects(), Map.of(Q, stats(10, 6, 0, 0, 4, 0, 0, 6, 0, 0)),
                Map.of(Q, tally(6, 0, 0, Map.of(), List.of())));
        assertThat(unannounced.examples()).singleElement().asString().contains("lost 4 records, read no loss record");
        var invented = Invariants.lossMarking(new FaultEffects(), Map.of(Q, stats(10, 10, 0, 0, 0, 0, 0, 10, 1, 0)),
                Map.of(Q, tally(10, 0, 1, Map.of(), List.of())));
        assertThat(invented.examples()).singleElement().asString().contains("read 1 loss records, lost 0");
        var emptyRing = Invariants.lossMarking(new FaultEffects(), Map.of(Q, stats(4, 0, 0, 0, 4, 4, 0, 0, 0, 0)),
                Map.of(Q, tally(0, 0, 0, Map.of(), List.of())));
        assertThat(emptyRing.status()).as("a loss into an empty ring cannot be flagged, as in Linux")
                .isEqualTo(RunResult.Status.HELD);
    }

    @Test
    void removalCatchesAMissingRemovalASecondOneAndARecordAfterIt() {
        FaultEffects destroyed = new FaultEffects();
        destroyed.destroyed(KEY);
        var clean = Map.of(Q, stats(3, 3, 0, 0, 0, 0, 0, 3, 0, 0));
        var missing = Invariants.removal(WORLD, destroyed, clean, Map.of(Q, tally(3, 0, 0, Map.of(), List.of())));
        assertThat(missing.examples()).singleElement().asString().contains("0 removal records for object 42");
        var one = Invariants.removal(WORLD, destroyed, clean, Map.of(Q, tally(2, 1, 0, Map.of(42L, 1), List.of())));
        assertThat(one.status()).isEqualTo(RunResult.Status.HELD);
        var twice = Invariants.removal(WORLD, new FaultEffects(), clean,
                Map.of(Q, tally(1, 2, 0, Map.of(42L, 2), List.of("queue 7: removal record 2 for object 42"))));
        assertThat(twice.examples()).contains("queue 7: removal record 2 for object 42");
        var after = Invariants.removal(WORLD, new FaultEffects(), clean,
                Map.of(Q, tally(2, 1, 0, Map.of(42L, 1), List.of("queue 7: a record of object 42 after its removal record"))));
        assertThat(after.status()).isEqualTo(RunResult.Status.VIOLATED);
        FaultEffects crashedWatch = new FaultEffects();
        crashedWatch.destroyed(KEY);
        crashedWatch.watchCrashed(Q, KEY);
        assertThat(Invariants.removal(WORLD, crashedWatch, clean, Map.of(Q, tally(3, 0, 0, Map.of(), List.of()))).status())
                .as("a crashed watch owes no removal").isEqualTo(RunResult.Status.HELD);
    }

    @Test
    void livenessCatchesACallNeverAnswered() {
        RunCounters c = new RunCounters();
        c.unanswered("update of key 42 by generator churn: no answer within 30s");
        var v = Invariants.liveness(c);
        assertThat(v.status()).isEqualTo(RunResult.Status.VIOLATED);
        assertThat(v.examples()).containsExactly("update of key 42 by generator churn: no answer within 30s");
    }
}
