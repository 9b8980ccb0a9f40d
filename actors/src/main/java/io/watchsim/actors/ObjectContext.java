package io.watchsim.actors;

/**
 * What the kernel gives every watched object it creates: the directory it leaves when it stops.
 * (Watches are started by their queues, so an object needs no host of its own.)
 */
public record ObjectContext(Directory directory) {
}
