package io.watchsim.sources.mounts;

import io.watchsim.actors.ObjectEvent;
import io.watchsim.policies.SecuredObject;

/**
 * What a mount or superblock operation does outside the {@link MountTable}, in order: make a
 * superblock's or a mount's actor, post records to the watches of one id of one object, destroy an
 * object (its watches then send their removal records).
 */
public sealed interface MountStep {
    /** A new superblock, whose actor must exist before any later step. */
    record CreateSuperblock(long objectId, SecuredObject identity) implements MountStep {
    }

    /**
     * A new mount, whose actor must exist before any later step; its watches' removal records carry
     * {@code mntId}, an explicit removal the directory's watch id.
     */
    record CreateMount(long objectId, int mntId, SecuredObject identity) implements MountStep {
    }

    /** Records to the watches on one id of one object (a mount's directory, a superblock). */
    record Post(ObjectEvent event) implements MountStep {
    }

    /** A mount freed or a superblock deactivated: its actor is destroyed. */
    record Destroy(long objectId) implements MountStep {
    }
}
