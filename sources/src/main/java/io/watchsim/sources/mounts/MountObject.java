package io.watchsim.sources.mounts;

import io.watchsim.actors.ObjectContext;
import io.watchsim.actors.WatchedObject;
import io.watchsim.policies.SecuredObject;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.StashBuffer;

/**
 * The actor of one mount: it owns the mount's watch list ({@code mnt_watchers}), whose watches are
 * told apart by the directory they watch. Its actor id is never reused; the removal records of its
 * watches carry its mount id when the mount is freed, and the watched directory's id when a watch
 * is removed explicitly, as ver #5's remove_watch_from_object() sends the watch's own id.
 */
final class MountObject extends WatchedObject {
    private final long objectId;
    private final SecuredObject identity;

    static Behavior<Command> create(long objectId, SecuredObject identity, ObjectContext objectContext) {
        return Behaviors.setup(ctx -> Behaviors.withStash(STASH_CAPACITY,
                stash -> new MountObject(ctx, stash, objectContext, objectId, identity)));
    }

    private MountObject(ActorContext<Command> context, StashBuffer<Command> stash, ObjectContext objectContext,
                        long objectId, SecuredObject identity) {
        super(context, stash, objectContext);
        this.objectId = objectId;
        this.identity = identity;
    }

    @Override
    protected long objectId() {
        return objectId;
    }

    /** The mount id ({@code mnt_id}). */
    @Override
    protected long removalId() {
        return identity.id();
    }

    @Override
    protected long explicitRemovalId(long watchId) {
        return watchId;
    }

    @Override
    protected SecuredObject securedObject() {
        return identity;
    }
}
