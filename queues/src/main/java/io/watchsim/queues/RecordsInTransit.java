package io.watchsim.queues;

import java.util.concurrent.atomic.LongAdder;

/**
 * The records a kernel's objects have handed to their watches and that no queue has given a fate
 * yet: the kernel's backlog, counted per delivery (one post reaching 1,000 watches is 1,000). In
 * Linux a post inserts into every queue before the system call returns, so a caller feels the
 * fan-out; the simulated kernel hands records on asynchronously, and this gauge is how a load
 * generator feels it instead (it holds back while the backlog is high, so that the mailboxes in
 * between never grow without bound).
 *
 * <p>Multi-writer, read by anyone: objects add on their threads when they fan out, queues settle
 * on theirs when they decide a fate (inserted, filtered, denied, lost, dropped), and whoever sees a
 * record lost on the way (sent to a watch or queue that had stopped: a dead letter) settles it too.
 * {@link #count()} is a moment's sum of contention-free adders, exact once the kernel is quiet.
 * Removal records are not counted: watches make them, not objects' posts.
 */
public final class RecordsInTransit {
    private final LongAdder handedOn = new LongAdder();
    private final LongAdder settled = new LongAdder();

    /** An object handed {@code records} deliveries to its watches. */
    public void handedOn(long records) {
        handedOn.add(records);
    }

    /** A queue gave one record posted by an object its fate. */
    public void settledOne() {
        settled.increment();
    }

    /** {@code records} deliveries got a fate, or were lost on the way (dead letters). */
    public void settled(long records) {
        settled.add(records);
    }

    /** Deliveries handed on and not yet settled, now (never below 0). */
    public long count() {
        return Math.max(0, handedOn.sum() - settled.sum());
    }

    /** Deliveries handed on since the kernel started. */
    public long handedOnTotal() {
        return handedOn.sum();
    }

    /** Deliveries settled since the kernel started (equal to {@link #handedOnTotal()} when quiet). */
    public long settledTotal() {
        return settled.sum();
    }

    /** Whether {@code origin} is an object's post (counted here), not a removal or an unmarked record. */
    public static boolean counts(Provenance origin) {
        return origin != null && !origin.isRemoval();
    }
}
