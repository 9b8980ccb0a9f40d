package io.watchsim.queues;

import org.apache.pekko.actor.typed.Behavior;

/**
 * A watch as its queue sees it: the actor the queue starts as its child when the watch is set,
 * and owns until the queue ends. In Linux the queue keeps its watches on a list and, when it goes
 * defunct, takes each off its object before close() returns (watch_queue_clear). Here the queue
 * tells each child {@link #queueEnding()}; the child takes itself off its object and stops, and
 * the queue answers the close once every child has stopped. The watch machinery implements it
 * ({@code io.watchsim.actors.Watch}); the queue needs to know no more than this.
 */
public interface WatchSpec {
    /** The watch actor's behavior; records for it are posted to the queue that spawns it. */
    Behavior<?> behavior();

    /**
     * The message that tells a running watch of this kind that its queue is ending: the watch
     * must leave its object's list and then stop. The same (immutable) message for every watch.
     */
    Object queueEnding();
}
