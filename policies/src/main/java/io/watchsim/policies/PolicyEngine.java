package io.watchsim.policies;

import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

import java.util.Objects;

/**
 * The policy actor of one kernel: it holds the module in force (one engine or a
 * {@link StackedModule}), stamps every event that passes through it with the current
 * {@link PolicySnapshot}, applies reloads, and reports the counts per hook.
 *
 * <pre>
 *  generator --Submit(event, target)--&gt; PolicyEngine --event.stamp(snapshot)--&gt; target
 *  operator  --Reload(module)---------&gt;              --Reloaded(version)----&gt; operator
 *  anyone    --GetCounts--------------&gt;              --PolicyCounts---------&gt; anyone
 * </pre>
 *
 * The engine decides nothing itself: the hooks are applied downstream against the stamped
 * snapshot, by a watched object when a watch is set (the watch hooks), by the key service on each
 * key lookup (key_permission) and by each queue for each record (post_notification). Stamping is
 * O(1) per event, whatever the fan-out. Events and reloads
 * pass through one mailbox, so an event submitted after a reload was acknowledged is always
 * judged by the new policy (or a newer one). A snapshot leaves the engine only inside the event it
 * stamped: no message hands out the current one, which a caller could hold past a reload.
 */
public final class PolicyEngine extends AbstractBehavior<PolicyEngine.Command> {

    public interface Command {
    }

    /** An event on its way to {@code target}, which receives it stamped with the snapshot in force. */
    public record Submit<M>(PolicyRoutable<M> event, ActorRef<M> target) implements Command {
        public Submit {
            Objects.requireNonNull(event);
            Objects.requireNonNull(target);
        }
    }

    /** Replaces the module in force; answered once every later event will see the new one. */
    public record Reload(SecurityModule module, ActorRef<Reloaded> replyTo) implements Command {
    }

    /** The acknowledgement of a reload: the version now in force. */
    public record Reloaded(long version, String engine) {
    }

    /** The counts per hook, with the version and engine in force. */
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
                .onMessage(Reload.class, this::onReload)
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

    private <M> void deliver(Submit<M> msg) {
        msg.target().tell(msg.event().stamp(current));
    }

    private Behavior<Command> onReload(Reload msg) {
        current = new PolicySnapshot(current.version() + 1, msg.module(), metrics);
        getContext().getLog().info("policy version {} in force: {}", current.version(), msg.module().name());
        msg.replyTo().tell(new Reloaded(current.version(), msg.module().name()));
        return this;
    }
}
