package io.watchsim.actors;

import io.watchsim.policies.Credentials;
import io.watchsim.policies.PolicyEngine;
import io.watchsim.policies.PolicyRoutable;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.pattern.StatusReply;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Carries out the actions of one synchronous operation one after another, as the kernel posts
 * within one system call: each event (or destruction) goes through the policy actor carrying this
 * actor's receipt address, and the next is submitted only when its records (or removal records)
 * are in every queue it reached (in its ring, or its mailbox when sent by message). So a queue that watches two objects of one
 * operation sees their records in the operation's order. On the direct path the object posts to
 * the queues itself and its one receipt ends the step; on the earlier path through the watch actors
 * ({@link DeliveryPath#VIA_WATCH}) each watch it handed the event to reports too.
 *
 * <p>It follows Pekko's {@code DeviceGroupQuery}: it death-watches what it waits for (the object
 * until it reports its fan-out, then each watch until it reports), so that an object or watch
 * that stops first ends the wait for it instead of hanging it; the whole operation is bounded,
 * and whatever happens it answers once, then stops: a {@link DeliveryReport}, or, when the bound
 * runs out, a {@link KernelFault} that says what it was still waiting for.
 *
 * <pre>
 *  SequentialDelivery --Submit(Notify | Destroy)--&gt; PolicyEngine --&gt; object --Post--&gt; queue × N
 *        ^ &lt;--Fanout(delivered, awaiting)-- object   (object death-watched until then)
 *        ^ &lt;--Forwarded(watch)-- Watch × N          (earlier path only: each awaited watch death-watched)
 * </pre>
 */
final class SequentialDelivery extends AbstractBehavior<SequentialDelivery.Command> {

    interface Command {
    }

    private record Receipt(DeliveryReceipt receipt) implements Command {
    }

    private enum Overdue implements Command {
        INSTANCE
    }

    /** Waiting for the current target's object to say which watches it handed the event to. */
    private record AwaitingFanout(ActorRef<WatchedObject.Command> object) {
    }

    /** Waiting for these watches to hand the current event to their queues. */
    private record AwaitingForwards(Set<ActorRef<Watch.Command>> pending) {
    }

    private final ActorRef<PolicyEngine.Command> policy;
    private final List<KernelGuardian.Target> targets;
    private final Credentials generator;
    private final ActorRef<StatusReply<DeliveryReport>> replyTo;
    private final Duration bound;
    private final ActorRef<DeliveryReceipt> receipts;
    private final boolean mergeSteps;
    /** The current step: targets from {@code index} up to {@code stepEnd} (exclusive), one object's. */
    private int index;
    private int stepEnd;
    private int reached;
    private int missed;
    /** An {@link AwaitingFanout} or an {@link AwaitingForwards}. */
    private Record phase;

    static Behavior<Command> create(ActorRef<PolicyEngine.Command> policy, List<KernelGuardian.Target> targets,
                                    Credentials generator, boolean mergeSteps, Duration bound,
                                    ActorRef<StatusReply<DeliveryReport>> replyTo) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers ->
                new SequentialDelivery(ctx, timers, policy, targets, generator, mergeSteps, bound, replyTo)));
    }

    private SequentialDelivery(ActorContext<Command> context, TimerScheduler<Command> timers,
                               ActorRef<PolicyEngine.Command> policy, List<KernelGuardian.Target> targets,
                               Credentials generator, boolean mergeSteps, Duration bound,
                               ActorRef<StatusReply<DeliveryReport>> replyTo) {
        super(context);
        this.mergeSteps = mergeSteps;
        this.policy = policy;
        this.targets = targets;
        this.generator = generator;
        this.bound = bound;
        this.replyTo = replyTo;
        this.receipts = context.messageAdapter(DeliveryReceipt.class, Receipt::new);
        timers.startSingleTimer(Overdue.INSTANCE, bound);
        submit();
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Receipt.class, r -> r.receipt() instanceof DeliveryReceipt.Fanout f ? onFanout(f)
                        : onForwarded((DeliveryReceipt.Forwarded) r.receipt()))
                .onSignal(Terminated.class, this::onTerminated)
                .onMessageEquals(Overdue.INSTANCE, this::onOverdue)
                .build();
    }

    /**
     * Sends the current target's action through the policy lane, watching its object. On the direct
     * path, posts to the same object that follow it are sent with it in one message
     * ({@link WatchedObject.NotifyEvents}), so that a queue that several of them reach gets their
     * records in one message; the object still handles them in their order.
     */
    private void submit() {
        KernelGuardian.Target t = targets.get(index);
        getContext().watch(t.object());
        phase = new AwaitingFanout(t.object());
        stepEnd = index + 1;
        PolicyRoutable<WatchedObject.Command> message;
        if (t.action() instanceof KernelAction.DestroyObject) {
            message = new WatchedObject.Destroy(getContext().getSystem().ignoreRef(), receipts);
        } else if (mergeSteps && samePostsFollow(t)) {
            List<ObjectEvent> events = new ArrayList<>();
            while (stepEnd <= targets.size() - 1 && isPostTo(targets.get(stepEnd), t.object())) {
                stepEnd++;
            }
            for (int i = index; i < stepEnd; i++) {
                events.add(((KernelAction.PostEvent) targets.get(i).action()).event());
            }
            message = new WatchedObject.NotifyEvents(events, generator, receipts);
        } else {
            ObjectEvent e = ((KernelAction.PostEvent) t.action()).event();
            message = e.records().size() == 1
                    ? new WatchedObject.Notify(e.watchId(), e.records().get(0), generator, receipts)
                    : new WatchedObject.NotifyBatch(e.watchId(), e.records(), generator, receipts);
        }
        policy.tell(new PolicyEngine.Submit<>(message, t.object()));
    }

    private boolean samePostsFollow(KernelGuardian.Target t) {
        return index + 1 < targets.size() && isPostTo(targets.get(index + 1), t.object());
    }

    private static boolean isPostTo(KernelGuardian.Target t, ActorRef<WatchedObject.Command> object) {
        return t.action() instanceof KernelAction.PostEvent && t.object().equals(object);
    }

    private Behavior<Command> onFanout(DeliveryReceipt.Fanout f) {
        if (!(phase instanceof AwaitingFanout a)) {
            return this;
        }
        getContext().unwatch(a.object());
        reached += f.delivered();
        // In the order the object listed them (an ActorRef's hash is a random uid: no HashSet order).
        Set<ActorRef<Watch.Command>> pending = new LinkedHashSet<>(f.awaiting());
        for (ActorRef<Watch.Command> w : f.awaiting()) {
            getContext().watch(w);
        }
        phase = new AwaitingForwards(pending);
        return pending.isEmpty() ? next() : this;
    }

    private Behavior<Command> onForwarded(DeliveryReceipt.Forwarded f) {
        if (phase instanceof AwaitingForwards a && a.pending().remove(f.watch())) {
            getContext().unwatch(f.watch());
            reached++;
            return a.pending().isEmpty() ? next() : this;
        }
        return this;
    }

    /** What it waits for stopped first: the object (its event reached nobody) or a watch (missed). */
    private Behavior<Command> onTerminated(Terminated t) {
        if (phase instanceof AwaitingFanout a && a.object().equals(t.getRef())) {
            return next();
        }
        if (phase instanceof AwaitingForwards a && a.pending().remove(t.getRef().<Watch.Command>unsafeUpcast())) {
            missed++;
            return a.pending().isEmpty() ? next() : this;
        }
        return this;
    }

    private Behavior<Command> next() {
        index = stepEnd;
        if (index == targets.size()) {
            replyTo.tell(StatusReply.success(new DeliveryReport(reached, missed)));
            return Behaviors.stopped();
        }
        submit();
        return this;
    }

    private Behavior<Command> onOverdue() {
        String waiting = phase instanceof AwaitingForwards a
                ? a.pending().size() + " watch(es) to hand it to their queues"
                : "object " + targets.get(index).object().path().name() + " to fan it out";
        replyTo.tell(StatusReply.error(new KernelFault("a synchronous delivery was still waiting after " + bound
                + " for step " + (index + 1) + " of " + targets.size() + " (" + describe(targets.get(index).action())
                + (stepEnd - index > 1 ? ", sent with the " + (stepEnd - index - 1) + " post(s) after it" : "")
                + "): waiting for " + waiting + "; " + reached + " watch(es) reached, " + missed + " missed before it")));
        return Behaviors.stopped();
    }

    private static String describe(KernelAction action) {
        return action instanceof KernelAction.PostEvent p
                ? "post of " + p.event().records().size() + " record(s) to object " + p.event().objectId()
                : "destruction of object " + ((KernelAction.DestroyObject) action).objectId();
    }
}
