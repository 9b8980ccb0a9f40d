package io.watchsim.actors;

import io.watchsim.policies.Credentials;
import io.watchsim.policies.PolicyEngine;
import io.watchsim.queues.RecordsInTransit;
import io.watchsim.queues.record.Notification;
import org.apache.pekko.actor.typed.ActorRef;

import java.util.List;

/**
 * A generator's handle on one watched object ({@link Kernel#eventSource}): each post goes through
 * the policy actor, stamped with the policy in force, to the object's watches, fire and forget.
 * Immutable and thread-safe; it holds its object's address, not the object, so a load generator
 * may keep it in its own actor. Posts to an object that has stopped go nowhere. Each post is in the
 * kernel's backlog ({@link Kernel#recordsInTransit}) until its object has posted it.
 */
public final class EventSource {
    private final ActorRef<PolicyEngine.Command> policy;
    private final ActorRef<WatchedObject.Command> object;
    private final long objectId;
    private final Credentials generator;
    private final RecordsInTransit backlog;

    EventSource(ActorRef<PolicyEngine.Command> policy, ActorRef<WatchedObject.Command> object, long objectId,
                Credentials generator, RecordsInTransit backlog) {
        this.policy = policy;
        this.object = object;
        this.objectId = objectId;
        this.generator = generator;
        this.backlog = backlog;
    }

    public long objectId() {
        return objectId;
    }

    /** Posts a burst of records, in order, in one message at every hop. */
    public void post(List<Notification> records) {
        backlog.handedOn(records.size());
        policy.tell(new PolicyEngine.Submit<>(new WatchedObject.NotifyBatch(objectId, records, generator, null, true),
                object));
    }
}
