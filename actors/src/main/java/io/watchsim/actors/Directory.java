package io.watchsim.actors;

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
    private final ConcurrentHashMap<Long, ActorRef<NotificationQueue.Command>> queues = new ConcurrentHashMap<>();

    Optional<ActorRef<WatchedObject.Command>> object(long id) {
        return Optional.ofNullable(objects.get(id));
    }

    Optional<ActorRef<NotificationQueue.Command>> queue(long id) {
        return Optional.ofNullable(queues.get(id));
    }

    void putObject(long id, ActorRef<WatchedObject.Command> ref) {
        objects.put(id, ref);
    }

    /** Forgets an object, if {@code ref} is still the one registered for its id. */
    void removeObject(long id, ActorRef<WatchedObject.Command> ref) {
        objects.remove(id, ref);
    }

    void putQueue(long id, ActorRef<NotificationQueue.Command> ref) {
        queues.put(id, ref);
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
