package io.watchsim.simulations.bench;

import io.watchsim.actors.EventSource;
import io.watchsim.actors.Kernel;
import io.watchsim.actors.KernelFault;
import io.watchsim.actors.Waits;
import io.watchsim.queues.NanoClock;
import io.watchsim.queues.Provenance;
import io.watchsim.queues.record.LittleEndian;
import io.watchsim.queues.record.Notification;
import io.watchsim.queues.record.WatchNotification;
import io.watchsim.queues.ring.ReadResult;
import io.watchsim.simulations.runner.PerThreadRecorder;
import org.HdrHistogram.Histogram;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the latency bench's readers read and what they make of it. Every event is one key-type
 * record of a header and two 64-bit values: a timed record carries the time it was due (the open
 * loop's intended send time) and the time the generator's post call was made, a mark the number of
 * the mark a trial waits for, a probe the number of the fan-out probe being timed. Each reader
 * records, for every timed record, read time minus due time (from the intended send time: a late
 * generator shows as latency), read time minus call time (the kernel's whole path, the generator's
 * lateness left out) and read time minus the kernel's post stamp ({@link Provenance#postedNanos()},
 * from when the object fanned it out),
 * counts the timed records it read and the loss records, counts the awaited mark down (after adding
 * what it read before the mark to its count, so that whoever waits for the mark sees it), and the
 * reader that reads a probe's last delivery stops that probe's clock.
 */
final class Latency {
    /** Subtype of the records that carry a due time. */
    static final int TIMED = 1;
    /** Subtype of the mark that ends a trial. */
    static final int MARK = 2;
    /** Subtype of a fan-out probe. */
    static final int PROBE = 3;
    /** Where the 64-bit value of a record sits: right after the header. */
    private static final int VALUE_OFFSET = WatchNotification.HEADER_SIZE;
    /** Where a timed record's second value sits: when the generator's post call was made. */
    private static final int CALLED_OFFSET = VALUE_OFFSET + Long.BYTES;
    /** A record's length: the header and two 64-bit values. */
    private static final int LENGTH = CALLED_OFFSET + Long.BYTES;

    private Latency() {
    }

    /** A key-type record of {@code subtype} carrying {@code value}. */
    static Notification record(int subtype, long value) {
        return record(subtype, value, 0);
    }

    /** A timed record: its due time, and when the generator called post (both on the kernel's clock). */
    static Notification record(int subtype, long value, long calledNanos) {
        return Notification.builder(WatchNotification.WATCH_TYPE_KEY_NOTIFY, subtype, LENGTH)
                .putLong(VALUE_OFFSET, value).putLong(CALLED_OFFSET, calledNanos).build();
    }

    /** A mark being waited for: its number, the readers yet to read it, and done once all have. */
    record Mark(long number, AtomicInteger left, CompletableFuture<Void> done) {
        Mark(long number, int readers) {
            this(number, new AtomicInteger(readers), new CompletableFuture<>());
        }

        void read() {
            if (left.decrementAndGet() == 0) {
                done.complete(null);
            }
        }
    }

    /** A fan-out probe: its number, the readers yet to read it, and the read time of its last delivery. */
    record Probe(long number, AtomicInteger left, CompletableFuture<Long> lastRead) {
        Probe(long number, int readers) {
            this(number, new AtomicInteger(readers), new CompletableFuture<>());
        }
    }

    /**
     * Where the readers of one world report: two latency recorders (from the intended send time,
     * from the post stamp), the timed records each reader counted, the loss records seen, and the
     * mark and probe being waited for. Readers read the time on the kernel's clock, the one the
     * post stamps and (in the bench, {@link NanoClock#SYSTEM}) the due times are on.
     */
    static final class Sink {
        final PerThreadRecorder fromIntended = new PerThreadRecorder(3);
        final PerThreadRecorder fromCall = new PerThreadRecorder(3);
        final PerThreadRecorder fromPost = new PerThreadRecorder(3);
        final DeliveryTally timed;
        final AtomicLong lossRecords = new AtomicLong();
        final AtomicReference<Mark> mark = new AtomicReference<>(new Mark(0, 0));
        final AtomicReference<Probe> probe = new AtomicReference<>(new Probe(0, 0));
        final NanoClock clock;

        Sink(int readers, NanoClock clock) {
            this.timed = new DeliveryTally(readers);
            this.clock = clock;
        }

        int readers() {
            return timed.sinks();
        }

        /** Reader {@code index}'s read: every record of it, on the reader's thread. */
        void read(int index, ReadResult r) {
            long now = clock.nanoTime();
            byte[] d = r.data();
            PerThreadRecorder.Writer intended = fromIntended.writer();
            PerThreadRecorder.Writer called = fromCall.writer();
            PerThreadRecorder.Writer posted = fromPost.writer();
            long count = 0;
            int record = 0;
            for (int off = 0; off < d.length; record++) {
                int len = WatchNotification.lengthOf(LittleEndian.getInt(d, off + 4));
                int type = LittleEndian.getInt(d, off) & WatchNotification.MAX_TYPE;
                int subtype = d[off + 3] & WatchNotification.MAX_SUBTYPE;
                if (type != WatchNotification.WATCH_TYPE_KEY_NOTIFY || len < LENGTH) {
                    lossRecords.incrementAndGet();   // a meta record: the queue lost records before it
                } else {
                    long value = LittleEndian.getLong(d, off + VALUE_OFFSET);
                    if (subtype == TIMED) {
                        count++;
                        intended.recordValue(Math.max(0, now - value));
                        called.recordValue(Math.max(0, now - LittleEndian.getLong(d, off + CALLED_OFFSET)));
                        Provenance origin = r.origin(record);
                        if (origin != null) {
                            posted.recordValue(Math.max(0, now - origin.postedNanos()));
                        }
                    } else if (subtype == MARK) {
                        // Count what came before the mark first: whoever waits for it reads the counts next.
                        timed.counted(index, count);
                        count = 0;
                        Mark m = mark.get();
                        if (m.number() == value) {
                            m.read();
                        }
                    } else if (subtype == PROBE) {
                        Probe p = probe.get();
                        if (p.number() == value && p.left().decrementAndGet() == 0) {
                            p.lastRead().complete(now);
                        }
                    }
                }
                off += len;
            }
            timed.counted(index, count);
        }

        /**
         * The recorders' values since the last call: from the intended send time, from the post stamp,
         * then from the generator's post call.
         */
        Histogram[] interval() {
            return new Histogram[] {fromIntended.getIntervalHistogram(), fromPost.getIntervalHistogram(),
                    fromCall.getIntervalHistogram()};
        }
    }

    /** One reader per queue, owned by this behavior, which stops when the last of them has (its queue closed). */
    static Behavior<Void> readers(Kernel kernel, List<Long> queueIds, Sink sink) {
        return Behaviors.setup(ctx -> {
            for (int i = 0; i < queueIds.size(); i++) {
                int index = i;
                ctx.watch(ctx.spawnAnonymous(QueueReader.create(kernel, queueIds.get(i), r -> sink.read(index, r))));
            }
            int[] left = {queueIds.size()};
            return Behaviors.receive(Void.class)
                    .onSignal(Terminated.class, t -> --left[0] == 0 ? Behaviors.stopped() : Behaviors.same())
                    .build();
        });
    }

    /**
     * Posts mark {@code number} behind everything offered and waits, at most {@code timeout},
     * until every reader has read it; false if some reader did not (a queue lost it, or a reader
     * is still that far behind).
     */
    static boolean awaitMark(EventSource source, Sink sink, long number, Duration timeout) {
        Mark mark = new Mark(number, sink.readers());
        sink.mark.set(mark);
        source.post(List.of(record(MARK, number)));
        return reached(mark.done(), timeout);
    }

    /**
     * Posts probe {@code number} (one record) and waits, at most {@code timeout}, for its last
     * delivery to be read: the nanoseconds from the post to that read, or -1 if it was not read in
     * time.
     */
    static long probe(EventSource source, Sink sink, long number, Duration timeout) {
        Probe p = new Probe(number, sink.readers());
        sink.probe.set(p);
        long posted = sink.clock.nanoTime();
        source.post(List.of(record(PROBE, number)));
        return reached(p.lastRead(), timeout) ? p.lastRead().getNow(posted - 1) - posted : -1;
    }

    private static boolean reached(CompletableFuture<?> done, Duration timeout) {
        try {
            Waits.await(done, timeout);
            return true;
        } catch (KernelFault noAnswerInTime) {
            return false;
        }
    }
}
