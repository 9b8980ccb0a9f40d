package io.watchsim.simulations.runner;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * A latency recorder that can be read in intervals while a run goes on and still gives the whole
 * run's distribution at the end: recording is HdrHistogram's {@link Recorder} (wait-free, no
 * lock, the same cost as before), and every interval taken out of it is also added to the run's
 * total. The report's sampler takes an interval every sample; {@link RunMetrics} takes the total.
 * Reading is for one thread at a time (synchronized); recording is from any thread.
 */
public final class LatencyRecorder {
    private final Recorder recorder = new Recorder(3);
    private final Histogram total = new Histogram(3);
    private Histogram spare;

    /** Records one value in nanoseconds. */
    public void recordValue(long nanos) {
        recorder.recordValue(nanos);
    }

    /**
     * What was recorded since the last interval was taken (or since the start); the histogram is
     * the caller's to read until its next call, when it is reused.
     */
    public synchronized Histogram interval() {
        Histogram h = recorder.getIntervalHistogram(spare);
        total.add(h);
        spare = h;
        return h;
    }

    /** Everything recorded in the run so far, the values not yet taken as an interval included; a copy. */
    public synchronized Histogram wholeRun() {
        interval();
        return total.copy();
    }
}
