package io.watchsim.simulations.bench;

import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * The closed loop of {@code watchsim bench --runner}, for loads of one record per event to each
 * of {@code sinks} queues: an event goes out only while fewer than {@code window} events are
 * unread by the slowest reader (as {@link BurstPacer} paces bursts), and a round ends once every
 * reader has read every event of it. Unlike {@link BurstPacer}, readers do not send a message per
 * read: each read adds to a count per event of the window ({@link #read}, on the reader's
 * thread), and only the reader that completes an event (the last to read it) tells the pacer
 * actor. At a fan-out of 100,000 a message per read would make the pacer the bottleneck of
 * every path it paces.
 *
 * <p>{@link #read} is called by the readers, each sink by one reader at a time (an actor); the
 * rest belongs to the pacer actor ({@link #pacer}).
 */
final class EventWindow {
    /** Runs a round of {@code events} events; answered with the elapsed nanoseconds. */
    record Start(long events, ActorRef<Long> replyTo) implements Command {
    }

    interface Command {
    }

    /** An event has been read by every sink (sent by the reader that completed it). */
    private enum EventRead implements Command {
        INSTANCE
    }

    private final int sinks;
    private final int window;
    /** Records each sink has read: each slot written only by its sink's reader. */
    private final long[] read;
    /** Per event of the window (event number modulo its length): the sinks that have read it. */
    private final AtomicIntegerArray completions;
    private volatile ActorRef<Command> pacer;

    EventWindow(int sinks, int window) {
        if (sinks < 1 || window < 1) {
            throw new IllegalArgumentException("sinks and window must be at least 1; found " + sinks + ", " + window);
        }
        this.sinks = sinks;
        this.window = window;
        this.read = new long[sinks];
        this.completions = new AtomicIntegerArray(window + 1);
    }

    /** Sink {@code sink} has read {@code records} more records (one per event, in order). */
    void read(int sink, long records) {
        long from = read[sink];
        long to = from + records;
        read[sink] = to;
        boolean completed = false;
        for (long e = from; e < to; e++) {
            completed |= completions.incrementAndGet((int) (e % completions.length())) == sinks;
        }
        if (completed) {
            pacer.tell(EventRead.INSTANCE);
        }
    }

    /**
     * The pacer: on each {@link Start} it calls {@code issue} (one event) while the window allows,
     * and again as events are read by every sink. Spawn it before any event is issued.
     */
    Behavior<Command> pacer(Runnable issue) {
        return Behaviors.setup(ctx -> {
            pacer = ctx.getSelf();
            return new Pacing(ctx, issue);
        });
    }

    /** The pacer's state: events issued and read by every sink, and the round running. */
    private final class Pacing extends AbstractBehavior<Command> {
        private final Runnable issue;
        private long issued;
        private long fullyRead;
        private long target;
        private long start;
        private ActorRef<Long> replyTo;

        Pacing(ActorContext<Command> ctx, Runnable issue) {
            super(ctx);
            this.issue = issue;
        }

        @Override
        public Receive<Command> createReceive() {
            return newReceiveBuilder()
                    .onMessageEquals(EventRead.INSTANCE, () -> {
                        advance();
                        if (replyTo != null && fullyRead >= target) {
                            replyTo.tell(System.nanoTime() - start);
                            replyTo = null;
                        } else {
                            send();
                        }
                        return this;
                    })
                    .onMessage(Start.class, s -> {
                        if (replyTo != null) {
                            throw new IllegalStateException("a round is already running");
                        }
                        target = issued + s.events();
                        replyTo = s.replyTo();
                        start = System.nanoTime();
                        send();
                        return this;
                    })
                    .build();
        }

        private void send() {
            while (replyTo != null && issued < target && issued - fullyRead < window) {
                issue.run();
                issued++;
            }
        }

        /** Moves past every event all sinks have read, freeing its slot before the event that reuses it goes out. */
        private void advance() {
            while (fullyRead < issued) {
                int slot = (int) (fullyRead % completions.length());
                if (completions.get(slot) < sinks) {
                    return;
                }
                completions.set(slot, 0);
                fullyRead++;
            }
        }
    }
}
