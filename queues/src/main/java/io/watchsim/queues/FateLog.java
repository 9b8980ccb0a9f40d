package io.watchsim.queues;

import io.watchsim.queues.record.Notification;
import io.watchsim.queues.ring.PostOutcome;

/**
 * Where a queue tells, when a history is asked for, what became of each record posted to it and
 * when it ended. Called under the queue's pipe lock ({@link NotificationPipe}), in the queue's order,
 * on the poster's thread or the queue's; an implementation must be thread-safe (many queues call it
 * at once) and must not block. {@link #OFF} is free.
 */
public interface FateLog {
    /** The log of a run that asked for no history. */
    FateLog OFF = new FateLog() {
        @Override
        public boolean isOn() {
            return false;
        }

        @Override
        public void fate(long queueId, Provenance origin, int tag, Notification record, PostOutcome outcome) {
        }

        @Override
        public void queueEnded(long queueId, boolean crashed) {
        }
    };

    /** False for {@link #OFF}: callers skip building what they would log. */
    default boolean isOn() {
        return true;
    }

    /** Queue {@code queueId} decided {@code outcome} for {@code record}, posted with {@code tag}. */
    void fate(long queueId, Provenance origin, int tag, Notification record, PostOutcome outcome);

    /** Queue {@code queueId} stopped: defunct after both ends closed, or crashed (fault injection). */
    void queueEnded(long queueId, boolean crashed);
}
