package io.watchsim.simulations.bench;

import io.watchsim.actors.EventSource;
import io.watchsim.actors.Kernel;
import io.watchsim.queues.record.KeyNotify;
import io.watchsim.queues.record.Notification;
import io.watchsim.queues.ring.ReadResult;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

import java.util.ArrayList;
import java.util.List;

/**
 * WatchSim's full path as a load: a generator posts bursts through the policy actor (its
 * {@link EventSource}) to one object watched by N queues (filter, post hook, ring insert with
 * loss marking), and a reader per queue drains it with blocking reads, counting what each read
 * returned and reporting it to the generator (a message per read, not per record), so that the
 * generator can pace its bursts ({@link BurstPacer}).
 */
final class FullPath {
    private FullPath() {
    }

    interface Command {
    }

    /**
     * Runs one round of {@code events} events in bursts of {@code burst} records (one
     * {@code NotifyBatch} each), at most {@code window} bursts unread; answered with the elapsed
     * nanoseconds.
     */
    record Start(long events, int burst, int window, ActorRef<Long> replyTo) implements Command {
    }

    /** Reader {@code reader} has read {@code records} more records. */
    record Consumed(int reader, long records) implements Command {
    }

    /** A reader that counts and reports how many records each read returned. */
    static Behavior<ReadResult> reader(Kernel kernel, long queueId, ActorRef<Command> generator, int index,
                                       DeliveryTally tally) {
        return QueueReader.create(kernel, queueId, r -> {
            tally.counted(index, r.records());
            generator.tell(new Consumed(index, r.records()));
        });
    }

    /**
     * The generator: it spawns a reader per queue, then on each Start paces bursts of one
     * immutable batch of records (made once per round) to the object, through the policy actor.
     */
    static Behavior<Command> generator(Kernel kernel, EventSource source, List<Long> queueIds, DeliveryTally tally) {
        return Behaviors.setup(ctx -> {
            for (int i = 0; i < queueIds.size(); i++) {
                ctx.spawnAnonymous(reader(kernel, queueIds.get(i), ctx.getSelf(), i, tally));
            }
            return idle(source, queueIds.size());
        });
    }

    /** A burst of {@code burst} key-update records of the source's object. */
    static List<Notification> batch(long objectId, int burst) {
        List<Notification> records = new ArrayList<>(burst);
        for (int i = 0; i < burst; i++) {
            records.add(KeyNotify.of(KeyNotify.NOTIFY_KEY_UPDATED, (int) objectId, i));
        }
        return List.copyOf(records);
    }

    private static Behavior<Command> idle(EventSource source, int n) {
        return Behaviors.receive(Command.class)
                .onMessage(Start.class, s -> {
                    List<Notification> batch = batch(source.objectId(), s.burst());
                    BurstPacer pacer = new BurstPacer(s.events(), s.burst(), s.window(), n);
                    long start = System.nanoTime();
                    send(source, batch, pacer);
                    return running(source, batch, n, pacer, start, s.replyTo());
                })
                .build();
    }

    private static void send(EventSource source, List<Notification> batch, BurstPacer pacer) {
        while (pacer.sendNext()) {
            source.post(batch);
        }
    }

    private static Behavior<Command> running(EventSource source, List<Notification> batch, int n,
                                             BurstPacer pacer, long start, ActorRef<Long> replyTo) {
        return Behaviors.receive(Command.class)
                .onMessage(Consumed.class, c -> {
                    pacer.consumed(c.reader(), c.records());
                    if (pacer.done()) {
                        replyTo.tell(System.nanoTime() - start);
                        return idle(source, n);
                    }
                    send(source, batch, pacer);
                    return Behaviors.same();
                })
                .build();
    }
}
