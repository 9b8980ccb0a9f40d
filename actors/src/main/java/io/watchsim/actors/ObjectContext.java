package io.watchsim.actors;

import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.SpawnProtocol;

/**
 * What the kernel gives every watched object it creates: the host its watches are spawned under
 * and the directory it leaves when it stops.
 */
public record ObjectContext(ActorRef<SpawnProtocol.Command> watchHost, Directory directory) {
}
