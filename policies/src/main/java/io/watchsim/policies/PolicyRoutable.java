package io.watchsim.policies;

/**
 * An event that travels through the policy actor on its way to the actor that acts on it (a
 * watched object, the key service): the policy actor stamps it with the snapshot current when the
 * event reached it and sends the result on ({@link PolicyEngine.Submit}).
 * Implementations are immutable records (no lambdas), so that they can be serialized.
 *
 * @param <M> the message type of the receiving actor
 */
public interface PolicyRoutable<M> {
    /** The message to deliver, carrying {@code snapshot}. */
    M stamp(PolicySnapshot snapshot);
}
