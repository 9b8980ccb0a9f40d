package io.watchsim.actors;

import io.watchsim.policies.Credentials;
import io.watchsim.policies.PolicyEngine;
import io.watchsim.policies.PolicyRoutable;
import io.watchsim.queues.SysResult;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

import java.util.List;

/**
 * Carries out the actions of one synchronous operation one after another, as the kernel posts
 * within one system call: each event (or destruction) goes through the policy actor carrying this
 * actor as its receipt address, and the next is submitted only when every watch has handed the
 * previous one to its queue. So a queue that watches two objects of one operation sees their records in the
 * operation's order. Answers the number of watches reached, then stops.
 */
final class SequentialDelivery {
    private SequentialDelivery() {
    }

    static Behavior<DeliveryReceipt> create(ActorRef<PolicyEngine.Command> policy, List<KernelGuardian.Target> targets,
                                            Credentials generator, ActorRef<Integer> replyTo) {
        return Behaviors.setup(ctx -> {
            submit(policy, targets.get(0), generator, ctx.getSelf(), ctx.getSystem().ignoreRef());
            return awaiting(policy, targets, 0, generator, replyTo, -1, 0, 0);
        });
    }

    private static void submit(ActorRef<PolicyEngine.Command> policy, KernelGuardian.Target t, Credentials generator,
                               ActorRef<DeliveryReceipt> self, ActorRef<SysResult> ignore) {
        if (t.action() instanceof KernelAction.DestroyObject) {
            policy.tell(new PolicyEngine.Submit<>(new WatchedObject.Destroy(ignore, self), t.object()));
            return;
        }
        ObjectEvent e = ((KernelAction.PostEvent) t.action()).event();
        PolicyRoutable<WatchedObject.Command> event = e.records().size() == 1
                ? new WatchedObject.Notify(e.watchId(), e.records().get(0), generator, self)
                : new WatchedObject.NotifyBatch(e.watchId(), e.records(), generator, self);
        policy.tell(new PolicyEngine.Submit<>(event, t.object()));
    }

    /**
     * @param expected watches the current event fans out to (-1 until its object reports)
     * @param forwarded watches that have handed the current event on
     * @param total watches reached by the earlier events
     */
    private static Behavior<DeliveryReceipt> awaiting(ActorRef<PolicyEngine.Command> policy,
                                                      List<KernelGuardian.Target> targets, int index,
                                                      Credentials generator, ActorRef<Integer> replyTo,
                                                      int expected, int forwarded, int total) {
        if (expected >= 0 && forwarded == expected) {
            int reached = total + expected;
            if (index + 1 == targets.size()) {
                replyTo.tell(reached);
                return Behaviors.stopped();
            }
            return Behaviors.setup(ctx -> {
                submit(policy, targets.get(index + 1), generator, ctx.getSelf(), ctx.getSystem().ignoreRef());
                return awaiting(policy, targets, index + 1, generator, replyTo, -1, 0, reached);
            });
        }
        return Behaviors.receive(DeliveryReceipt.class)
                .onMessage(DeliveryReceipt.Fanout.class, f -> awaiting(policy, targets, index, generator, replyTo,
                        f.watches(), forwarded, total))
                .onMessage(DeliveryReceipt.Forwarded.class, f -> awaiting(policy, targets, index, generator, replyTo,
                        expected, forwarded + 1, total))
                .build();
    }
}
