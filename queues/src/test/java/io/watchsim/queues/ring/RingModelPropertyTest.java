package io.watchsim.queues.ring;

import io.watchsim.queues.Errno;
import io.watchsim.queues.ErrnoException;
import io.watchsim.queues.record.KeyNotify;
import io.watchsim.queues.record.MetaNotify;
import io.watchsim.queues.record.Notification;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;
import net.jqwik.api.statistics.Statistics;

import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Differential test of {@link NotificationRing} against a small reference model written from
 * Linux's {@code kernel/watch_queue.c} and {@code fs/pipe.c} (record layout, SET_SIZE, SET_FILTER,
 * posting with loss, pipe_read()), not from the production code.
 *
 * <p>A property generates random programs of SET_SIZE, post, SET_FILTER (null included) and
 * read(n), runs each step against both, and requires identical observations: SET_SIZE and
 * SET_FILTER errnos, post outcomes, read() bytes (byte for byte, so the place of every loss record
 * is checked), record counts and errnos, and the queue state visible through the API (records and
 * bytes queued, readability, pending loss, capacity, filter presence, statistics counters).
 * {@link QueueStatistics#isBalanced()} must hold after every step.
 */
class RingModelPropertyTest {

    private static final HexFormat HEX = HexFormat.of();

    // =====================================================================================
    // Properties and examples
    // =====================================================================================

    @Property(tries = 300, edgeCases = EdgeCasesMode.NONE)
    void ringBehavesLikeTheReferenceModel(@ForAll("programs") List<Op> program) {
        Tally tally = run(program);

        Statistics.label("loss records read").collect(tally.lossRecordsRead > 0);
        Statistics.label("loss record in the middle of a read").collect(tally.lossRecordMidRead > 0);
        Statistics.label("loss record first in a read").collect(tally.lossRecordFirst > 0);
        Statistics.label("ENOBUFS").collect(tally.enobufs > 0);
        Statistics.label("short read (next record did not fit)").collect(tally.shortReads > 0);
        Statistics.label("post lost on an unsized queue").collect(tally.lostUnreported > 0);
        Statistics.label("post filtered").collect(tally.filtered > 0);
        Statistics.label("SET_FILTER EINVAL").collect(tally.filterEinval > 0);

        Statistics.label("loss records read").coverage(c -> c.check(true).percentage(p -> p > 20));
        Statistics.label("loss record in the middle of a read").coverage(c -> c.check(true).percentage(p -> p > 10));
        Statistics.label("loss record first in a read").coverage(c -> c.check(true).percentage(p -> p > 15));
        Statistics.label("ENOBUFS").coverage(c -> c.check(true).percentage(p -> p > 40));
        Statistics.label("short read (next record did not fit)").coverage(c -> c.check(true).percentage(p -> p > 35));
        Statistics.label("post lost on an unsized queue").coverage(c -> c.check(true).percentage(p -> p > 20));
        Statistics.label("post filtered").coverage(c -> c.check(true).percentage(p -> p > 20));
        Statistics.label("SET_FILTER EINVAL").coverage(c -> c.check(true).percentage(p -> p > 25));
    }

    /**
     * KERNEL-BEHAVIOUR.md, "Loss" and "Reading": the loss record appears immediately after the record that was newest when the
     * loss happened, and before any record posted after the loss.
     */
    @Example
    void lossRecordFollowsTheFlaggedRecord() {
        List<Op> program = new ArrayList<>();
        program.add(new SetSize(1)); // 32 notes
        for (int i = 1; i <= 32; i++) {
            program.add(new Post(KeyNotify.of(KeyNotify.NOTIFY_KEY_UPDATED, i, 0), 7));
        }
        program.add(new Post(KeyNotify.of(KeyNotify.NOTIFY_KEY_UPDATED, 33, 0), 7)); // lost: flags key 32
        program.add(new Read(16)); // key 1
        program.add(new Post(KeyNotify.of(KeyNotify.NOTIFY_KEY_UPDATED, 34, 0), 7)); // fits again
        program.add(new Read(4096));
        List<Observation> seen = runObserved(program);

        assertThat(seen.get(33).outcome).isEqualTo(PostOutcome.LOST);
        assertThat(seen.get(35).outcome).isEqualTo(PostOutcome.INSERTED);
        byte[] data = seen.get(36).read.data();
        assertThat(data).hasSize(31 * 16 + 8 + 16);
        assertThat(keyIdAt(data, 30 * 16)).isEqualTo(32);
        assertThat(Arrays.copyOfRange(data, 31 * 16, 31 * 16 + 8)).isEqualTo(lossRecord());
        assertThat(keyIdAt(data, 31 * 16 + 8)).isEqualTo(34);
        assertThat(seen.get(36).read.records()).isEqualTo(33);
        // the tag was written into info bits 8..15: info = 7 << 8 | 16
        assertThat(le32(data, 4)).isEqualTo(0x0710);
    }

    /**
     * KERNEL-BEHAVIOUR.md, "Reading" (seen on 6.1): when the ring drains right after the flagged record, that read() ends
     * without the loss record and the next read() returns it first; after that the queue is empty.
     */
    @Example
    void lossRecordComesFirstInTheNextReadWhenTheRingDrained() {
        List<Op> program = new ArrayList<>();
        program.add(new SetSize(20)); // 32 notes
        for (int i = 1; i <= 34; i++) { // 33 and 34 are lost: both collapse into one flag
            program.add(new Post(KeyNotify.of(KeyNotify.NOTIFY_KEY_LINKED, i, 0), 0));
        }
        program.add(new Read(4096));
        program.add(new Read(7));
        program.add(new Read(4096));
        program.add(new Read(4096));
        List<Observation> seen = runObserved(program);

        int first = 1 + 34;
        assertThat(seen.get(first).read.data()).hasSize(32 * 16);
        assertThat(keyIdAt(seen.get(first).read.data(), 31 * 16)).isEqualTo(32);
        assertThat(seen.get(first + 1).read.errno()).isEqualTo(Errno.ENOBUFS); // 7 < 8: no room for the loss record
        assertThat(seen.get(first + 2).read.data()).isEqualTo(lossRecord());
        assertThat(seen.get(first + 3).read.errno()).isEqualTo(Errno.EAGAIN);
    }

    /**
     * KERNEL-BEHAVIOUR.md, "Reading": a record that does not fit is ENOBUFS when it would be the first, a short read
     * otherwise, and stays queued either way. Posts before SET_SIZE vanish without a loss record.
     */
    @Example
    void tooSmallBufferGivesEnobufsOrAShortRead() {
        Notification key = KeyNotify.of(KeyNotify.NOTIFY_KEY_REVOKED, 5, 0); // 16 bytes
        Notification removal = MetaNotify.removal(99); // 16 bytes
        List<Op> program = List.of(
                new Post(key, 1),          // 0: before SET_SIZE: lost silently
                new SetSize(64),           // 1
                new Read(100),             // 2: EAGAIN, no loss record ever
                new Post(key, 1),          // 3
                new Post(removal, 2),      // 4
                new Read(15),              // 5: ENOBUFS
                new Read(31),              // 6: short read: only the first record
                new Read(16));             // 7: the second
        List<Observation> seen = runObserved(program);

        assertThat(seen.get(0).outcome).isEqualTo(PostOutcome.LOST);
        assertThat(seen.get(2).read.errno()).isEqualTo(Errno.EAGAIN);
        assertThat(seen.get(5).read.errno()).isEqualTo(Errno.ENOBUFS);
        assertThat(seen.get(6).read.data()).hasSize(16);
        assertThat(keyIdAt(seen.get(6).read.data(), 0)).isEqualTo(5);
        assertThat(seen.get(7).read.data()).hasSize(16);
        assertThat(le32(seen.get(7).read.data(), 4)).isEqualTo(0x0210); // tag 2, length 16
    }

    // =====================================================================================
    // Running a program against both implementations
    // =====================================================================================

    /** A step's observation on the production ring (the model's was already found equal). */
    private record Observation(Errno errno, PostOutcome outcome, ReadResult read) {
    }

    /** What a run exercised, for the statistics. */
    private static final class Tally {
        int lossRecordsRead;
        int lossRecordMidRead;
        int lossRecordFirst;
        int enobufs;
        int shortReads;
        int lostUnreported;
        int filtered;
        int filterEinval;
    }

    private static Tally run(List<Op> program) {
        Tally tally = new Tally();
        execute(program, tally, new ArrayList<>());
        return tally;
    }

    private static List<Observation> runObserved(List<Op> program) {
        List<Observation> seen = new ArrayList<>();
        execute(program, new Tally(), seen);
        return seen;
    }

    private static void execute(List<Op> program, Tally tally, List<Observation> seen) {
        NotificationRing ring = new NotificationRing();
        RingReference model = new RingReference();
        for (int step = 0; step < program.size(); step++) {
            Op op = program.get(step);
            int index = step;
            Supplier<String> where = () -> "step " + index + " " + op;
            if (op instanceof SetSize s) {
                Errno actual = errnoOf(() -> ring.setSize(s.notes(), PipeLimits.WITHIN));
                Errno expected = model.setSize(s.notes());
                assertThat(actual).as(() -> where.get() + ": SET_SIZE errno").isEqualTo(expected);
                seen.add(new Observation(actual, null, null));
            } else if (op instanceof SetFilter f) {
                Errno actual = errnoOf(() -> ring.setFilter(f.request()));
                Errno expected = model.setFilter(f.request());
                assertThat(actual).as(() -> where.get() + ": SET_FILTER errno").isEqualTo(expected);
                if (actual == Errno.EINVAL) {
                    tally.filterEinval++;
                }
                seen.add(new Observation(actual, null, null));
            } else if (op instanceof Post p) {
                boolean emptyBefore = model.queued() == 0;
                PostOutcome actual = ring.post(p.record(), p.tag());
                PostOutcome expected = model.post(p.record().toBytes(), p.tag());
                assertThat(actual).as(() -> where.get() + ": post outcome").isEqualTo(expected);
                if (expected == PostOutcome.LOST && emptyBefore) {
                    tally.lostUnreported++;
                }
                if (expected == PostOutcome.FILTERED) {
                    tally.filtered++;
                }
                seen.add(new Observation(null, actual, null));
            } else if (op instanceof Read r) {
                boolean lossWasPending = model.lossPending;
                ReadResult actual = ring.read(r.size());
                RingReference.ReadOutcome expected = model.read(r.size());
                assertThat(actual.errno()).as(() -> where.get() + ": read errno").isEqualTo(expected.errno());
                if (!Arrays.equals(actual.data(), expected.data())) { // hex, for a readable diff
                    assertThat(HEX.formatHex(actual.data())).as(() -> where.get() + ": read bytes")
                            .isEqualTo(HEX.formatHex(expected.data()));
                }
                assertThat(actual.records()).as(() -> where.get() + ": records in the read").isEqualTo(expected.records());
                tally.lossRecordsRead += expected.lossRecords();
                if (expected.lossRecords() > 0 && lossWasPending) {
                    tally.lossRecordFirst++;
                }
                if (expected.lossRecords() > (lossWasPending ? 1 : 0)) {
                    tally.lossRecordMidRead++;
                }
                if (expected.errno() == Errno.ENOBUFS) {
                    tally.enobufs++;
                }
                if (expected.stoppedShort()) {
                    tally.shortReads++;
                }
                seen.add(new Observation(null, null, actual));
            } else if (op instanceof Reserve rs) {
                ring.reserve(rs.records());
            } else if (op instanceof CloseWriteEnd) {
                ring.closeWriteEnd();
                model.writerOpen = false;
                seen.add(new Observation(null, null, null));
            } else {
                throw new IllegalStateException("unknown op " + op);
            }
            checkState(ring, model, where);
        }
    }

    private static void checkState(NotificationRing ring, RingReference model, Supplier<String> where) {
        QueueStatistics st = ring.statistics();
        assertThat(st.isBalanced()).as(() -> where.get() + ": statistics balanced " + st).isTrue();
        assertThat(ring.recordsQueued()).as(() -> where.get() + ": records queued").isEqualTo(model.queued());
        assertThat(st.queued()).as(() -> where.get() + ": statistics.queued").isEqualTo(model.queued());
        assertThat(ring.bytesQueued()).as(() -> where.get() + ": FIONREAD").isEqualTo(model.bytesQueued());
        assertThat(ring.isReadable()).as(() -> where.get() + ": EPOLLIN").isEqualTo(model.queued() > 0);
        assertThat(ring.isLossPending()).as(() -> where.get() + ": loss pending").isEqualTo(model.lossPending);
        assertThat(ring.capacity()).as(() -> where.get() + ": capacity").isEqualTo(model.capacity);
        assertThat(ring.isSized()).as(() -> where.get() + ": sized").isEqualTo(model.capacity != 0);
        assertThat(ring.hasFilter()).as(() -> where.get() + ": has filter").isEqualTo(model.filter != null);
        assertThat(st.posted()).as(() -> where.get() + ": posted").isEqualTo(model.posted);
        assertThat(st.inserted()).as(() -> where.get() + ": inserted").isEqualTo(model.inserted);
        assertThat(st.filtered()).as(() -> where.get() + ": filtered").isEqualTo(model.filtered);
        assertThat(st.lost()).as(() -> where.get() + ": lost").isEqualTo(model.lost);
        assertThat(st.lostUnreported()).as(() -> where.get() + ": lost unreported").isEqualTo(model.lostUnreported);
        assertThat(st.recordsRead()).as(() -> where.get() + ": records read").isEqualTo(model.recordsRead);
        assertThat(st.lossRecordsRead()).as(() -> where.get() + ": loss records read").isEqualTo(model.lossRecordsRead);
        assertThat(st.bytesRead()).as(() -> where.get() + ": bytes read").isEqualTo(model.bytesRead);
        assertThat(st.failedReads()).as(() -> where.get() + ": failed reads").isEqualTo(model.failedReads);
    }

    private static Errno errnoOf(Runnable call) {
        try {
            call.run();
            return null;
        } catch (ErrnoException e) {
            return e.errno();
        }
    }

    // =====================================================================================
    // The reference model (from docs/KERNEL-BEHAVIOUR.md, byte-level, independent of the production code)
    // =====================================================================================

    /**
     * The queue as docs/KERNEL-BEHAVIOUR.md describes it: a capacity in notes (0 until SET_SIZE), a FIFO of
     * records already carrying their tagged info word plus a LOSS flag each, a pending-loss bit,
     * and a filter (a list of kept entries, or null for none).
     */
    static final class RingReference {
        static final int NOTES_PER_PAGE = 32;
        static final int MAX_NOTES = 512;
        static final int MAX_FILTERS = 16;
        static final int NR_TYPES = 4;

        int capacity;
        boolean writerOpen = true;
        List<Entry> filter;
        boolean lossPending;
        final ArrayDeque<Queued> ring = new ArrayDeque<>();

        long posted;
        long inserted;
        long filtered;
        long lost;
        long lostUnreported;
        long recordsRead;
        long lossRecordsRead;
        long bytesRead;
        long failedReads;

        record Entry(int type, int infoFilter, int infoMask, int subtypes) {
        }

        static final class Queued {
            final byte[] bytes;
            boolean loss;

            Queued(byte[] bytes) {
                this.bytes = bytes;
            }
        }

        record ReadOutcome(byte[] data, int records, int lossRecords, Errno errno, boolean stoppedShort) {
        }

        int queued() {
            return ring.size();
        }

        int bytesQueued() {
            return ring.stream().mapToInt(q -> q.bytes.length).sum();
        }

        /** "Setting the size": EBUSY once set, EINVAL outside 1..512, then whole pages of 32 notes. */
        Errno setSize(long notes) {
            if (capacity != 0) {
                return Errno.EBUSY;
            }
            if (notes < 1 || notes > MAX_NOTES) {
                return Errno.EINVAL;
            }
            long pages = (notes + NOTES_PER_PAGE - 1) / NOTES_PER_PAGE;
            capacity = (int) (pages * NOTES_PER_PAGE);
            return null;
        }

        /** "Setting a filter": validate everything first; on success swap in the kept entries. */
        Errno setFilter(FilterRequest request) {
            if (request == null) {
                filter = null;
                return null;
            }
            long nr = Integer.toUnsignedLong(request.nrFilters());
            if (nr == 0 || nr > MAX_FILTERS || request.reserved() != 0) {
                return Errno.EINVAL;
            }
            List<Entry> kept = new ArrayList<>();
            for (int i = 0; i < nr; i++) {
                int type = 0;
                int infoFilter = 0;
                int infoMask = 0;
                int word0 = 0;
                if (i < request.filters().size()) { // beyond the entries given: a zeroed buffer
                    TypeFilter tf = request.filters().get(i);
                    type = tf.type();
                    infoFilter = tf.infoFilter();
                    infoMask = tf.infoMask();
                    word0 = tf.subtypeFilter()[0];
                }
                if ((infoFilter & ~infoMask) != 0 || (infoMask & 0x7F) != 0) {
                    return Errno.EINVAL;
                }
                if (Integer.toUnsignedLong(type) >= NR_TYPES) {
                    continue;
                }
                kept.add(new Entry(type, infoFilter, infoMask, word0));
            }
            filter = kept;
            return null;
        }

        private boolean passes(int type, int subtype, int info) {
            if (filter == null) {
                return true;
            }
            for (Entry e : filter) {
                if (e.type() == type && subtype < 32 && ((e.subtypes() >>> subtype) & 1) != 0
                        && (info & e.infoMask()) == e.infoFilter()) {
                    return true;
                }
            }
            return false;
        }

        /** "Posting a record" and "Loss": tag into info, filter (meta bypasses), then insert or mark the loss. */
        PostOutcome post(byte[] raw, int tag) {
            posted++;
            byte[] rec = raw.clone();
            int info = le32(rec, 4);
            info = (info & ~0x0000FF00) | (tag << 8);
            putLe32(rec, 4, info);
            int type = le32(rec, 0) & 0x00FFFFFF;
            int subtype = rec[3] & 0xFF;
            if (type != 0 && !passes(type, subtype, info)) {
                filtered++;
                return PostOutcome.FILTERED;
            }
            if (ring.size() >= capacity) {
                if (ring.isEmpty()) {
                    lostUnreported++;
                } else {
                    ring.peekLast().loss = true;
                }
                lost++;
                return PostOutcome.LOST;
            }
            ring.addLast(new Queued(rec));
            inserted++;
            return PostOutcome.INSERTED;
        }

        /** "Reading", non-blocking. */
        ReadOutcome read(int size) {
            if (size == 0) {
                return new ReadOutcome(new byte[0], 0, 0, null, false);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int remaining = size;
            int records = 0;
            int losses = 0;
            boolean stoppedShort = false;
            while (true) {
                if (lossPending) {
                    if (remaining < 8) {
                        if (out.size() == 0) {
                            failedReads++;
                            return new ReadOutcome(new byte[0], 0, 0, Errno.ENOBUFS, false);
                        }
                        stoppedShort = true;
                        break;
                    }
                    out.writeBytes(lossRecord());
                    remaining -= 8;
                    records++;
                    losses++;
                    lossPending = false;
                    lossRecordsRead++;
                }
                if (!ring.isEmpty()) {
                    Queued first = ring.peekFirst();
                    if (first.bytes.length > remaining) {
                        if (out.size() == 0) {
                            failedReads++;
                            return new ReadOutcome(new byte[0], 0, 0, Errno.ENOBUFS, false);
                        }
                        stoppedShort = true;
                        break;
                    }
                    out.writeBytes(first.bytes);
                    remaining -= first.bytes.length;
                    ring.removeFirst();
                    records++;
                    recordsRead++;
                    if (first.loss) {
                        lossPending = true;
                    }
                    if (remaining == 0) {
                        break;
                    }
                    if (!ring.isEmpty()) {
                        continue;
                    }
                }
                if (out.size() > 0 || !writerOpen) {
                    break;
                }
                failedReads++;
                return new ReadOutcome(new byte[0], 0, 0, Errno.EAGAIN, false);
            }
            bytesRead += out.size();
            return new ReadOutcome(out.toByteArray(), records, losses, null, stoppedShort);
        }
    }

    /** "Meta records: loss and removal": type 0, subtype 1 (LE: subtype in the top byte of word 0), info = 8. */
    static byte[] lossRecord() {
        return new byte[] {0, 0, 0, 1, 8, 0, 0, 0};
    }

    static int le32(byte[] b, int off) {
        return (b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8 | (b[off + 2] & 0xFF) << 16 | (b[off + 3] & 0xFF) << 24;
    }

    static void putLe32(byte[] b, int off, int v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
        b[off + 2] = (byte) (v >>> 16);
        b[off + 3] = (byte) (v >>> 24);
    }

    private static int keyIdAt(byte[] data, int recordOffset) {
        return le32(data, recordOffset + 8);
    }

    // =====================================================================================
    // Operations and generators
    // =====================================================================================

    sealed interface Op {
    }

    record SetSize(long notes) implements Op {
    }

    record Post(Notification record, int tag) implements Op {
        @Override
        public String toString() {
            return "Post[" + record + " bytes=" + HEX.formatHex(record.toBytes()) + " tag=" + tag + "]";
        }
    }

    record SetFilter(FilterRequest request) implements Op {
    }

    record Read(int size) implements Op {
    }

    record CloseWriteEnd() implements Op {
    }

    /** Storage reserved ahead of a burst: must change nothing anyone can observe. */
    record Reserve(int records) implements Op {
    }

    private static <T> Tuple2<Integer, Arbitrary<? extends T>> w(int weight, Arbitrary<? extends T> arbitrary) {
        return Tuple.of(weight, arbitrary);
    }

    @Provide
    Arbitrary<List<Op>> programs() {
        // A few steps on the unsized queue, SET_SIZE (usually valid), then the body: single steps
        // and bursts of posts and reads (so that a 32..96-note ring fills and loses often),
        // flattened into one program.
        Arbitrary<List<Op>> chunk = Arbitraries.frequencyOf(
                w(4, single(setSizes())),
                w(25, single(posts())),
                w(16, burst(posts(), 50)),
                w(6, single(filters())),
                w(30, single(reads())),
                w(6, burst(reads(), 10)),
                w(3, single(Arbitraries.integers().between(0, 300).map(Reserve::new))),
                w(1, Arbitraries.just(List.<Op>of(new CloseWriteEnd()))));
        Arbitrary<List<List<Op>>> prefix = chunk.list().ofMaxSize(3);
        Arbitrary<List<List<Op>>> body = chunk.list().ofMinSize(1).ofMaxSize(60)
                .withSizeDistribution(RandomDistribution.uniform());
        return Combinators.combine(prefix, setSizes(), body).as((pre, size, rest) -> {
            List<Op> program = new ArrayList<>();
            pre.forEach(program::addAll);
            program.add(size);
            rest.forEach(program::addAll);
            return program;
        });
    }

    private static Arbitrary<List<Op>> single(Arbitrary<? extends Op> op) {
        return op.map(o -> List.<Op>of(o));
    }

    private static Arbitrary<List<Op>> burst(Arbitrary<? extends Op> op, int max) {
        return op.list().ofMinSize(2).ofMaxSize(max).withSizeDistribution(RandomDistribution.uniform()).map(l -> List.<Op>copyOf(l));
    }

    private Arbitrary<SetSize> setSizes() {
        Arbitrary<Long> small = Arbitraries.longs().between(1, 70);
        Arbitrary<Long> edges = Arbitraries.of(0L, -1L, 32L, 33L, 64L, 65L, 96L, 97L, 511L, 512L, 513L, 4096L,
                Long.MAX_VALUE, Long.MIN_VALUE, 1L << 32);
        return Arbitraries.frequencyOf(w(8, small), w(1, edges)).map(SetSize::new);
    }

    private Arbitrary<Read> reads() {
        Arbitrary<Integer> usual = Arbitraries.integers().between(0, 200);
        Arbitrary<Integer> tiny = Arbitraries.integers().between(0, 20);
        Arbitrary<Integer> large = Arbitraries.integers().between(1000, 20000);
        return Arbitraries.frequencyOf(w(8, usual), w(2, tiny), w(3, large)).map(Read::new);
    }

    private Arbitrary<Integer> tags() {
        return Arbitraries.frequencyOf(w(3, Arbitraries.of(0, 1, 2, 255)), w(1, Arbitraries.integers().between(0, 255)));
    }

    private Arbitrary<Integer> typeFlags() {
        return Arbitraries.frequencyOf(
                w(3, Arbitraries.just(0)),
                w(3, Arbitraries.of(0x10000, 0x20000, 0x40000, 0x80000, 0x30000, 0x800000, 0x1000000)),
                w(1, Arbitraries.integers().map(i -> i & 0xFFFF0000)));
    }

    private Arbitrary<Integer> subtypes() {
        return Arbitraries.frequencyOf(w(3, Arbitraries.integers().between(0, 7)), w(1, Arbitraries.integers().between(0, 40)));
    }

    private Arbitrary<Post> posts() {
        return Combinators.combine(records(), tags()).as(Post::new);
    }

    private Arbitrary<Notification> records() {
        Arbitrary<Notification> keys = Combinators.combine(subtypes(), Arbitraries.integers(), Arbitraries.integers())
                .as(KeyNotify::of);
        Arbitrary<Notification> removals = Arbitraries.frequencyOf(
                        w(1, Arbitraries.just(0L)), w(3, Arbitraries.longs()))
                .map(MetaNotify::removal);
        Arbitrary<Notification> words = Combinators.combine(
                        Arbitraries.integers().between(0, 5), subtypes(), typeFlags(),
                        Arbitraries.integers().list().ofMaxSize(29))
                .as((type, subtype, flags, ws) -> Notification.ofWords(type, subtype, flags,
                        ws.stream().mapToInt(Integer::intValue).toArray()));
        Arbitrary<Notification> oddLengths = Combinators.combine(
                        Arbitraries.integers().between(0, 5), subtypes(), typeFlags(),
                        Arbitraries.integers().between(8, 127), Arbitraries.integers())
                .as((type, subtype, flags, length, word) -> {
                    Notification.Builder b = Notification.builder(type, subtype, length).flags(flags);
                    if (length >= 12) {
                        b.putInt(length - 4, word);
                    }
                    return b.build();
                });
        // Raw records as user space could decode them: any tag and bit 7 in info, to check
        // that posting replaces exactly the tag bits.
        Arbitrary<Notification> raw = Combinators.combine(
                        Arbitraries.integers().between(0, 5), subtypes(),
                        Arbitraries.integers().between(8, 127), Arbitraries.integers(), Arbitraries.longs())
                .as((type, subtype, length, infoHigh, seed) -> {
                    byte[] b = new byte[length];
                    new Random(seed).nextBytes(b);
                    putLe32(b, 0, type | subtype << 24);
                    putLe32(b, 4, (infoHigh & ~0x7F) | length);
                    return Notification.decode(b, 0, length);
                });
        return Arbitraries.frequencyOf(w(4, keys), w(1, removals), w(4, words), w(1, oddLengths), w(1, raw));
    }

    private Arbitrary<SetFilter> filters() {
        Arbitrary<List<TypeFilter>> few = typeFilters().list().ofMaxSize(4);
        Arbitrary<List<TypeFilter>> many = typeFilters().list().ofMinSize(14).ofMaxSize(17);
        Arbitrary<List<TypeFilter>> entries = Arbitraries.frequencyOf(w(10, few), w(1, many));
        Arbitrary<Integer> countMode = Arbitraries.frequencyOf(
                w(12, Arbitraries.just(0)), // nr_filters = entries given
                w(1, Arbitraries.of(1, 2, 3, 4)), // more than given: zero entries follow
                w(1, Arbitraries.of(5, 6))); // 5: nr_filters 0, 6: nr_filters huge (unsigned)
        Arbitrary<Integer> reserved = Arbitraries.frequencyOf(
                w(15, Arbitraries.just(0)), w(1, Arbitraries.of(1, 0x80000000, -1)));
        Arbitrary<FilterRequest> requests = Combinators.combine(entries, countMode, reserved)
                .as((list, mode, res) -> {
                    int nr = switch (mode) {
                        case 0 -> list.size();
                        case 5 -> 0;
                        case 6 -> 0xFFFFFFF0;
                        default -> list.size() + mode;
                    };
                    return new FilterRequest(nr, res, list);
                });
        return requests.injectNull(0.2).map(SetFilter::new);
    }

    private Arbitrary<TypeFilter> typeFilters() {
        Arbitrary<Integer> type = Arbitraries.frequencyOf(
                w(10, Arbitraries.integers().between(0, 5)),
                w(1, Arbitraries.of(-1, 0x100, Integer.MIN_VALUE)));
        Arbitrary<Integer> mask = Arbitraries.frequencyOf(
                w(5, Arbitraries.just(0)),
                w(3, Arbitraries.just(0xFF00)),
                w(2, Arbitraries.of(0x10000, 0x20000, 0xFF0000, 0x10000 | 0xFF00)),
                w(1, Arbitraries.of(0xFFFF0000, 0xFFFFFF80, 0x80)),
                w(1, Arbitraries.of(0x1, 0x40, 0x7F, 0xFF)),
                w(1, Arbitraries.integers()));
        Arbitrary<Integer> candidate = Combinators.combine(tags(), typeFlags()).as((t, f) -> t << 8 | f | 0x80);
        Arbitrary<Integer> spoil = Arbitraries.frequencyOf(w(15, Arbitraries.just(0)), w(1, Arbitraries.integers()));
        Arbitrary<Integer> word0 = Arbitraries.frequencyOf(
                w(3, Arbitraries.integers()),
                w(2, Arbitraries.just(-1)),
                w(3, subtypes().list().ofMaxSize(4).map(l -> l.stream().mapToInt(s -> s < 32 ? 1 << s : 0).reduce(0, (a, b) -> a | b))),
                w(1, Arbitraries.just(0)));
        Arbitrary<int[]> otherWords = Arbitraries.frequencyOf(
                w(4, Arbitraries.just(new int[7])),
                w(1, Arbitraries.integers().list().ofSize(7).map(l -> l.stream().mapToInt(Integer::intValue).toArray())));
        return Combinators.combine(type, mask, candidate, spoil, word0, otherWords)
                .as((t, m, c, s, w0, rest) -> {
                    int[] words = new int[TypeFilter.SUBTYPE_WORDS];
                    words[0] = w0;
                    System.arraycopy(rest, 0, words, 1, 7);
                    return new TypeFilter(t, (c & m) | s, m, words);
                });
    }
}
