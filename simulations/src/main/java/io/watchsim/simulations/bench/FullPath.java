package io.watchsim.simulations.bench;

import io.watchsim.actors.EventSource;
import io.watchsim.actors.Kernel;
import io.watchsim.queues.record.Notification;
import io.watchsim.queues.ring.ReadResult;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

import java.util.List;

/**
 * WatchSim's full path as a load: a generator posts bursts through the policy actor (its
 * {@link EventSource}) to one
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
    static Behavior<ReadResult> reader(Kernel kernel, long queueId, ActorRef<Command> generator, int index) {
        return QueueReader.create(kernel, queueId, r -> generator.tell(new Consumed(index, r.records())));
    }

    /**
     * The generator: it spawns a reader per queue, then on each Start paces bursts of the same
     * immutable batch of records to the object, through the policy actor.
     */
    static Behavior<Command> generator(Kernel kernel, EventSource source, List<Long> queueIds,
                                       List<Notification> burstRecords) {
        return Behaviors.setup(ctx -> {
            for (int i = 0; i < queueIds.size(); i++) {
                ctx.spawnAnonymous(reader(kernel, queueIds.get(i), ctx.getSelf(), i));
            }
            return idle(source, List.copyOf(burstRecords), queueIds.size(), burstRecords.size());
        });
    }

    private static Behavior<Command> idle(EventSource source, List<Notification> batch, int n, int burst) {
        return Behaviors.receive(Command.class)
                .onMessage(Start.class, s -> {
                    if (s.burst() != burst) {
                        throw new IllegalArgumentException("the generator was built for bursts of " + burst);
                    }
                    BurstPacer pacer = new BurstPacer(s.events(), burst, s.window(), n);
                    long start = System.nanoTime();
                    send(source, batch, pacer);
                    return running(source, batch, n, burst, pacer, start, s.replyTo());
                })
                .build();
    }

    private static void send(EventSource source, List<Notification> batch, BurstPacer pacer) {
        while (pacer.sendNext()) {
            source.post(batch);
        }
    }

    private static Behavior<Command> running(EventSource source, List<Notification> batch, int n, int burst,
                                             BurstPacer pacer, long start, ActorRef<Long> replyTo) {
        return Behaviors.receive(Command.class)
                .onMessage(Consumed.class, c -> {
                    pacer.consumed(c.reader(), c.records());
                    if (pacer.done()) {
                        replyTo.tell(System.nanoTime() - start);
                        return idle(source, batch, n, burst);
                    }
                    send(source, batch, pacer);
                    return Behaviors.same();
                })
                .build();
    }
}
