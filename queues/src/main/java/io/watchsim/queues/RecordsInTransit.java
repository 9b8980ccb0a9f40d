package io.watchsim.queues;

import java.util.concurrent.atomic.LongAdder;

/**
 * The kernel's backlog: what its callers have posted and its queues have not yet been given. In Linux
 * a post inserts into every queue before the system call returns, so a caller feels the fan-out; the
 * simulated kernel's fire-and-forget posts ({@code Kernel.post}, {@code EventSource}) return at once,
 * and this gauge is how a load generator feels it instead (it holds back while the backlog is high,
 * so that the mailboxes in between never grow without bound). Two things are counted:
 * <ul>
 *   <li>each record of a fire-and-forget post, from the call until its object has posted it into its
 *       queues (objects post in place, so the fan-out is done then), per record;</li>
 *   <li>each delivery sent to a queue by message (the path through the watch actors, a queue known
 *       only by its actor) until the queue gives it a fate, per delivery.</li>
 * </ul>
 *
 * <p>Multi-writer, read by anyone: callers and objects add on their threads, objects and queues
 * settle on theirs, and whoever sees a counted message lost on the way (sent to an object, watch or
 * queue that had stopped: a dead letter) settles it too. {@link #count()} is a moment's sum of
 * contention-free adders, exact once the kernel is quiet. Removal records are not counted.
 */
public final class RecordsInTransit {
    private final LongAdder handedOn = new LongAdder();
    private final LongAdder settled = new LongAdder();

    /** {@code records} records (or deliveries) entered the backlog. */
    public void handedOn(long records) {
        handedOn.add(records);
    }

    /** A queue gave one delivery sent by message its fate. */
    public void settledOne() {
        settled.increment();
    }

    /** {@code records} records were posted by their object, got a fate, or were lost on the way (dead letters). */
    public void settled(long records) {
        settled.add(records);
    }

    /** What entered the backlog and is not yet settled, now (never below 0). */
    public long count() {
        return Math.max(0, handedOn.sum() - settled.sum());
    }

    /** What entered the backlog since the kernel started. */
    public long handedOnTotal() {
        return handedOn.sum();
    }

    /** What was settled since the kernel started (equal to {@link #handedOnTotal()} when quiet). */
    public long settledTotal() {
        return settled.sum();
    }

    /** Whether {@code origin} is an object's post (counted here), not a removal or an unmarked record. */
    public static boolean counts(Provenance origin) {
        return origin != null && !origin.isRemoval();
    }
}
