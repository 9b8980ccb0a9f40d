package io.watchsim.sources.mounts;

import io.watchsim.queues.SysResult;

import java.util.function.Supplier;

/**
 * A {@link RacingRename} waiting for its landing point in the walk ({@link MountNotifier}), and what
 * happened when it landed: its result, and whether it moved an entry (d_move() bumps rename_lock's
 * sequence; a failed rename, or one of an entry onto itself, does not). Single owner: the table.
 */
final class PendingRename {
    /** A rename carried out on the namespace: its result, and whether an entry moved. */
    record Done(SysResult result, boolean moved) {
    }

    final int afterWatched;
    private final Supplier<Done> rename;
    private Done done;
    private RacingRename.Landing landing;

    PendingRename(int afterWatched, Supplier<Done> rename) {
        this.afterWatched = afterWatched;
        this.rename = rename;
    }

    /** Carries the rename out now, once; {@code where} says where. */
    void land(RacingRename.Landing where) {
        if (done == null) {
            done = rename.get();
            landing = where;
        }
    }

    boolean landed() {
        return done != null;
    }

    /** Whether it landed during the walk and moved an entry: the walk's pass is then inconsistent. */
    boolean movedDuringWalk() {
        return done != null && done.moved() && landing == RacingRename.Landing.DURING_WALK;
    }

    RacingRename.Outcome outcome(SysResult call) {
        return new RacingRename.Outcome(call, done.result(), landing);
    }
}
