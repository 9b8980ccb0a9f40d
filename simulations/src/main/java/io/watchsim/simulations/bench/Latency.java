package io.watchsim.simulations.bench;

import io.watchsim.actors.EventSource;
import io.watchsim.actors.Kernel;
import io.watchsim.queues.record.LittleEndian;
import io.watchsim.queues.record.Notification;
import io.watchsim.queues.record.WatchNotification;
import io.watchsim.queues.ring.ReadResult;
import org.HdrHistogram.Recorder;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Post-to-read latency under an open-loop load: the offering thread posts events at a fixed
 * rate whatever the readers do, each record carrying the time it was due (so that a generator
 * that falls behind shows up as latency, not as a lower rate); readers record read time minus
 * due time in one HdrHistogram recorder. A trial ends with a mark record that every reader
 * counts down once everything before it is read.
 */
final class Latency {
    /** Subtype of the records that carry a due time. */
    static final int TIMED = 1;
    /** Subtype of the mark that ends a trial. */
    static final int MARK = 2;
    /** Where the 64-bit value of a timed or mark record sits: right after the header. */
    private static final int VALUE_OFFSET = WatchNotification.HEADER_SIZE;
    /** A timed or mark record's length: the header and one 64-bit value. */
    private static final int LENGTH = VALUE_OFFSET + Long.BYTES;

    private Latency() {
    }

    /** A key-type record of {@code subtype} carrying {@code value} (a due time or a mark's number). */
    private static Notification record(int subtype, long value) {
        return Notification.builder(WatchNotification.WATCH_TYPE_KEY_NOTIFY, subtype, LENGTH).putLong(VALUE_OFFSET, value)
                .build();
    }

    /** The mark being waited for: its number, and the latch its readers count down. */
    record Mark(long number, CountDownLatch latch) {
    }

    /** Where readers report: the recorder, and the mark being waited for. */
    record Sink(Recorder recorder, AtomicReference<Mark> mark) {
        Sink() {
            this(new Recorder(3), new AtomicReference<>(new Mark(0, new CountDownLatch(0))));
        }
    }

    /** What one trial offered and what came of it. */
    record Trial(double eventsPerSecond, long sent, long lost, boolean drained, org.HdrHistogram.Histogram histogram) {
        /** Sustained: nothing lost and every reader reached the mark. */
        boolean sustained() {
            return lost == 0 && drained;
        }
    }

    /** One reader per queue, owned by this behavior, which stops when the last of them has (its queue closed). */
    static Behavior<Void> readers(Kernel kernel, List<Long> queueIds, Sink sink) {
        return Behaviors.setup(ctx -> {
            for (long q : queueIds) {
                ctx.watch(ctx.spawnAnonymous(reader(kernel, q, sink)));
            }
            int[] left = {queueIds.size()};
            return Behaviors.receive(Void.class)
                    .onSignal(org.apache.pekko.actor.typed.Terminated.class,
                            t -> --left[0] == 0 ? Behaviors.stopped() : Behaviors.same())
                    .build();
        });
    }

    /** A reader that records the latency of each timed record and counts the awaited mark down. */
    static Behavior<ReadResult> reader(Kernel kernel, long queueId, Sink sink) {
        return QueueReader.create(kernel, queueId, r -> {
            long now = System.nanoTime();
            byte[] d = r.data();
            for (int off = 0; off < d.length; ) {
                int len = WatchNotification.lengthOf(LittleEndian.getInt(d, off + 4));
                int type = LittleEndian.getInt(d, off) & WatchNotification.MAX_TYPE;   // else a meta (loss) record
                int subtype = d[off + 3] & WatchNotification.MAX_SUBTYPE;
                boolean ours = type == WatchNotification.WATCH_TYPE_KEY_NOTIFY;
                if (ours && subtype == TIMED && len >= LENGTH) {
                    sink.recorder().recordValue(Math.max(0, now - LittleEndian.getLong(d, off + VALUE_OFFSET)));
                } else if (ours && subtype == MARK) {
                    Mark m = sink.mark().get();
                    if (m.number() == LittleEndian.getLong(d, off + VALUE_OFFSET)) {
                        m.latch().countDown();
                    }
                }
                off += len;
            }
        });
    }

    /**
     * Offers {@code eventsPerSecond} events for {@code nanos} from the calling thread (never an
     * actor's: it parks between bursts), in bursts of {@code burst} events at even intervals, as
     * the throughput run posts them, whatever the readers do. Each event is a 16-byte record to
     * every watch of the object, carrying the time its burst was due: a burst posted late counts
     * its lateness as latency. Returns the events sent.
     */
    static long offer(EventSource source, double eventsPerSecond, long nanos, int burst) {
        double nanosPerBurst = burst * 1e9 / eventsPerSecond;
        long bursts = Math.max(1, (long) (nanos / nanosPerBurst));
        long start = System.nanoTime();
        for (long k = 0; k < bursts; k++) {
            long due = start + (long) (k * nanosPerBurst);
            for (long now = System.nanoTime(); now < due; now = System.nanoTime()) {
                LockSupport.parkNanos(due - now);
            }
            List<Notification> batch = new ArrayList<>(burst);
            for (int i = 0; i < burst; i++) {
                batch.add(record(TIMED, due));
            }
            source.post(batch);
        }
        return bursts * burst;
    }

    /**
     * Posts mark {@code number} behind everything offered and waits, at most {@code timeoutMillis},
     * until every reader has read it; false if some reader did not (a queue lost it, or is still
     * far behind).
     */
    static boolean awaitMark(EventSource source, Sink sink, int readers, long number, long timeoutMillis) {
        Mark mark = new Mark(number, new CountDownLatch(readers));
        sink.mark().set(mark);
        source.post(List.of(record(MARK, number)));
        try {
            return mark.latch().await(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
