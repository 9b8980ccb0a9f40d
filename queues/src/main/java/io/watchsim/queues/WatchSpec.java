package io.watchsim.queues;

import org.apache.pekko.actor.typed.Behavior;

/**
 * A watch as its queue sees it: the actor the queue starts as its child when the watch is set,
 * and owns until the queue ends. In Linux the queue keeps its watches on a list and, when it goes
 * defunct, takes each off its object (watch_queue_clear); here the queue's end stops its
 * children, and each tells its object it is gone. The watch machinery implements it
 * ({@code io.watchsim.actors.Watch}); the queue needs to know no more than this.
 */
public interface WatchSpec {
    /** The watch actor's behavior; it posts to the queue that spawns it. */
    Behavior<?> behavior();
}
