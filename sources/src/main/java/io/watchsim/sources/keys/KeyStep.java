package io.watchsim.sources.keys;

import io.watchsim.actors.ObjectEvent;
import io.watchsim.policies.SecuredObject;

/**
 * What a key system call does outside the key table, in order: create a key's actor, post a
 * record on a key, or destroy a key (its watches then send their removal records).
 */
public sealed interface KeyStep {
    /** A new key whose actor must exist before any later step. */
    record Create(SecuredObject identity) implements KeyStep {
    }

    /** A record posted on a key. */
    record Post(ObjectEvent event) implements KeyStep {
    }

    /** A key garbage-collected: its actor is destroyed. */
    record Destroy(int serial) implements KeyStep {
    }
}
