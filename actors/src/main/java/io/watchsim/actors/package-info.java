/**
 * The machinery between event sources and queues: watched objects, their watch lists and
 * watches. {@link io.watchsim.actors.WatchList} is the list every watched object keeps; the
 * Watch and object actors and the kernel facade join it with the policy actor.
 */
package io.watchsim.actors;
