package io.watchsim.actors;

import io.watchsim.queues.NotificationQueue;
import org.apache.pekko.actor.typed.ActorRef;

import java.util.Objects;

/**
 * A notification queue of a kernel, as {@link Kernel#createQueue} makes it: its id is what every
 * queue call takes. Its actor stays the kernel's own (readers go through the kernel's calls).
 */
public final class QueueHandle {
    private final long id;
    private final ActorRef<NotificationQueue.Command> ref;

    QueueHandle(long id, ActorRef<NotificationQueue.Command> ref) {
        this.id = id;
        this.ref = Objects.requireNonNull(ref);
    }

    public long id() {
        return id;
    }

    /** The queue's actor, for the kernel and its tests. */
    ActorRef<NotificationQueue.Command> ref() {
        return ref;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof QueueHandle q && q.id == id && q.ref.equals(ref);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(id);
    }

    @Override
    public String toString() {
        return "queue " + id;
    }
}
