package io.watchsim.actors;

/**
 * Test-only kernel bugs, planted on purpose so that tests can show the invariant checkers catch
 * them ({@link KernelSettings#withPlantedFault}). A real run never sets one; {@link #NONE} costs a
 * reference comparison per post. Most fire always; the {@linkplain #onRace race} ones only under one rare
 * interleaving. Each bug acts where a watch's records are posted to its queue (the
 * object on the direct path, the watch actor on the earlier one: {@link PlantedDelivery}).
 */
public enum PlantedFault {
    /** No bug: the kernel as it is. */
    NONE,
    /** Every third record of every watch is dropped (never posted, no one told). */
    DROP_RECORDS,
    /** Every watch's records are posted in swapped pairs: the second before the first. */
    REORDER_RECORDS,
    /** Every watch's records are posted without the LSM post hook: records the policy refuses reach the queue. */
    SKIP_POST_HOOK,
    /** A removed or ended watch sends its removal record twice. */
    DOUBLE_REMOVAL,
    /**
     * Rare, decided by the interleaving: when an object handles a post within {@link #RACE_NANOS} of
     * learning that one of its watches' queues ended (the queue-close race), the post's records and the next
     * ones of each of its watches are posted in swapped pairs. Only some orders of a close and a post meet
     * that close: for {@code watchsim explore} to find and {@code replay} to reproduce.
     */
    REORDER_ON_RACE,
    /**
     * Rare, decided by the interleaving: when an object is asked to crash a watch within {@link #RACE_NANOS}
     * of learning that one of its watches' queues ended, it crashes it but never answers, so the call is not
     * answered within its bound (the shape of the queue-close race that hung key calls).
     */
    DROP_REPLY_ON_CLOSE_RACE;

    /** How close on the kernel's clock a post must follow a queue's end for the race bugs to fire. */
    public static final long RACE_NANOS = 1_000;

    /** Whether this is one of the bugs that fire only when a post meets a queue's end. */
    public boolean onRace() {
        return this == REORDER_ON_RACE || this == DROP_REPLY_ON_CLOSE_RACE;
    }
}
