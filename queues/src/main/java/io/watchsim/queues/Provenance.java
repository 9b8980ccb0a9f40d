package io.watchsim.queues;

/**
 * Where a record in a queue came from: the object that posted it, the watch id it was posted on,
 * the object's sequence number for the post and when it was posted (on the kernel's {@link NanoClock}).
 * Kernel-side bookkeeping, never part of the bytes a reader gets: the object makes one per post and
 * every queue the post reaches keeps a reference beside the record, so that a reader can tell the
 * post-to-read latency and a history can follow each record per watch.
 *
 * @param objectId    the posting object's id (the id its removal record carries)
 * @param watchId     the id the post was made on (the key serial; a mount's dentry later)
 * @param sequence    the object's post counter, from 1; {@link #REMOVAL} for a watch's removal record
 * @param postedNanos when the object fanned the record out (the watch made it, for a removal record), on
 *                    the kernel's {@link NanoClock}: {@code System.nanoTime()} unless a run supplies its own
 */
public record Provenance(long objectId, long watchId, long sequence, long postedNanos) {
    /** The sequence number a removal record carries: it is the watch's, not one of the object's posts. */
    public static final long REMOVAL = -1;

    /** Whether this is a watch's removal record rather than one of its object's posts. */
    public boolean isRemoval() {
        return sequence == REMOVAL;
    }
}
