package io.watchsim.simulations.runner;

import io.watchsim.simulations.scenario.Injection;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** When operations come due: on a profile's schedule, or as Poisson arrivals. */
class ArrivalsTest {
    private static final long MS = 1_000_000L;
    private static final long S = 1_000 * MS;

    @Test
    void aConstantRateSpacesArrivalsEvenlyTheFirstOneIntervalIn() {
        Arrivals a = Arrivals.of((Injection.Open) Injection.constant("1k/s"), new SplittableRandom(1));
        assertThat(a.dueBy(0)).isZero();
        assertThat(a.dueBy(MS - 1)).isZero();
        assertThat(a.dueBy(MS)).isEqualTo(1);
        assertThat(a.dueBy(S)).isEqualTo(1000);
    }

    @Test
    void scheduledArrivalsAreTheWholeOperationsOfTheIntegral() {
        Arrivals a = Arrivals.of((Injection.Open) Injection.constant("7/s"), new SplittableRandom(1));
        // the first is due at 1/7 s = 142,857,142.86 ns
        assertThat(a.dueBy(142_857_142L)).isZero();
        assertThat(a.dueBy(142_857_143L)).isEqualTo(1);
        assertThat(a.dueBy(S)).isEqualTo(7);
        Arrivals ramp = Arrivals.of((Injection.Open) Injection.ramp("0/s", "2k/s", "300ms"), new SplittableRandom(1));
        assertThat(ramp.dueBy(300 * MS)).isEqualTo(300);
    }

    @Test
    void dueCountsNeverGoBack() {
        Arrivals a = Arrivals.of((Injection.Open) Injection.ramp("3k/s", "17/s", "1500ms"), new SplittableRandom(1));
        long last = 0;
        for (long t = 0; t < 3 * S; t += 1_234_567) {
            long due = a.dueBy(t);
            assertThat(due).isGreaterThanOrEqualTo(last);
            last = due;
        }
    }

    @Test
    void poissonArrivalsHaveTheMeanRate() {
        Arrivals a = Arrivals.of((Injection.Open) Injection.poisson("1k/s"), new SplittableRandom(42));
        // a million arrivals expected, standard deviation 1,000
        assertThat(a.dueBy(1000 * S)).isBetween(995_000L, 1_005_000L);
    }

    @Test
    void poissonCountsVaryAsMuchAsTheyAverage() {
        // evenly spaced arrivals would give every window the same count (variance 0); Poisson
        // counts in equal windows have a variance equal to their mean
        Arrivals a = Arrivals.of((Injection.Open) Injection.poisson("100/s"), new SplittableRandom(7));
        int windows = 10_000;
        long previous = 0;
        double sum = 0;
        double squares = 0;
        for (int w = 1; w <= windows; w++) {
            long due = a.dueBy(w * S);
            long n = due - previous;
            previous = due;
            sum += n;
            squares += (double) n * n;
        }
        double mean = sum / windows;
        double variance = squares / windows - mean * mean;
        assertThat(mean).isBetween(99.0, 101.0);
        assertThat(variance / mean).isBetween(0.9, 1.1);
    }

    @Test
    void poissonArrivalsFollowTheirSeed() {
        Arrivals a = Arrivals.of((Injection.Open) Injection.poisson("1k/s"), new SplittableRandom(3));
        Arrivals b = Arrivals.of((Injection.Open) Injection.poisson("1k/s"), new SplittableRandom(3));
        Arrivals c = Arrivals.of((Injection.Open) Injection.poisson("1k/s"), new SplittableRandom(4));
        long[] seen = new long[3];
        boolean differs = false;
        for (long t = 0; t < S; t += MS) {
            seen[0] = a.dueBy(t);
            seen[1] = b.dueBy(t);
            seen[2] = c.dueBy(t);
            assertThat(seen[0]).isEqualTo(seen[1]);
            differs |= seen[0] != seen[2];
        }
        assertThat(differs).as("another seed draws other gaps").isTrue();
    }
}
