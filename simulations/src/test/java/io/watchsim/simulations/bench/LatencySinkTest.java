package io.watchsim.simulations.bench;

import io.watchsim.queues.Provenance;
import io.watchsim.queues.ring.ReadResult;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** What a latency reader makes of one read, on a clock the test sets. */
class LatencySinkTest {
    private static byte[] bytes(int... subtypesThenValues) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < subtypesThenValues.length; i += 2) {
            out.writeBytes(Latency.record(subtypesThenValues[i], subtypesThenValues[i + 1]).toBytes());
        }
        return out.toByteArray();
    }

    @Test
    void whoeverAwaitsAMarkSeesEveryRecordReadBeforeItCounted() {
        AtomicLong now = new AtomicLong(10_000);
        Latency.Sink sink = new Latency.Sink(1, now::get);
        Latency.Mark mark = new Latency.Mark(5, 1);
        sink.mark.set(mark);
        long[] seenAtMark = {-1};
        mark.done().thenRun(() -> seenAtMark[0] = sink.timed.counted(0));
        // Three timed records (due at 1,000, 2,000 and 4,000 ns; posted at 9,000 ns), the mark, one more timed record.
        Provenance posted = new Provenance(1, 1, 1, 9_000);
        byte[] data = bytes(Latency.TIMED, 1000, Latency.TIMED, 2000, Latency.TIMED, 4000, Latency.MARK, 5,
                Latency.TIMED, 9000);
        sink.read(0, new ReadResult(data, 5, null, new Provenance[] {posted, posted, posted, null, posted}));
        assertThat(seenAtMark[0]).as("counted when the mark was counted down").isEqualTo(3);
        assertThat(sink.timed.counted(0)).isEqualTo(4);
        org.HdrHistogram.Histogram[] h = sink.interval();
        assertThat(h[0].getTotalCount()).isEqualTo(4);
        assertThat(h[0].getMaxValue()).as("from the intended send time: 10,000 - 1,000")
                .isEqualTo(h[0].highestEquivalentValue(9_000));
        assertThat(h[1].getTotalCount()).isEqualTo(4);
        assertThat(h[1].getMaxValue()).as("from the post stamp: 10,000 - 9,000").isEqualTo(h[1].highestEquivalentValue(1000));
        assertThat(sink.lossRecords.get()).isZero();
    }

    /** A timed record carries its due time and the generator's call: the call's lateness is left out of one figure. */
    @Test
    void aTimedRecordIsTimedFromItsIntendedTimeFromTheCallAndFromItsPostStamp() {
        AtomicLong now = new AtomicLong(10_000);
        Latency.Sink sink = new Latency.Sink(1, now::get);
        byte[] data = Latency.record(Latency.TIMED, 1_000, 6_000).toBytes();   // due at 1,000 ns, posted at 6,000
        sink.read(0, new ReadResult(data, 1, null, new Provenance[] {new Provenance(1, 1, 1, 9_000)}));
        org.HdrHistogram.Histogram[] h = sink.interval();
        assertThat(h[0].getMaxValue()).as("from the intended time").isEqualTo(h[0].highestEquivalentValue(9_000));
        assertThat(h[1].getMaxValue()).as("from the post stamp").isEqualTo(h[1].highestEquivalentValue(1_000));
        assertThat(h[2].getMaxValue()).as("from the generator's call").isEqualTo(h[2].highestEquivalentValue(4_000));
    }

    @Test
    void aProbesLastDeliveryStopsItsClock() {
        AtomicLong now = new AtomicLong(50_000);
        Latency.Sink sink = new Latency.Sink(2, now::get);
        Latency.Probe probe = new Latency.Probe(7, 2);
        sink.probe.set(probe);
        sink.read(0, new ReadResult(bytes(Latency.PROBE, 7), 1, null));
        assertThat(probe.lastRead()).isNotDone();
        now.set(80_000);
        sink.read(1, new ReadResult(bytes(Latency.PROBE, 7), 1, null));
        assertThat(probe.lastRead()).isCompletedWithValue(80_000L);
        assertThat(sink.timed.counted(0) + sink.timed.counted(1)).as("a probe is not a timed event").isZero();
    }
}
