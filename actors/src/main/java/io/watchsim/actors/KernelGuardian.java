package io.watchsim.actors;

import io.watchsim.policies.Credentials;
import io.watchsim.policies.PolicyEngine;
import io.watchsim.policies.PolicyMetrics;
import io.watchsim.policies.SecurityModule;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SpawnProtocol;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.pattern.StatusReply;

import java.time.Duration;

import java.util.ArrayList;
import java.util.List;

/**
 * The root of one simulated kernel: it owns the policy actor and the hosts under which queues
 * and objects are spawned (a tree, so that no parent holds millions of children), and spawns the
 * collectors of synchronous posts. Watches are the children of the queues they feed.
 *
 * <pre>
 *  KernelGuardian
 *   ├── policy                 PolicyEngine
 *   ├── queues-0..n            SpawnProtocol hosts of NotificationQueue
 *   │    └── queue             NotificationQueue
 *   │         └── (anonymous)  Watch, one per watch feeding the queue
 *   ├── objects-0..n           SpawnProtocol hosts of watched objects
 *   ├── dead-letter-answers    DeadLetterAnswers: requests that reached a stopped object or queue
 *   └── (anonymous)            SequentialDelivery, one per synchronous post
 * </pre>
 */
final class KernelGuardian {
    private KernelGuardian() {
    }

    interface Command {
    }

    /** The parts a {@link Kernel} talks to. */
    record Parts(ActorRef<PolicyEngine.Command> policy, List<ActorRef<SpawnProtocol.Command>> queueHosts,
                 List<ActorRef<SpawnProtocol.Command>> objectHosts) {
    }

    record GetParts(ActorRef<Parts> replyTo) implements Command {
    }

    /** Stops the kernel: every queue, object, watch and the policy actor. */
    enum Stop implements Command {
        INSTANCE
    }

    /**
     * Posts events, in order, and answers, with the number of watches reached, once every record
     * is in its queue's mailbox: a collector is spawned and rides along with every event. With
     * {@code mergeSteps} (the direct path) consecutive posts to one object go to it in one message,
     * so that each queue gets their records in one message.
     */
    record SyncSubmit(List<Target> targets, Credentials generator, boolean mergeSteps,
                      ActorRef<StatusReply<DeliveryReport>> replyTo) implements Command {
    }

    /** An action and the object actor it goes to. */
    record Target(ActorRef<WatchedObject.Command> object, KernelAction action) {
    }

    static Behavior<Command> create(SecurityModule initialPolicy, PolicyMetrics metrics, int hosts, Duration innerBound) {
        return Behaviors.setup(ctx -> {
            ActorRef<PolicyEngine.Command> policy = ctx.spawn(PolicyEngine.create(initialPolicy, metrics), "policy");
            DeadLetterAnswers.start(ctx);
            List<ActorRef<SpawnProtocol.Command>> queueHosts = new ArrayList<>();
            List<ActorRef<SpawnProtocol.Command>> objectHosts = new ArrayList<>();
            for (int i = 0; i < hosts; i++) {
                queueHosts.add(ctx.spawn(SpawnProtocol.create(), "queues-" + i));
                objectHosts.add(ctx.spawn(SpawnProtocol.create(), "objects-" + i));
            }
            Parts parts = new Parts(policy, List.copyOf(queueHosts), List.copyOf(objectHosts));
            return Behaviors.receive(Command.class)
                    .onMessage(GetParts.class, msg -> {
                        msg.replyTo().tell(parts);
                        return Behaviors.same();
                    })
                    .onMessageEquals(Stop.INSTANCE, Behaviors::stopped)
                    .onMessage(SyncSubmit.class, msg -> {
                        ctx.spawnAnonymous(SequentialDelivery.create(policy, msg.targets(), msg.generator(), msg.mergeSteps(), innerBound,
                                msg.replyTo()));
                        return Behaviors.same();
                    })
                    .build();
        });
    }
}
