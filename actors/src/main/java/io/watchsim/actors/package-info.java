/**
 * The machinery between event sources and queues: watched objects, their watch lists and
 * watches. {@link io.watchsim.actors.WatchList} is the list every watched object keeps; the
 * Watch and object actors and the kernel facade join it with the policy actor. Every request
 * among them is answered whatever stops meanwhile: whoever waits death-watches what it waits
 * for and bounds the wait ({@link io.watchsim.actors.SequentialDelivery},
 * {@link io.watchsim.actors.KernelFault}).
 */
package io.watchsim.actors;
