package io.watchsim.actors;

import org.apache.pekko.actor.typed.ActorRef;

import java.util.List;

/**
 * Completion signals of one event's fan-out, for callers that must know when every record of an
 * operation has reached its queues (the kernel script runner, tests): each object reports which
 * watches it handed the event to, each watch reports once it has posted to its queue. A collector
 * death-watches both, so that a watch or object that stops first still ends its wait.
 */
sealed interface DeliveryReceipt {
    /**
     * Object {@code objectId} is handing the event to these watches (newest first); sent before
     * the first of them is told, so it reaches the collector before any {@link Forwarded}.
     */
    record Fanout(long objectId, List<ActorRef<Watch.Command>> watches) implements DeliveryReceipt {
        public Fanout {
            watches = List.copyOf(watches);
        }
    }

    /** A watch has posted its records to its queue. */
    record Forwarded(ActorRef<Watch.Command> watch) implements DeliveryReceipt {
    }
}
