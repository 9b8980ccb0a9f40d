package io.watchsim.actors;

import io.watchsim.policies.PolicyEngine;
import io.watchsim.policies.PolicyRoutable;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * One request to a watched object through the policy actor's lane, answered whatever becomes of
 * the object (Pekko's {@code DeviceGroupQuery} shape, for one device): a short-lived actor
 * death-watches the object, sends the request with itself as the reply address, and completes
 * with the object's reply, or with {@code whenGone} if the object stops first (destroyed or
 * crashed after the kernel looked it up), or with a {@link KernelFault} once {@code bound} has
 * passed without either. Then it stops.
 */
final class ObjectQuery {
    private static final AtomicLong QUERIES = new AtomicLong();

    private enum Overdue {
        INSTANCE
    }

    private ObjectQuery() {
    }

    static <R> CompletableFuture<R> ask(ActorSystem<?> system, ActorRef<PolicyEngine.Command> policy,
                                        ActorRef<WatchedObject.Command> object,
                                        Function<ActorRef<R>, ? extends PolicyRoutable<WatchedObject.Command>> request,
                                        R whenGone, Duration bound) {
        CompletableFuture<R> answer = new CompletableFuture<>();
        system.systemActorOf(Behaviors.<Object>setup(ctx -> Behaviors.withTimers(timers -> {
            ctx.watch(object);
            timers.startSingleTimer(Overdue.INSTANCE, bound);
            ActorRef<R> self = ctx.getSelf().narrow();
            policy.tell(new PolicyEngine.Submit<>(request.apply(self), object));
            return Behaviors.receive(Object.class)
                    .onMessageEquals(Overdue.INSTANCE, () -> {
                        answer.completeExceptionally(new KernelFault(object.path().name() + " did not answer within "
                                + bound));
                        return Behaviors.stopped();
                    })
                    .onAnyMessage(reply -> {
                        @SuppressWarnings("unchecked") R r = (R) reply;
                        answer.complete(r);
                        return Behaviors.stopped();
                    })
                    .onSignal(Terminated.class, t -> {
                        answer.complete(whenGone);
                        return Behaviors.stopped();
                    })
                    .build();
        })), "object-query-" + QUERIES.incrementAndGet(), Props.empty());
        return answer;
    }
}
