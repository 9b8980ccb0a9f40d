package io.watchsim.queues;

import io.watchsim.queues.record.Notification;

/**
 * The check a queue makes on each record after its filter and before insertion: the LSM's
 * post_notification hook for the watch that posts it. A refused record is counted as denied
 * and skipped silently, with no loss flag. Meta records are never checked.
 *
 * <p>Implementations are immutable records (no lambdas), so a check can travel in a message.
 */
public interface PostCheck {
    /** No LSM: every record passes. */
    PostCheck NONE = new PostCheck() {
        @Override
        public boolean allows(Notification record) {
            return true;
        }

        @Override
        public String toString() {
            return "PostCheck.NONE";
        }
    };

    boolean allows(Notification record);
}
