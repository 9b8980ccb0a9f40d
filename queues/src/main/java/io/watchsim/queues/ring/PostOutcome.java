package io.watchsim.queues.ring;

/**
 * What became of one record offered to one queue. Every post ends in exactly one of these, so
 * that a simulation can account for every record.
 */
public enum PostOutcome {
    /** Inserted whole into the ring. */
    INSERTED,
    /** Rejected by the queue's filter. */
    FILTERED,
    /** Refused by the LSM post hook (the queue is skipped silently, no loss flag). */
    DENIED,
    /** The ring was full or had no slots: a LOSS flag was set (or, before SET_SIZE, nothing). */
    LOST,
    /** The queue was already defunct (both ends closed): dropped silently. */
    DROPPED_DEFUNCT
}
