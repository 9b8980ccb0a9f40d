package io.watchsim.simulations.report;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The bounded time series: never more rows than its capacity, and merging keeps each column's meaning. */
class TimelineTest {
    private static Timeline timeline(int capacity) {
        return new Timeline(List.of(new Timeline.Column("t", Timeline.Merge.LAST),
                new Timeline.Column("count", Timeline.Merge.SUM),
                new Timeline.Column("p99", Timeline.Merge.MAX)), capacity);
    }

    @Test
    void untilItIsFullEverySampleIsARow() {
        Timeline t = timeline(8);
        for (int i = 1; i <= 8; i++) {
            t.add(new double[]{i, 10, i});
        }
        assertThat(t.size()).isEqualTo(8);
        assertThat(t.samplesPerBucket()).isEqualTo(1);
        assertThat(t.column("t")).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
    }

    /** An hour at 100 ms is 36,000 samples: the rows stay within the capacity and the counts add up to the same total. */
    @Test
    void aLongRunStaysWithinItsCapacityAndKeepsItsTotals() {
        Timeline t = timeline(TimelineSampler.CAPACITY);
        double total = 0;
        for (int i = 1; i <= 36_000; i++) {
            t.add(new double[]{i * 0.1, i % 7, i % 1000 == 0 ? 5000 : 1});
            total += i % 7;
        }
        assertThat(t.size()).isBetween(TimelineSampler.CAPACITY / 2, TimelineSampler.CAPACITY);
        assertThat(t.samplesPerBucket()).isEqualTo(32);    // 2048 rows of 1, then 2, 4, ..., 32 samples a row
        assertThat(java.util.Arrays.stream(t.column("count")).sum()).isEqualTo(total);
        double[] times = t.column("t");
        assertThat(times[times.length - 1]).as("the last row ends with the last sample").isEqualTo(3600.0, within());
        assertThat(java.util.Arrays.stream(t.column("p99")).filter(v -> v == 5000).count())
                .as("a row with a spike keeps it (max), each of the 36 spikes in a row of its own").isEqualTo(36);
    }

    @Test
    void mergingSumsCountsKeepsTheLaterTimeAndTheHigherPercentileIgnoringNothingMeasured() {
        Timeline t = timeline(2);
        t.add(new double[]{1, 3, Double.NaN});
        t.add(new double[]{2, 4, 7});
        t.add(new double[]{3, 5, 2});            // full: rows 1 and 2 merge, this one opens the next row
        assertThat(t.samplesPerBucket()).isEqualTo(2);
        assertThat(t.column("t")).containsExactly(2, 3);
        assertThat(t.column("count")).containsExactly(7, 5);
        assertThat(t.column("p99")).containsExactly(7, 2);
        t.add(new double[]{4, 1, Double.NaN});   // joins the open row: it holds two samples now
        assertThat(t.column("t")).containsExactly(2, 4);
        assertThat(t.column("count")).containsExactly(7, 6);
        assertThat(t.column("p99")).containsExactly(7, 2);
    }

    @Test
    void aSampleOfTheWrongWidthOrAnOddCapacityIsRefused() {
        assertThatThrownBy(() -> timeline(3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> timeline(4).add(new double[]{1, 2})).isInstanceOf(IllegalArgumentException.class);
    }

    private static org.assertj.core.data.Offset<Double> within() {
        return org.assertj.core.data.Offset.offset(1e-6);
    }
}
