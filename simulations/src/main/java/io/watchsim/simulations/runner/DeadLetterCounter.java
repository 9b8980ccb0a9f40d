package io.watchsim.simulations.runner;

import io.watchsim.actors.ActorNames;
import io.watchsim.actors.Kernel;
import org.apache.pekko.actor.DeadLetter;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.eventstream.EventStream;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the messages sent to actors that had stopped (the actor system's dead letters) during a
 * run, and settles the records among them in the kernel's backlog ({@link Kernel#settleLost}).
 */
final class DeadLetterCounter {
    private final AtomicLong count = new AtomicLong();

    private DeadLetterCounter() {
    }

    static DeadLetterCounter start(ActorSystem<?> system, Kernel kernel) {
        DeadLetterCounter c = new DeadLetterCounter();
        ActorRef<DeadLetter> listener = system.systemActorOf(Behaviors.receiveMessage(d -> {
            c.count.incrementAndGet();
            kernel.settleLost(d.message());
            return Behaviors.same();
        }), ActorNames.of(system).next("dead-letter-counter"), Props.empty());
        system.eventStream().tell(new EventStream.Subscribe<>(DeadLetter.class, listener));
        return c;
    }

    long count() {
        return count.get();
    }
}
