package io.watchsim.actors;

import io.watchsim.queues.NotificationPipe;
import io.watchsim.queues.NotificationQueue;
import org.apache.pekko.actor.typed.ActorRef;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one resolver of a kernel: object and queue ids to their actors. Thread-safe, node-local;
 * under Cluster Sharding it gives way to entity references by the same ids.
 */
final class Directory {
    private final ConcurrentHashMap<Long, ActorRef<WatchedObject.Command>> objects = new ConcurrentHashMap<>();
    /** Each queue's pipe, which names its actor: objects post into the pipe, calls go to the actor. */
    private final ConcurrentHashMap<Long, NotificationPipe> queues = new ConcurrentHashMap<>();
    /** Calls to objects and queues not answered yet, which a stopping callee answers ({@link PendingCalls}). */
    private final PendingCalls calls = new PendingCalls();

    PendingCalls calls() {
        return calls;
    }

    Optional<ActorRef<WatchedObject.Command>> object(long id) {
        return Optional.ofNullable(objects.get(id));
    }

    Optional<ActorRef<NotificationQueue.Command>> queue(long id) {
        NotificationPipe pipe = queues.get(id);
        return pipe == null ? Optional.empty() : Optional.of(pipe.queue());
    }

    /** The queue's pipe, which its objects post into; null when the queue is not there. */
    NotificationPipe pipe(long id) {
        return queues.get(id);
    }

    void putObject(long id, ActorRef<WatchedObject.Command> ref) {
        objects.put(id, ref);
    }

    /** Forgets an object, if {@code ref} is still the one registered for its id. */
    void removeObject(long id, ActorRef<WatchedObject.Command> ref) {
        objects.remove(id, ref);
    }

    /** Registers a queue by its pipe, whose actor is already attached. */
    void putQueue(long id, NotificationPipe pipe) {
        queues.put(id, pipe);
    }

    void removeQueue(long id) {
        queues.remove(id);
    }

    int objectCount() {
        return objects.size();
    }

    int queueCount() {
        return queues.size();
    }
}
