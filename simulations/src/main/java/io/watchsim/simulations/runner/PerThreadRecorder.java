package io.watchsim.simulations.runner;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * An HdrHistogram recorder for values recorded on many threads at a high rate (every record a
 * reader reads): each writing thread records into its own {@link SingleWriterRecorder} (no atomic
 * shared between threads, so no cache line bouncing between the dispatcher's threads, as a shared
 * {@code Recorder}'s phaser has on every value), and {@link #getIntervalHistogram()} merges what
 * every thread recorded since the last call. Many writers, one reader of intervals at a time.
 */
public final class PerThreadRecorder {
    private final int significantDigits;
    private final Queue<SingleWriterRecorder> recorders = new ConcurrentLinkedQueue<>();
    private final ThreadLocal<Writer> writers = ThreadLocal.withInitial(this::newWriter);

    public PerThreadRecorder(int significantDigits) {
        this.significantDigits = significantDigits;
    }

    /** The calling thread's writer: take it once per batch of values and record them all through it. */
    public Writer writer() {
        return writers.get();
    }

    /** Records {@code value} from the calling thread. */
    public void recordValue(long value) {
        writers.get().recordValue(value);
    }

    /** Everything recorded, by every thread, since the last call (or since the start). */
    public synchronized Histogram getIntervalHistogram() {
        Histogram sum = new Histogram(significantDigits);
        for (SingleWriterRecorder r : recorders) {
            sum.add(r.getIntervalHistogram());
        }
        return sum;
    }

    private Writer newWriter() {
        SingleWriterRecorder r = new SingleWriterRecorder(significantDigits);
        recorders.add(r);
        return new Writer(r);
    }

    /** One thread's recorder; use it only on the thread that took it. */
    public static final class Writer {
        private final SingleWriterRecorder recorder;

        private Writer(SingleWriterRecorder recorder) {
            this.recorder = recorder;
        }

        public void recordValue(long value) {
            recorder.recordValue(value);
        }
    }
}
