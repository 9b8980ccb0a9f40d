package io.watchsim.simulations.history;

import io.watchsim.actors.KernelHistory.Unwatch;
import io.watchsim.policies.Credentials;
import io.watchsim.policies.Decision;
import io.watchsim.policies.PermissiveModule;
import io.watchsim.policies.SecurityModule;
import io.watchsim.queues.Errno;
import io.watchsim.queues.Provenance;
import io.watchsim.queues.record.KeyNotify;
import io.watchsim.queues.record.MetaNotify;
import io.watchsim.queues.record.Notification;
import io.watchsim.queues.record.WatchNotification;
import io.watchsim.queues.ring.PostOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The history checker on small, hand-written histories: a clean one holds, and each invariant
 * catches the violation planted in a copy of it (a record dropped, two swapped, a denied record
 * delivered, an allowed one denied, a removal twice or never, a record after a removal, a loss
 * not announced or announced without a loss, the reader given what the queue never kept).
 */
class HistoryCheckerTest {
    private static final long OBJ = 7;
    private static final long Q = 3;
    private static final int TAG = 5;
    private static final Credentials ROOT = Credentials.root();
    private static final SecurityModule DENY_ALL = new SecurityModule() {
        @Override
        public String name() {
            return "deny-all";
        }

        @Override
        public Decision postNotification(Credentials watcher, Credentials generator, Notification n) {
            return Decision.deny(Errno.EACCES, "test", "every post refused");
        }
    };

    /** A history being written by a test: events in order, and the records each post made. */
    private static final class History {
        final List<HistoryEvent> events = new ArrayList<>();
        long policy = 1;

        History watch() {
            events.add(new HistoryEvent.Watched(OBJ, OBJ, Q, TAG, ROOT));
            return this;
        }

        History unwatch(Unwatch why) {
            events.add(new HistoryEvent.Unwatched(OBJ, OBJ, Q, why));
            return this;
        }

        static Notification record(long seq) {
            return KeyNotify.of(KeyNotify.NOTIFY_KEY_UPDATED, (int) OBJ, (int) seq);
        }

        static Provenance origin(long seq) {
            return new Provenance(OBJ, OBJ, seq, seq);
        }

        History post(long... seqs) {
            for (long s : seqs) {
                events.add(new HistoryEvent.Posted(OBJ, OBJ, s, s, record(s), ROOT, policy));
            }
            return this;
        }

        History fate(long seq, PostOutcome outcome) {
            events.add(new HistoryEvent.Fate(Q, origin(seq), TAG, record(seq), outcome));
            return this;
        }

        History inserted(long... seqs) {
            for (long s : seqs) {
                fate(s, PostOutcome.INSERTED);
            }
            return this;
        }

        History removal(PostOutcome outcome) {
            events.add(new HistoryEvent.Fate(Q, new Provenance(OBJ, OBJ, Provenance.REMOVAL, 0), TAG,
                    MetaNotify.removal(OBJ), outcome));
            return this;
        }

        /** The reader reads these posts (0: a loss record, -1: the removal record), as the ring lays them out. */
        History read(long... seqs) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Provenance[] origins = new Provenance[seqs.length];
            for (int i = 0; i < seqs.length; i++) {
                Notification n = seqs[i] == 0 ? MetaNotify.loss() : seqs[i] < 0 ? MetaNotify.removal(OBJ) : record(seqs[i]);
                int info = seqs[i] == 0 ? n.info() : WatchNotification.withTag(n.info(), TAG);
                out.writeBytes(n.toBytes(info));
                origins[i] = seqs[i] == 0 ? null : seqs[i] < 0 ? new Provenance(OBJ, OBJ, Provenance.REMOVAL, 0)
                        : origin(seqs[i]);
            }
            events.add(new HistoryEvent.Read(Q, 0, out.toByteArray(), origins));
            return this;
        }

        HistoryVerdict check(SecurityModule module) {
            HistoryChecker c = new HistoryChecker(v -> module);
            events.forEach(c::accept);
            return c.finish();
        }

        HistoryVerdict check() {
            return check(PermissiveModule.INSTANCE);
        }
    }

    private static void onlyViolated(HistoryVerdict v, String invariant) {
        assertThat(v.check(invariant).held()).as(String.join("\n", v.describe())).isFalse();
        v.checks().values().stream().filter(c -> !c.invariant().equals(invariant))
                .forEach(c -> assertThat(c.held()).as(c.invariant() + "\n" + String.join("\n", v.describe())).isTrue());
        assertThat(v.first()).startsWith(invariant + ":");
        assertThat(v.context()).as("the events around the first violation").isNotEmpty();
    }

    @Test
    void aCleanHistoryHolds() {
        HistoryVerdict v = new History().watch().post(1, 2, 3).inserted(1, 2, 3).read(1, 2).read(3)
                .unwatch(Unwatch.DESTROYED).removal(PostOutcome.INSERTED).read(-1).check();
        assertThat(v.held()).as(String.join("\n", v.describe())).isTrue();
        assertThat(v.first()).isNull();
        assertThat(v.posts()).isEqualTo(3);
        assertThat(v.fates()).containsEntry("inserted", 4L);
    }

    @Test
    void aRecordDroppedBeforeItsQueueBreaksConservation() {
        onlyViolated(new History().watch().post(1, 2, 3).inserted(1, 3).read(1, 3).check(), "conservation");
    }

    @Test
    void postsBeforeTheWatchOrAfterItAreNotOwed() {
        HistoryVerdict v = new History().post(1).watch().post(2).inserted(2).read(2).unwatch(Unwatch.REMOVED)
                .removal(PostOutcome.INSERTED).read(-1).post(3).check();
        assertThat(v.held()).as(String.join("\n", v.describe())).isTrue();
    }

    @Test
    void swappedRecordsBreakOrdering() {
        onlyViolated(new History().watch().post(1, 2).inserted(2, 1).read(2, 1).check(), "ordering");
    }

    @Test
    void aDeniedRecordDeliveredBreaksSecurity() {
        onlyViolated(new History().watch().post(1).inserted(1).read(1).check(DENY_ALL), "security");
    }

    @Test
    void anAllowedRecordDeniedBreaksSecurity() {
        onlyViolated(new History().watch().post(1).fate(1, PostOutcome.DENIED).check(), "security");
    }

    @Test
    void aDeniedRecordRefusedHolds() {
        HistoryVerdict v = new History().watch().post(1).fate(1, PostOutcome.DENIED).check(DENY_ALL);
        assertThat(v.held()).as(String.join("\n", v.describe())).isTrue();
    }

    @Test
    void twoRemovalsBreakRemoval() {
        onlyViolated(new History().watch().unwatch(Unwatch.DESTROYED).removal(PostOutcome.INSERTED)
                .removal(PostOutcome.INSERTED).read(-1, -1).check(), "removal");
    }

    @Test
    void noRemovalAfterADestroyBreaksRemoval() {
        onlyViolated(new History().watch().post(1).inserted(1).read(1).unwatch(Unwatch.DESTROYED).check(), "removal");
    }

    @Test
    void aRecordAfterTheRemovalBreaksRemoval() {
        HistoryVerdict v = new History().watch().post(1).unwatch(Unwatch.REMOVED).removal(PostOutcome.INSERTED)
                .inserted(1).read(-1, 1).check();
        assertThat(v.check("removal").held()).as(String.join("\n", v.describe())).isFalse();
    }

    @Test
    void aQueueThatEndsFirstOwesNoRemoval() {
        HistoryVerdict v = new History().watch().post(1).inserted(1).read(1).unwatch(Unwatch.QUEUE_ENDED)
                .check();
        assertThat(v.held()).as(String.join("\n", v.describe())).isTrue();
    }

    @Test
    void aLossAnnouncedRightAfterTheFlaggedRecordHolds() {
        HistoryVerdict v = new History().watch().post(1, 2, 3).inserted(1).fate(2, PostOutcome.LOST).inserted(3)
                .read(1, 0, 3).check();
        assertThat(v.held()).as(String.join("\n", v.describe())).isTrue();
    }

    @Test
    void aLossReadLaterInItsOwnReadHolds() {
        HistoryVerdict v = new History().watch().post(1, 2, 3).inserted(1).fate(2, PostOutcome.LOST).read(1)
                .inserted(3).read(0, 3).check();
        assertThat(v.held()).as(String.join("\n", v.describe())).isTrue();
    }

    @Test
    void aLossNotAnnouncedBreaksLossMarking() {
        onlyViolated(new History().watch().post(1, 2, 3).inserted(1).fate(2, PostOutcome.LOST).inserted(3)
                .read(1, 3).check(), "loss-marking");
    }

    @Test
    void aLossRecordWithoutALossBreaksLossMarking() {
        onlyViolated(new History().watch().post(1, 2).inserted(1, 2).read(1, 0, 2).check(), "loss-marking");
    }

    @Test
    void aLossNeverAnnouncedByTheEndBreaksLossMarking() {
        onlyViolated(new History().watch().post(1, 2).inserted(1).fate(2, PostOutcome.LOST).read(1).check(),
                "loss-marking");
    }

    @Test
    void aReaderGivenWhatTheQueueNeverKeptBreaksConservation() {
        onlyViolated(new History().watch().post(1, 2).inserted(1, 2).read(2, 1).check(), "conservation");
    }

    @Test
    void recordsKeptButNeverReadBreakConservation() {
        onlyViolated(new History().watch().post(1, 2).inserted(1, 2).read(1).check(), "conservation");
    }

    @Test
    void aWatchThatCrashedCountsItsMissingRecordsAsDeadLetters() {
        HistoryVerdict v = new History().watch().post(1, 2, 3).inserted(1).read(1).unwatch(Unwatch.WATCH_LOST).check();
        assertThat(v.held()).as(String.join("\n", v.describe())).isTrue();
        assertThat(v.deadLetters()).isEqualTo(2);
    }

    @Test
    void aWatchThatCrashedBeforeItsObjectOwesNoRemoval() {
        History h = new History().watch().post(1).inserted(1).read(1);
        h.events.add(new HistoryEvent.WatchLost(OBJ, OBJ, Q));
        HistoryVerdict v = h.unwatch(Unwatch.OBJECT_GONE).check();
        assertThat(v.held()).as(String.join("\n", v.describe())).isTrue();
    }

    @Test
    void aWrittenHistoryChecksTheSame(@TempDir Path dir) throws Exception {
        History h = new History().watch().post(1, 2, 3).inserted(1, 3).read(1, 3);
        h.events.add(0, new HistoryEvent.PolicyInForce(1, List.of("permissive"), "extended", List.of()));
        HistoryVerdict inMemory = h.check();
        Path file = dir.resolve("h.jsonl.gz");
        try (HistoryFile.Writer w = HistoryFile.create(file)) {
            h.events.forEach(w::write);
        }
        HistoryPolicies.Rebuilt policies = new HistoryPolicies.Rebuilt();
        HistoryChecker c = new HistoryChecker(policies);
        HistoryFile.read(file, e -> {
            if (e instanceof HistoryEvent.PolicyInForce p) {
                policies.add(p);
            }
            c.accept(e);
        });
        HistoryVerdict again = c.finish();
        assertThat(again.checks()).isEqualTo(inMemory.checks());
        assertThat(again.first()).isEqualTo(inMemory.first());
        assertThat(again.events()).isEqualTo(inMemory.events());
    }
}
