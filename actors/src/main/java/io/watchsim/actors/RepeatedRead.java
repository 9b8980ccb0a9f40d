package io.watchsim.actors;

import io.watchsim.queues.NotificationQueue;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * A blocking read() one reader actor repeats ({@link Kernel#repeatedRead}): {@link #next()} asks
 * the queue for the next records; the answer goes to the reader when there are some, or is EBADF
 * or end of file once the queue ends. The same immutable request every time.
 */
public final class RepeatedRead {
    private final ActorRef<NotificationQueue.Command> queue;
    private final NotificationQueue.Read read;

    RepeatedRead(ActorRef<NotificationQueue.Command> queue, NotificationQueue.Read read) {
        this.queue = queue;
        this.read = read;
    }

    /** Asks for the next records. */
    public void next() {
        queue.tell(read);
    }
}
