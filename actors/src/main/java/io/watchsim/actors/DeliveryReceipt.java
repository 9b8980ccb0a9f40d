package io.watchsim.actors;

import org.apache.pekko.actor.typed.ActorRef;

import java.util.List;

/**
 * Completion signals of one event's fan-out, for callers that must know when every record of an
 * operation has reached its queues (the kernel script runner, tests). On the direct path the
 * object posts into every queue's pipe itself and then reports how many it reached: nothing is left to
 * wait for. On the earlier path through the watch actors ({@link DeliveryPath#VIA_WATCH}) the object
 * reports which watches it handed the event to, and each watch reports once it has posted to its
 * queue. A collector death-watches the object until it reports, and each watch it waits for, so that
 * one that stops first still ends its wait.
 */
sealed interface DeliveryReceipt {
    /**
     * Object {@code objectId} has posted the event to {@code delivered} queues itself and handed it
     * to the watches {@code awaiting} (newest first; empty on the direct path), each of which will
     * report {@link Forwarded}. Sent before the first of those watches is told, so it reaches the
     * collector before any {@link Forwarded}.
     */
    record Fanout(long objectId, int delivered, List<ActorRef<Watch.Command>> awaiting) implements DeliveryReceipt {
        public Fanout {
            awaiting = List.copyOf(awaiting);
        }
    }

    /** A watch has posted its records to its queue (the earlier path through the watch actors). */
    record Forwarded(ActorRef<Watch.Command> watch) implements DeliveryReceipt {
    }
}
