package io.watchsim.simulations.bench;

import io.watchsim.actors.WatchedObject;
import io.watchsim.policies.Credentials;
import io.watchsim.policies.PolicyEngine;
import io.watchsim.queues.NotificationQueue;
import io.watchsim.queues.record.LittleEndian;
import io.watchsim.queues.record.Notification;
import io.watchsim.queues.ring.ReadResult;
import org.HdrHistogram.Recorder;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

import java.time.Duration;
import java.util.List;

/**
 * Post-to-read latency at a fixed offered rate: a generator posts, every millisecond of a timer,
 * the events due by then in batches of at most 64 (open loop: it does not wait for readers),
 * each record carrying its post time; readers record read time minus post time in one
 * HdrHistogram recorder.
 */
final class Latency {
    private Latency() {
    }

    interface Command {
    }

    /** Offers {@code eventsPerSecond} for {@code duration}; answered with the events sent. */
    record Start(double eventsPerSecond, Duration duration, ActorRef<Long> replyTo) implements Command {
    }

    private enum Tick implements Command {
        INSTANCE
    }

    /** A reader that records the latency of every record it reads (loss records carry no time). */
    static Behavior<ReadResult> reader(ActorRef<NotificationQueue.Command> queue, Recorder recorder) {
        return Behaviors.setup(ctx -> {
            NotificationQueue.Read read = new NotificationQueue.Read(4096, true, ctx.getSelf());
            queue.tell(read);
            return Behaviors.receiveMessage(r -> {
                if (r.isError() || r.isEof()) {
                    return Behaviors.stopped();
                }
                long now = System.nanoTime();
                byte[] d = r.data();
                for (int off = 0; off < d.length; ) {
                    int len = LittleEndian.getInt(d, off + 4) & 0x7F;
                    if (len >= 16) {
                        recorder.recordValue(Math.max(0, now - LittleEndian.getLong(d, off + 8)));
                    }
                    off += len;
                }
                queue.tell(read);
                return Behaviors.same();
            });
        });
    }

    /** The generator: posts each due event as a 16-byte record whose payload is its post time. */
    static Behavior<Command> generator(ActorRef<PolicyEngine.Command> policy, ActorRef<WatchedObject.Command> object,
                                       long objectId, List<ActorRef<NotificationQueue.Command>> queues,
                                       Credentials creds, Recorder recorder) {
        return Behaviors.setup(ctx -> {
            for (ActorRef<NotificationQueue.Command> q : queues) {
                ctx.spawnAnonymous(reader(q, recorder));
            }
            return Behaviors.withTimers(timers -> idle(policy, object, objectId, creds, timers));
        });
    }

    private static Behavior<Command> idle(ActorRef<PolicyEngine.Command> policy, ActorRef<WatchedObject.Command> object,
                                          long objectId, Credentials creds,
                                          org.apache.pekko.actor.typed.javadsl.TimerScheduler<Command> timers) {
        return Behaviors.receive(Command.class)
                .onMessage(Start.class, s -> {
                    timers.startTimerAtFixedRate(Tick.INSTANCE, Duration.ofMillis(1));
                    return offering(policy, object, objectId, creds, timers, s, System.nanoTime(), new long[] {0});
                })
                .onMessageEquals(Tick.INSTANCE, Behaviors::same)
                .build();
    }

    private static Behavior<Command> offering(ActorRef<PolicyEngine.Command> policy,
                                              ActorRef<WatchedObject.Command> object, long objectId, Credentials creds,
                                              org.apache.pekko.actor.typed.javadsl.TimerScheduler<Command> timers,
                                              Start s, long start, long[] sent) {
        return Behaviors.receive(Command.class)
                .onMessageEquals(Tick.INSTANCE, () -> {
                    long elapsed = System.nanoTime() - start;
                    if (elapsed >= s.duration().toNanos()) {
                        timers.cancelAll();
                        s.replyTo().tell(sent[0]);
                        return idle(policy, object, objectId, creds, timers);
                    }
                    long due = (long) (s.eventsPerSecond() * elapsed / 1e9) - sent[0];
                    // The events due in this tick go out as batches of at most 64, as the throughput run posts.
                    for (long from = 0; from < due; from += 64) {
                        int size = (int) Math.min(64, due - from);
                        java.util.ArrayList<Notification> batch = new java.util.ArrayList<>(size);
                        long postedAt = System.nanoTime();
                        for (int i = 0; i < size; i++) {
                            batch.add(Notification.builder(1, 1, 16).putLong(8, postedAt).build());
                        }
                        policy.tell(new PolicyEngine.Submit<>(new WatchedObject.NotifyBatch(objectId, batch, creds, null),
                                object));
                    }
                    sent[0] += Math.max(0, due);
                    return Behaviors.same();
                })
                .build();
    }
}
