package io.watchsim.simulations.runner;

import io.watchsim.queues.record.MountNotify;
import io.watchsim.sources.mounts.MountChangeTracker;
import io.watchsim.sources.mounts.MountChanges;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A reader's recovery through mountinfo ({@code recovery = mountinfo}): what a reader of mount
 * notifications learns of the mount trees its queue watches. Each mount record it reads names the
 * mounts it is about (the trigger and the auxiliary mount); each loss record makes it walk every
 * tree it follows with a {@link MountChangeTracker}, which asks the fsinfo-style query only where a
 * counter moved and reports the mounts that appeared, went or changed since its last walk. What it
 * found is checked at the end against the mounts that really changed ({@link MountRecoveryCheck}).
 *
 * <p>Single owner (the reader's actor); one walk at a time: a loss record read while a walk runs
 * asks for one more walk once it ends, so a loss is never left without a walk that started after
 * it was read.
 */
final class MountRecovery {
    private final List<MountChangeTracker> trackers;
    private final Set<Integer> namedByRecords = new HashSet<>();
    private final Set<Long> foundByWalks = new HashSet<>();
    private boolean walking;
    private boolean walkAgain;
    private long walks;
    private long raced;

    /** What a reader found, by the end of the run. */
    record Found(List<Integer> roots, Set<Integer> mntIds, Set<Long> uniqueIds, long walks, long infoCalls,
                 long raced) {
        Found {
            roots = List.copyOf(roots);
            mntIds = Set.copyOf(mntIds);
            uniqueIds = Set.copyOf(uniqueIds);
        }

        /** Whether the reader knows of this change: a walk reported the mount, or a record named its id. */
        boolean knows(MountChanges.Change c) {
            return uniqueIds.contains(c.uniqueId()) || mntIds.contains(c.mntId());
        }
    }

    /** @param trackers one per tree the queue watches, each started (its first, full walk done) */
    MountRecovery(List<MountChangeTracker> trackers) {
        this.trackers = List.copyOf(trackers);
    }

    /**
     * A mount record read, naming the mount it was triggered on and its auxiliary mount (its words at
     * {@link MountNotify#TRIGGERED_ON_OFFSET} and {@link MountNotify#AUXILIARY_MOUNT_OFFSET}): both
     * are known to have changed.
     */
    void onMountRecord(int triggeredOn, int auxiliaryMount) {
        namedByRecords.add(triggeredOn);
        namedByRecords.add(auxiliaryMount);
    }

    /**
     * A loss record read: the walk to make now, or null when one is running (it is made again when
     * that one ends, {@link #walked}).
     */
    CompletionStage<List<MountChanges>> onLoss() {
        if (walking) {
            walkAgain = true;
            return null;
        }
        return walk();
    }

    private CompletionStage<List<MountChanges>> walk() {
        walking = true;
        walks++;
        List<CompletableFuture<MountChanges>> all = new ArrayList<>();
        for (MountChangeTracker t : trackers) {
            all.add(t.recover().toCompletableFuture());
        }
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))
                .thenApply(v -> all.stream().map(CompletableFuture::join).toList());
    }

    /**
     * A walk ended with {@code changes} (null when it failed): what it found is kept; returns the
     * next walk when a loss record came meanwhile, else null.
     */
    CompletionStage<List<MountChanges>> walked(List<MountChanges> changes) {
        walking = false;
        if (changes != null) {
            for (MountChanges c : changes) {
                raced += c.raced() ? 1 : 0;
                for (MountChanges.Change change : c.changes()) {
                    foundByWalks.add(change.uniqueId());
                }
            }
        }
        if (walkAgain) {
            walkAgain = false;
            return walk();
        }
        return null;
    }

    boolean walking() {
        return walking;
    }

    Found found() {
        return new Found(trackers.stream().map(MountChangeTracker::rootMntId).toList(), namedByRecords, foundByWalks,
                walks,
                trackers.stream().mapToLong(MountChangeTracker::infoCalls).sum(), raced);
    }
}
