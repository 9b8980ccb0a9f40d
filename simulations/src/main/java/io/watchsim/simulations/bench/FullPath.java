package io.watchsim.simulations.bench;

import io.watchsim.actors.WatchedObject;
import io.watchsim.policies.Credentials;
import io.watchsim.policies.PolicyEngine;
import io.watchsim.queues.NotificationQueue;
import io.watchsim.queues.record.Notification;
import io.watchsim.queues.ring.ReadResult;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

import java.util.List;

/**
 * WatchSim's full path as a load: a generator posts bursts through the policy actor to one
 * object watched by N queues (filter, post hook, ring insert with loss marking), and a reader
 * per queue drains it with blocking reads, reporting what it read so that the generator can
 * pace its bursts.
 */
final class FullPath {
    private FullPath() {
    }

    interface Command {
    }

    /** Runs one round; answered with the elapsed nanoseconds. */
    record Start(long events, int burst, int window, ActorRef<Long> replyTo) implements Command {
    }

    /** Reader {@code reader} has read {@code records} more records. */
    record Consumed(int reader, long records) implements Command {
    }

    /** A reader that reports how many records each read returned. */
    static Behavior<ReadResult> reader(ActorRef<NotificationQueue.Command> queue, ActorRef<Command> generator, int index) {
        return QueueReader.create(queue, r -> generator.tell(new Consumed(index, r.records())));
    }

    /**
     * The generator: it spawns a reader per queue, then on each Start paces bursts of the same
     * immutable batch of records to the object, through the policy actor.
     */
    static Behavior<Command> generator(ActorRef<PolicyEngine.Command> policy, ActorRef<WatchedObject.Command> object,
                                       long objectId, List<ActorRef<NotificationQueue.Command>> queues,
                                       Credentials generatorCreds, List<Notification> burstRecords) {
        return Behaviors.setup(ctx -> {
            for (int i = 0; i < queues.size(); i++) {
                ctx.spawnAnonymous(reader(queues.get(i), ctx.getSelf(), i));
            }
            WatchedObject.NotifyBatch batch = new WatchedObject.NotifyBatch(objectId, burstRecords, generatorCreds, null);
            PolicyEngine.Submit<WatchedObject.Command> submit = new PolicyEngine.Submit<>(batch, object);
            return idle(policy, submit, queues.size(), burstRecords.size());
        });
    }

    private static Behavior<Command> idle(ActorRef<PolicyEngine.Command> policy,
                                          PolicyEngine.Submit<WatchedObject.Command> submit, int n, int burst) {
        return Behaviors.receive(Command.class)
                .onMessage(Start.class, s -> {
                    if (s.burst() != burst) {
                        throw new IllegalArgumentException("the generator was built for bursts of " + burst);
                    }
                    BurstPacer pacer = new BurstPacer(s.events(), burst, s.window(), n);
                    long start = System.nanoTime();
                    send(policy, submit, pacer);
                    return running(policy, submit, n, burst, pacer, start, s.replyTo());
                })
                .build();
    }

    private static void send(ActorRef<PolicyEngine.Command> policy, PolicyEngine.Submit<WatchedObject.Command> submit,
                             BurstPacer pacer) {
        while (pacer.sendNext()) {
            policy.tell(submit);
        }
    }

    private static Behavior<Command> running(ActorRef<PolicyEngine.Command> policy,
                                             PolicyEngine.Submit<WatchedObject.Command> submit, int n, int burst,
                                             BurstPacer pacer, long start, ActorRef<Long> replyTo) {
        return Behaviors.receive(Command.class)
                .onMessage(Consumed.class, c -> {
                    pacer.consumed(c.reader(), c.records());
                    if (pacer.done()) {
                        replyTo.tell(System.nanoTime() - start);
                        return idle(policy, submit, n, burst);
                    }
                    send(policy, submit, pacer);
                    return Behaviors.same();
                })
                .build();
    }
}
