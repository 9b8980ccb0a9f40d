package io.watchsim.policies;

import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

import java.util.List;
import java.util.Objects;

/**
 * The policy actor of one kernel: it owns the module stack, stamps every event that passes
 * through it with the current snapshot, answers watch checks, applies reloads, and reports the
 * counts per hook.
 *
 * <pre>
 *  generator --Submit(event, object)--&gt; PolicyEngine --event.stamp(snapshot)--&gt; watched object
 *  kernel    --CheckWatch-------------&gt;              --Decision-------------&gt; kernel
 *  operator  --Reload(module)---------&gt;              --Reloaded(version)----&gt; operator
 * </pre>
 *
 * Stamping is O(1) per event, whatever the fan-out; the post hook runs later, in each queue,
 * against the stamped snapshot. Events and reloads pass through one mailbox, so an event
 * submitted after a reload was acknowledged is always judged by the new policy (or a newer one).
 */
public final class PolicyEngine extends AbstractBehavior<PolicyEngine.Command> {

    public interface Command {
    }

    /** An event on its way to a watched object. */
    public record Submit<M>(PolicyRoutable<M> event, ActorRef<M> target) implements Command {
        public Submit {
            Objects.requireNonNull(event);
            Objects.requireNonNull(target);
        }
    }

    /** Several events, in order, to one object. */
    public record SubmitAll<M>(List<? extends PolicyRoutable<M>> events, ActorRef<M> target) implements Command {
        public SubmitAll {
            events = List.copyOf(events);
        }
    }

    /** The watch hook of {@code object}'s kind, for {@code setter}. */
    public record CheckWatch(Credentials setter, SecuredObject object, ActorRef<Decision> replyTo) implements Command {
    }

    /** Replaces the module stack; answered once every later event will see the new one. */
    public record Reload(SecurityModule module, ActorRef<Reloaded> replyTo) implements Command {
    }

    /** The acknowledgement of a reload: the version now in force. */
    public record Reloaded(long version, String engine) {
    }

    public record GetSnapshot(ActorRef<PolicySnapshot> replyTo) implements Command {
    }

    public record GetCounts(ActorRef<PolicyCounts> replyTo) implements Command {
    }

    private final PolicyMetrics metrics;
    private PolicySnapshot current;

    public static Behavior<Command> create(SecurityModule initial, PolicyMetrics metrics) {
        return Behaviors.setup(ctx -> new PolicyEngine(ctx, initial, metrics));
    }

    private PolicyEngine(ActorContext<Command> context, SecurityModule initial, PolicyMetrics metrics) {
        super(context);
        this.metrics = metrics;
        this.current = new PolicySnapshot(1, initial, metrics);
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Submit.class, this::onSubmit)
                .onMessage(SubmitAll.class, this::onSubmitAll)
                .onMessage(CheckWatch.class, this::onCheckWatch)
                .onMessage(Reload.class, this::onReload)
                .onMessage(GetSnapshot.class, msg -> {
                    msg.replyTo().tell(current);
                    return this;
                })
                .onMessage(GetCounts.class, msg -> {
                    msg.replyTo().tell(metrics.snapshot(current.version(), current.module().name()));
                    return this;
                })
                .build();
    }

    private Behavior<Command> onSubmit(Submit<?> msg) {
        deliver(msg);
        return this;
    }

    private Behavior<Command> onSubmitAll(SubmitAll<?> msg) {
        deliverAll(msg);
        return this;
    }

    private <M> void deliver(Submit<M> msg) {
        msg.target().tell(msg.event().stamp(current));
    }

    private <M> void deliverAll(SubmitAll<M> msg) {
        for (PolicyRoutable<M> e : msg.events()) {
            msg.target().tell(e.stamp(current));
        }
    }

    private Behavior<Command> onCheckWatch(CheckWatch msg) {
        msg.replyTo().tell(current.checkWatch(msg.setter(), msg.object()));
        return this;
    }

    private Behavior<Command> onReload(Reload msg) {
        current = new PolicySnapshot(current.version() + 1, msg.module(), metrics);
        getContext().getLog().info("policy version {} in force: {}", current.version(), msg.module().name());
        msg.replyTo().tell(new Reloaded(current.version(), msg.module().name()));
        return this;
    }
}
