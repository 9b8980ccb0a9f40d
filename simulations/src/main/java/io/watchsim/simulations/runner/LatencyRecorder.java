package io.watchsim.simulations.runner;

import org.HdrHistogram.Histogram;

/**
 * A latency recorder that can be read in intervals while a run goes on and still gives the whole
 * run's distribution at the end: values are recorded per thread ({@link PerThreadRecorder}: no
 * atomic shared between the dispatcher's threads on a value recorded for every record read), and
 * every interval taken out of it is also added to the run's total. The report's sampler takes an
 * interval every sample; {@link RunMetrics} takes the total. Reading is for one thread at a time
 * (synchronized); recording is from any thread.
 */
public final class LatencyRecorder {
    private final PerThreadRecorder recorder = new PerThreadRecorder(3);
    private final Histogram total = new Histogram(3);

    /** Records one value in nanoseconds, from the calling thread. */
    public void recordValue(long nanos) {
        recorder.recordValue(nanos);
    }

    /** The calling thread's writer: take it once per batch of values (a read's records) and record through it. */
    public PerThreadRecorder.Writer writer() {
        return recorder.writer();
    }

    /** What was recorded since the last interval was taken (or since the start); the caller's to keep. */
    public synchronized Histogram interval() {
        Histogram h = recorder.getIntervalHistogram();
        total.add(h);
        return h;
    }

    /** Everything recorded in the run so far, the values not yet taken as an interval included; a copy. */
    public synchronized Histogram wholeRun() {
        interval();
        return total.copy();
    }
}
