package io.watchsim.actors;

import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Counts the receipts of one synchronous post: the fan-out counts of {@code objects} objects,
 * then one {@code Forwarded} per watch. When all are in, every record has been handed to its
 * queue's mailbox, and it answers how many watches were reached.
 */
final class ReceiptCollector {
    private ReceiptCollector() {
    }

    static Behavior<DeliveryReceipt> create(int objects, ActorRef<Integer> replyTo) {
        return collecting(objects, 0, 0, replyTo);
    }

    private static Behavior<DeliveryReceipt> collecting(int objectsLeft, long watchesExpected, long forwarded,
                                                        ActorRef<Integer> replyTo) {
        if (objectsLeft == 0 && forwarded == watchesExpected) {
            replyTo.tell((int) watchesExpected);
            return Behaviors.stopped();
        }
        return Behaviors.receive(DeliveryReceipt.class)
                .onMessage(DeliveryReceipt.Fanout.class,
                        f -> collecting(objectsLeft - 1, watchesExpected + f.watches(), forwarded, replyTo))
                .onMessage(DeliveryReceipt.Forwarded.class,
                        f -> collecting(objectsLeft, watchesExpected, forwarded + 1, replyTo))
                .build();
    }
}
