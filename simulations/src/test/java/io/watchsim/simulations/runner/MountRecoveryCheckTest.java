package io.watchsim.simulations.runner;

import io.watchsim.sources.mounts.MountChanges;
import io.watchsim.sources.mounts.MountChanges.Change;
import io.watchsim.sources.mounts.MountChanges.Counters;
import io.watchsim.sources.mounts.MountChanges.Kind;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The end-of-run check of the readers that recover through mountinfo: a change counts as found
 * when a walk reported the mount (by unique id) or a record the reader read named its mount id;
 * any other change is missed, and a reader whose queue was closed is held to nothing.
 */
class MountRecoveryCheckTest {
    private static final int TOP = 40;
    /** Over the run: mount 41 (unique 501) changed, 42 (unique 502) went, 43 (unique 503) appeared. */
    private static final Map<Integer, MountChanges> CHANGES = Map.of(TOP, new MountChanges(List.of(
            new Change(Kind.CHANGED, 41, 501, new Counters(1, 0), new Counters(2, 0)),
            new Change(Kind.GONE, 42, 502, new Counters(0, 0), null),
            new Change(Kind.APPEARED, 43, 503, null, new Counters(0, 0))), 3, false));

    private static QueueReaders.Tally tally(long queue, MountRecovery.Found found) {
        return new QueueReaders.Tally(queue, "g", 0, 0, 0, 0, Map.of(), Map.of(), List.of(), false, List.of(), found);
    }

    private static MountRecovery.Found found(Set<Integer> named, Set<Long> walked) {
        return new MountRecovery.Found(List.of(TOP), named, walked, walked.isEmpty() ? 0 : 1, 5, 0);
    }

    @Test
    void aReaderThatLearntNothingMissedEveryChange() {
        MountRecoveryCheck.Outcome o = MountRecoveryCheck.judge(CHANGES, Map.of(1L, tally(1, found(Set.of(), Set.of()))),
                new FaultEffects());
        assertThat(o.changes()).isEqualTo(3);
        assertThat(o.missed()).isEqualTo(3);
        assertThat(o.examples()).hasSize(3).first().asString().contains("queue 1").contains("changed 41");
    }

    @Test
    void recordsAndWalksTogetherFindEveryChange() {
        // the records named 41 and 42 (a SETATTR, an UNMOUNT); a walk after a loss found 503
        MountRecoveryCheck.Outcome o = MountRecoveryCheck.judge(CHANGES,
                Map.of(1L, tally(1, found(Set.of(41, 42, 40), Set.of(503L)))), new FaultEffects());
        assertThat(o.missed()).isZero();
        assertThat(o.changes()).isEqualTo(3);
        assertThat(o.walks()).isEqualTo(1);
        assertThat(o.infoCalls()).isEqualTo(5);
    }

    @Test
    void aChangeOnlyAnotherMountWithTheSameIdWasNamedForIsFoundByItsMountIdAndAWalkFindsItByUniqueId() {
        // a record naming 43 counts: mount ids name one mount at a time, and the walk that follows
        // a lost record names the unique id; one the reader never heard of by either way is missed
        MountRecoveryCheck.Outcome byId = MountRecoveryCheck.judge(CHANGES,
                Map.of(1L, tally(1, found(Set.of(41, 42, 43), Set.of()))), new FaultEffects());
        assertThat(byId.missed()).isZero();
        MountRecoveryCheck.Outcome oneMissing = MountRecoveryCheck.judge(CHANGES,
                Map.of(1L, tally(1, found(Set.of(41), Set.of(502L)))), new FaultEffects());
        assertThat(oneMissing.missed()).isEqualTo(1);
        assertThat(oneMissing.examples()).singleElement().asString().contains("appeared 43 (unique 503)");
    }

    @Test
    void readersThatDoNotRecoverOrWhoseQueueWasClosedAreNotHeldToIt() {
        FaultEffects effects = new FaultEffects();
        effects.queueClosed(2);
        MountRecoveryCheck.Outcome o = MountRecoveryCheck.judge(CHANGES, Map.of(
                1L, tally(1, null),
                2L, tally(2, found(Set.of(), Set.of()))), effects);
        assertThat(o.changes()).isZero();
        assertThat(o.missed()).isZero();
    }
}
