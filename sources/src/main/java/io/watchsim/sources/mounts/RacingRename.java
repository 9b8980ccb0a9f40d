package io.watchsim.sources.mounts;

import io.watchsim.queues.SysResult;

import java.util.Objects;

/**
 * A rename(2) by another task that races with a mount call's rootward walk, made to land at a chosen
 * point so that the race is deterministic: once the call's first walk has reached
 * {@code afterWatched} watched directories (0: as the walk starts), between that step and the next.
 * A walk that reaches fewer has the rename land right after it; a call that makes no walk (it fails,
 * or posts no mount record) has it land after the call.
 *
 * <p>A rename that moves an entry bumps rename_lock's sequence, so ver #5's walk, which began
 * without the lock, starts again from the trigger mount's root with the lock held, and the records
 * of its first pass stay posted: the watches reached both times get the record twice
 * ({@link V5Bug#RENAME_RETRY_DUPLICATES}). Meant: the first pass counts for nothing, and each watch on
 * the walk's final path gets the record once. See docs/KERNEL-BEHAVIOUR.md, "Renames and the walk".
 *
 * @param from         the entry renamed (an absolute path)
 * @param to           its new path, in the same mount
 * @param afterWatched how many watched directories the walk reaches before the rename lands, 0 or more
 */
public record RacingRename(String from, String to, int afterWatched) {
    public RacingRename {
        Objects.requireNonNull(from);
        Objects.requireNonNull(to);
        if (afterWatched < 0) {
            throw new IllegalArgumentException("afterWatched " + afterWatched + " is negative; expected 0 or more");
        }
    }

    /** Where the rename landed. */
    public enum Landing {
        /** Between two steps of the call's first walk, after {@code afterWatched} watched directories. */
        DURING_WALK,
        /** Right after the call's first walk, which reached fewer watched directories. */
        AFTER_WALK,
        /** After the call, which made no walk. */
        AFTER_CALL
    }

    /**
     * What a call with a racing rename did.
     *
     * @param result  the call's own result
     * @param rename  the rename's result: 0 or its errno
     * @param landing where the rename landed
     */
    public record Outcome(SysResult result, SysResult rename, Landing landing) {
        public Outcome {
            Objects.requireNonNull(result);
            Objects.requireNonNull(rename);
            Objects.requireNonNull(landing);
        }
    }
}
