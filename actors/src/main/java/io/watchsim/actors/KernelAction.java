package io.watchsim.actors;

/**
 * One thing a synchronous kernel operation does to objects, in order: post an event, or destroy
 * an object (its watches then send their removal records).
 */
public sealed interface KernelAction {
    record PostEvent(ObjectEvent event) implements KernelAction {
    }

    record DestroyObject(long objectId) implements KernelAction {
    }
}
