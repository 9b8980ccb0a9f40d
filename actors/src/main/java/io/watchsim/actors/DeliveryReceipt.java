package io.watchsim.actors;

/**
 * Completion signals of one event's fan-out, for callers that must know when every record of an
 * operation has reached its queues (the kernel script runner, tests): each object reports how
 * many watches it handed the event to, each watch reports once it has posted to its queue.
 */
public sealed interface DeliveryReceipt {
    /** An object handed the event to {@code watches} watches. */
    record Fanout(long objectId, int watches) implements DeliveryReceipt {
    }

    /** A watch has posted its records to its queue. */
    record Forwarded() implements DeliveryReceipt {
    }

    Forwarded FORWARDED = new Forwarded();
}
