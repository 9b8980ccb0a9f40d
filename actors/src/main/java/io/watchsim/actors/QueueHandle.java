package io.watchsim.actors;

import io.watchsim.queues.NotificationQueue;
import org.apache.pekko.actor.typed.ActorRef;

/** A notification queue of a kernel: its id and its actor. */
public record QueueHandle(long id, ActorRef<NotificationQueue.Command> ref) {
}
