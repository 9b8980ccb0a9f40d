package io.watchsim.queues;

import org.apache.pekko.actor.typed.ActorRef;

/**
 * Whoever calls a queue and waits for its answers, as the queue's spawner keeps them (the kernel):
 * told, as the very last thing a queue does before it stops, that it has stopped, so that it can
 * answer every call the queue never received. A request racing the queue's end normally reaches
 * the dead letters, where it is answered; but Pekko delivers dead letters on a best-effort basis,
 * and a message enqueued at the moment the stopping queue's mailbox is closed is lost. By the time
 * the queue tells its callers, it has answered every call it received (its parked reads included),
 * so a call it answered always has that answer first.
 *
 * <p>Called once per queue, on the queue's own thread, at the end of its {@code PostStop}; an
 * implementation must be thread-safe (many queues stop at once) and must not block.
 */
public interface QueueCallers {
    /** Nobody to tell: a queue spawned outside a kernel (its tests). */
    QueueCallers NONE = queue -> {
    };

    /** {@code queue} has stopped (defunct, crashed, or its kernel stopping) and will answer nothing more. */
    void queueStopped(ActorRef<NotificationQueue.Command> queue);
}
