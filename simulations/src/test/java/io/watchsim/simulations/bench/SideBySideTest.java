package io.watchsim.simulations.bench;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The rounds {@code watchsim bench} and {@code bench --runner} share: rotation, rates and per-round ratios. */
class SideBySideTest {
    @Test
    void everyRoundRunsEveryPathOnceEachRoundStartingWithTheNext() {
        List<String> calls = new ArrayList<>();
        // a's rounds take 1, 2, 3, 4 ms, b's always 2 ms: the ratio a / b per measured round is 2/3, 2/4 = 0.5, ...
        long[] aNanos = {1_000_000, 2_000_000, 3_000_000, 4_000_000};
        int[] aCalls = {0};
        List<SideBySide.Path> paths = List.of(
                new SideBySide.Path("a", () -> {
                    calls.add("a");
                    return aNanos[aCalls[0]++];
                }),
                new SideBySide.Path("b", () -> {
                    calls.add("b");
                    return 2_000_000;
                }),
                new SideBySide.Path("c", () -> {
                    calls.add("c");
                    return 1_000_000;
                }));
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        SideBySide.Figures f = SideBySide.run(paths, 1000, 1, 3, new PrintStream(log, true, StandardCharsets.UTF_8),
                () -> "");
        assertThat(calls).containsExactly("a", "b", "c", "b", "c", "a", "c", "a", "b", "a", "b", "c");
        // deliveries / seconds: 1000 in 2 ms, 3 ms, 4 ms (the warm-up's 1 ms is not kept)
        assertThat(f.perSecond("a")).containsExactly(500_000, 1000 / 0.003, 250_000);
        assertThat(f.perSecond("b")).containsExactly(500_000, 500_000, 500_000);
        // per round a / b: 1, 2/3, 1/2: the median is 2/3
        assertThat(f.ratio("a", "b")).isEqualTo((1000 / 0.003) / 500_000);
        assertThat(f.ratio("c", "b")).isEqualTo(2.0);
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("warm-up 1:").contains("round 3:");
    }

    @Test
    void aPathThatDoesNotFinishItsRoundIsNamedWithItsContext() {
        List<SideBySide.Path> paths = List.of(new SideBySide.Path("stuck", () -> {
            throw new java.util.concurrent.CompletionException(new java.util.concurrent.TimeoutException("ask"));
        }));
        assertThatThrownBy(() -> SideBySide.run(paths, 1, 0, 1, new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8), () -> "lost so far: 0"))
                .hasMessageContaining("the stuck path did not finish its round").hasMessageContaining("lost so far: 0");
    }

    @Test
    void theMedianRatioIsOfEachRoundNotOfTheMedians() {
        assertThat(SideBySide.medianRatio(new double[] {9, 40, 8}, new double[] {10, 50, 16})).isEqualTo(0.8);
        assertThatThrownBy(() -> SideBySide.medianRatio(new double[] {1}, new double[] {1, 2}))
                .hasMessageContaining("rounds differ");
    }
}
