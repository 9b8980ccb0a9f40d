package io.watchsim.simulations.runner;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Taking intervals out of the post-to-read recorder (the report's sampler does, every sample) does
 * not change the whole run's distribution that the metrics are computed from.
 */
class LatencyRecorderTest {
    @Test
    void intervalsHoldWhatCameSinceTheLastAndTheWholeRunHoldsEverything() {
        LatencyRecorder r = new LatencyRecorder();
        Histogram reference = new Histogram(3);
        for (int i = 1; i <= 1000; i++) {
            r.recordValue(i * 1000L);
            reference.recordValue(i * 1000L);
        }
        Histogram first = r.interval();
        assertThat(first.getTotalCount()).isEqualTo(1000);
        for (int i = 1; i <= 10; i++) {
            r.recordValue(5_000_000L);
            reference.recordValue(5_000_000L);
        }
        assertThat(r.interval().getTotalCount()).as("only what came since the last interval").isEqualTo(10);
        assertThat(r.interval().getTotalCount()).isZero();
        r.recordValue(7L);
        reference.recordValue(7L);
        Histogram whole = r.wholeRun();
        assertThat(whole.getTotalCount()).isEqualTo(1011);
        assertThat(whole).as("the same distribution as one histogram of every value").isEqualTo(reference);
        assertThat(whole.getValueAtPercentile(99.9)).isEqualTo(reference.getValueAtPercentile(99.9));
    }
}
