package io.watchsim.actors;

import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Stops an actor and completes once it (and everything under it) has stopped: a short-lived
 * watcher actor death-watches it, sends the stop message, and completes the stage on
 * {@link Terminated}. Watching an actor that is already gone completes at once.
 */
public final class Stopping {
    private static final AtomicLong WATCHERS = new AtomicLong();

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
        }), "stopping-" + WATCHERS.incrementAndGet(), Props.empty());
        return done;
    }
}
