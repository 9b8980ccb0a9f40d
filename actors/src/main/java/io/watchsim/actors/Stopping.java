package io.watchsim.actors;

import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Stops an actor and completes once it (and everything under it) has stopped: a short-lived
 * watcher actor death-watches it, sends the stop message, and completes the stage on
 * {@link Terminated}. Watching an actor that is already gone completes at once. The watchers are
 * numbered per actor system ({@link ActorNames}).
 */
public final class Stopping {
    private Stopping() {
    }

    public static <T> CompletionStage<Void> stop(ActorSystem<?> system, ActorRef<T> target, T stopMessage) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        system.systemActorOf(Behaviors.<Void>setup(ctx -> {
            ctx.watch(target);
            target.tell(stopMessage);
            return Behaviors.receive(Void.class)
                    .onSignal(Terminated.class, t -> {
                        done.complete(null);
                        return Behaviors.stopped();
                    })
                    .build();
        }), ActorNames.of(system).next("stopping"), Props.empty());
        return done;
    }
}
