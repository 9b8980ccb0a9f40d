package io.watchsim.actors;

import io.watchsim.policies.SecuredObject;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.StashBuffer;

/**
 * A watched object with no state of its own beyond its identity and label: what a simulation
 * uses for synthetic sources, and what tests use to exercise the watch machinery. Its watch id
 * is its object id.
 */
public final class SimpleObject extends WatchedObject {
    private final SecuredObject identity;

    public static Behavior<Command> create(SecuredObject identity, ObjectContext objectContext) {
        return Behaviors.setup(ctx -> Behaviors.withStash(STASH_CAPACITY,
                stash -> new SimpleObject(ctx, stash, objectContext, identity)));
    }

    private SimpleObject(ActorContext<Command> context, StashBuffer<Command> stash, ObjectContext objectContext,
                         SecuredObject identity) {
        super(context, stash, objectContext);
        this.identity = identity;
    }

    @Override
    protected long objectId() {
        return identity.id();
    }

    @Override
    protected SecuredObject securedObject() {
        return identity;
    }
}
