package io.watchsim.simulations.bench;

import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

import java.util.ArrayList;
import java.util.List;

/**
 * The cost of the actor topology itself, paced and counted as the full path is: a sender sends
 * each burst to N sinks, either straight ({@code hops = 1}: sender → sink) or through a relay
 * actor of each sink's own ({@code hops = 2}: sender → relay → sink); a sink only counts (no
 * filter, no policy, no ring). A burst is one message at every hop whatever its size, as the full
 * path carries a burst as one message at every hop: at a burst of 1 both send one message per
 * event per hop. A sink reports what it has counted once per "read", as the full path's readers
 * do, not once per event: on the first burst after a report it sends itself a {@link Flush},
 * which reaches it behind every burst already in its mailbox, and reports everything counted by
 * then in one {@link Consumed}. The sender paces bursts with the full path's {@link BurstPacer}.
 */
final class NaiveRelay {
    private NaiveRelay() {
    }

    interface SenderCommand {
    }

    /** Runs one round; answered with the elapsed nanoseconds. {@code window} is in bursts. */
    record Start(long events, int burst, int window, ActorRef<Long> replyTo) implements SenderCommand {
    }

    /** Sink {@code sink} has counted {@code events} more events. */
    record Consumed(int sink, long events) implements SenderCommand {
    }

    /** Stops the sender and, with it, its relays and sinks. */
    enum Stop implements SenderCommand {
        INSTANCE
    }

    /** What a sink receives. */
    interface SinkMessage {
    }

    /** Events {@code first} to {@code first + events - 1}, in one message. */
    record Burst(long first, int events) implements SinkMessage {
    }

    /** A sink's "read": report what has been counted since the last one. */
    private enum Flush implements SinkMessage {
        INSTANCE
    }

    /**
     * A sink: it counts each burst into {@code tally} (noting one that does not follow the last),
     * and reports to the sender once per read.
     */
    static Behavior<SinkMessage> sink(ActorRef<SenderCommand> sender, int index, DeliveryTally tally) {
        return Behaviors.setup(ctx -> {
            long[] next = {0};
            long[] unreported = {0};
            boolean[] flushing = {false};
            return Behaviors.receive(SinkMessage.class)
                    .onMessage(Burst.class, b -> {
                        if (b.first() != next[0]) {
                            tally.outOfSequence();
                        }
                        next[0] = b.first() + b.events();
                        unreported[0] += b.events();
                        if (!flushing[0]) {
                            flushing[0] = true;
                            ctx.getSelf().tell(Flush.INSTANCE);
                        }
                        return Behaviors.same();
                    })
                    .onMessageEquals(Flush.INSTANCE, () -> {
                        flushing[0] = false;
                        tally.counted(index, unreported[0]);
                        sender.tell(new Consumed(index, unreported[0]));
                        unreported[0] = 0;
                        return Behaviors.same();
                    })
                    .build();
        });
    }

    /** A relay: it forwards every burst to its sink. */
    static Behavior<Burst> relay(ActorRef<SinkMessage> sink) {
        return Behaviors.receiveMessage(b -> {
            sink.tell(b);
            return Behaviors.same();
        });
    }

    /**
     * The sender: it spawns its N sinks (and with {@code hops = 2} a relay before each) as its
     * children, then paces bursts on each Start.
     */
    static Behavior<SenderCommand> sender(int n, int hops, DeliveryTally tally) {
        if (hops != 1 && hops != 2) {
            throw new IllegalArgumentException("a relay has 1 or 2 hops, not " + hops);
        }
        return Behaviors.setup(ctx -> {
            List<ActorRef<Burst>> targets = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                ActorRef<SinkMessage> sinkRef = ctx.spawnAnonymous(sink(ctx.getSelf(), i, tally));
                targets.add(hops == 1 ? sinkRef.narrow() : ctx.spawnAnonymous(relay(sinkRef)));
            }
            return idle(targets, n, new long[1]);
        });
    }

    private static Behavior<SenderCommand> idle(List<ActorRef<Burst>> targets, int n, long[] seq) {
        return Behaviors.receive(SenderCommand.class)
                .onMessage(Start.class, s -> {
                    BurstPacer pacer = new BurstPacer(s.events(), s.burst(), s.window(), n);
                    long start = System.nanoTime();
                    sendBursts(pacer, targets, seq, s.burst());
                    return running(targets, n, pacer, seq, start, s.replyTo(), s.burst());
                })
                .onMessageEquals(Stop.INSTANCE, Behaviors::stopped)
                .build();
    }

    private static void sendBursts(BurstPacer pacer, List<ActorRef<Burst>> targets, long[] seq, int burst) {
        while (pacer.sendNext()) {
            Burst b = new Burst(seq[0], burst);
            seq[0] += burst;
            for (ActorRef<Burst> t : targets) {
                t.tell(b);
            }
        }
    }

    private static Behavior<SenderCommand> running(List<ActorRef<Burst>> targets, int n, BurstPacer pacer,
                                                   long[] seq, long start, ActorRef<Long> done, int burst) {
        return Behaviors.receive(SenderCommand.class)
                .onMessage(Consumed.class, c -> {
                    pacer.consumed(c.sink(), c.events());
                    if (pacer.done()) {
                        done.tell(System.nanoTime() - start);
                        return idle(targets, n, seq);
                    }
                    sendBursts(pacer, targets, seq, burst);
                    return Behaviors.same();
                })
                .onMessageEquals(Stop.INSTANCE, Behaviors::stopped)
                .build();
    }
}
