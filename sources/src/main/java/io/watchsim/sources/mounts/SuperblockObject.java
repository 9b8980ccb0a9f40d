package io.watchsim.sources.mounts;

import io.watchsim.actors.ObjectContext;
import io.watchsim.actors.WatchedObject;
import io.watchsim.policies.SecuredObject;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.StashBuffer;

/**
 * The actor of one superblock: it owns the superblock's watch list ({@code s_watchers}); its id is
 * the superblock's unique id, which its watches' removal records carry. Reproducing ver #5's tag
 * placement ({@link V5Bug#SB_TAG_IN_TOP_BYTE}), its watches write nothing into bits 8..15 and their
 * removal records carry the tag in the top byte of info, as remove_watch_from_object() copies the
 * watch's {@code info_id} ({@code tag << 24}); the top byte of its other records is the
 * {@link MountService}'s to fill.
 */
final class SuperblockObject extends WatchedObject {
    private final SecuredObject identity;
    private final boolean tagInTopByte;

    static Behavior<Command> create(SecuredObject identity, boolean tagInTopByte, ObjectContext objectContext) {
        return Behaviors.setup(ctx -> Behaviors.withStash(STASH_CAPACITY,
                stash -> new SuperblockObject(ctx, stash, objectContext, identity, tagInTopByte)));
    }

    private SuperblockObject(ActorContext<Command> context, StashBuffer<Command> stash, ObjectContext objectContext,
                             SecuredObject identity, boolean tagInTopByte) {
        super(context, stash, objectContext);
        this.identity = identity;
        this.tagInTopByte = tagInTopByte;
    }

    @Override
    protected long objectId() {
        return identity.id();
    }

    @Override
    protected SecuredObject securedObject() {
        return identity;
    }

    @Override
    protected int watchTag(long tag) {
        return tagInTopByte ? 0 : (int) tag;
    }

    @Override
    protected int removalInfoBits(long tag) {
        return tagInTopByte ? (int) tag << 24 : 0;
    }
}
