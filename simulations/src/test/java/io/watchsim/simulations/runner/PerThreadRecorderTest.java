package io.watchsim.simulations.runner;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/** Values recorded on many threads are all in the merged interval, each interval once. */
class PerThreadRecorderTest {
    @Test
    void everyThreadsValuesAreMergedAndEachIntervalHoldsOnlyWhatCameSinceTheLast() {
        PerThreadRecorder recorder = new PerThreadRecorder(3);
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<CompletableFuture<Void>> writing = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                long base = (t + 1) * 1_000L;
                writing.add(CompletableFuture.runAsync(() -> {
                    PerThreadRecorder.Writer w = recorder.writer();
                    for (int i = 0; i < 10_000; i++) {
                        w.recordValue(base);
                    }
                }, threads));
            }
            CompletableFuture.allOf(writing.toArray(CompletableFuture[]::new)).join();
            Histogram first = recorder.getIntervalHistogram();
            assertThat(first.getTotalCount()).isEqualTo(40_000);
            assertThat(first.getMinValue()).isEqualTo(1_000);
            assertThat(first.getMaxValue()).isBetween(4_000L, 4_003L);   // 3 significant digits
            assertThat(first.getCountAtValue(2_000)).isEqualTo(10_000);

            recorder.recordValue(7);
            Histogram second = recorder.getIntervalHistogram();
            assertThat(second.getTotalCount()).isEqualTo(1);
            assertThat(second.getMaxValue()).isEqualTo(7);
        } finally {
            threads.shutdownNow();
        }
    }
}
