package io.watchsim.actors;

import io.watchsim.queues.NotificationQueue;
import io.watchsim.queues.PostCheck;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * Where a planted bug ({@link PlantedFault}, tests only) acts on the records of one watch: on whichever
 * actor posts them to the queue (the object on the direct path, the watch actor on the earlier one), so
 * that the bug fires wherever records flow. It keeps the watch's count of records posted so far and
 * the record held back; allocated only under a planted bug. Single owner.
 */
final class PlantedDelivery {
    private long count;
    private NotificationQueue.Post held;

    /** The post check a record carries under {@code fault}: none when the bug skips the post hook. */
    static PostCheck check(PlantedFault fault, PostCheck check) {
        return fault == PlantedFault.SKIP_POST_HOOK ? PostCheck.NONE : check;
    }

    /** Whether a record is held back, waiting for the next to be posted before it. */
    boolean holding() {
        return held != null;
    }

    /** Posts one record of the watch to {@code queue} as {@code fault} would (drops, swaps or passes it). */
    void post(PlantedFault fault, ActorRef<NotificationQueue.Command> queue, NotificationQueue.Post post) {
        count++;
        switch (fault) {
            case DROP_RECORDS -> {
                if (count % 3 != 0) {
                    queue.tell(post);
                }
            }
            case REORDER_RECORDS -> {
                if (held == null) {
                    held = post;
                } else {
                    queue.tell(post);
                    queue.tell(held);
                    held = null;
                }
            }
            default -> queue.tell(post);
        }
    }
}
