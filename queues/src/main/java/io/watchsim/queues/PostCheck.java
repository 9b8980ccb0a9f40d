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
        public Burst forBurst() {
            return NONE_BURST;
        }

        @Override
        public String toString() {
            return "PostCheck.NONE";
        }
    };

    /** NONE for a burst: nothing to settle, so one shared instance. */
    Burst NONE_BURST = new Burst() {
        @Override
        public boolean allows(Notification record) {
            return true;
        }

        @Override
        public void finish() {
        }
    };

    boolean allows(Notification record);

    /**
     * The check to make on each record of one burst (one {@code PostBatch}), in the queue's order
     * (filter, then check, then insert); the queue calls {@link Burst#finish()} after the last
     * record. A check may answer a burst more cheaply than record by record (decide once per
     * record type, count once), as long as each record gets the answer {@link #allows} would give.
     * By default, this check record by record.
     */
    default Burst forBurst() {
        PostCheck self = this;
        return new Burst() {
            @Override
            public boolean allows(Notification record) {
                return self.allows(record);
            }

            @Override
            public void finish() {
            }
        };
    }

    /** A check for the records of one burst; single-owner, used once. */
    interface Burst extends PostCheck {
        /** After the burst's last record: settles whatever the burst deferred (counts). */
        void finish();
    }
}
