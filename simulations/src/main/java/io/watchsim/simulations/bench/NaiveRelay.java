package io.watchsim.simulations.bench;

import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

import java.util.ArrayList;
import java.util.List;

/**
 * The cost of the actor topology itself: one sender sends each event to N relay actors, each
 * forwards it to its own sink, which only counts (no filter, no policy, no ring).
 */
final class NaiveRelay {
    private NaiveRelay() {
    }

    interface SenderCommand {
    }

    /** Runs one round; answered with the elapsed nanoseconds. */
    record Start(long events, int burst, int window, ActorRef<Long> replyTo) implements SenderCommand {
    }

    /** Sink {@code sink} has counted {@code events} more events. */
    record Consumed(int sink, long events) implements SenderCommand {
    }

    record Event(long seq) {
    }

    /** A sink reports every {@code burst} events it has counted. */
    static Behavior<Event> sink(ActorRef<SenderCommand> sender, int burst, int index) {
        return Behaviors.setup(ctx -> {
            long[] count = {0};
            return Behaviors.receiveMessage(e -> {
                if (++count[0] % burst == 0) {
                    sender.tell(new Consumed(index, burst));
                }
                return Behaviors.same();
            });
        });
    }

    static Behavior<Event> relay(ActorRef<Event> sink) {
        return Behaviors.receiveMessage(e -> {
            sink.tell(e);
            return Behaviors.same();
        });
    }

    /** The sender: it spawns its relays and sinks as a tree and paces bursts. */
    static Behavior<SenderCommand> sender(int n, int burst) {
        return Behaviors.setup(ctx -> {
            List<ActorRef<Event>> relays = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                ActorRef<Event> sinkRef = ctx.spawnAnonymous(sink(ctx.getSelf(), burst, i));
                relays.add(ctx.spawnAnonymous(relay(sinkRef)));
            }
            return idle(relays, n);
        });
    }

    private static Behavior<SenderCommand> idle(List<ActorRef<Event>> relays, int n) {
        return Behaviors.receive(SenderCommand.class)
                .onMessage(Start.class, s -> {
                    BurstPacer pacer = new BurstPacer(s.events(), s.burst(), s.window(), n);
                    long start = System.nanoTime();
                    long[] seq = {0};
                    sendBursts(pacer, relays, seq, s.burst());
                    return running(relays, n, pacer, seq, start, s.replyTo(), s.burst());
                })
                .build();
    }

    private static void sendBursts(BurstPacer pacer, List<ActorRef<Event>> relays, long[] seq, int burst) {
        while (pacer.sendNext()) {
            for (int i = 0; i < burst; i++) {
                Event e = new Event(seq[0]++);
                for (ActorRef<Event> r : relays) {
                    r.tell(e);
                }
            }
        }
    }

    private static Behavior<SenderCommand> running(List<ActorRef<Event>> relays, int n, BurstPacer pacer, long[] seq,
                                                   long start, ActorRef<Long> done, int burst) {
        return Behaviors.receive(SenderCommand.class)
                .onMessage(Consumed.class, c -> {
                    pacer.consumed(c.sink(), c.events());
                    if (pacer.done()) {
                        done.tell(System.nanoTime() - start);
                        return idle(relays, n);
                    }
                    sendBursts(pacer, relays, seq, burst);
                    return Behaviors.same();
                })
                .build();
    }
}
