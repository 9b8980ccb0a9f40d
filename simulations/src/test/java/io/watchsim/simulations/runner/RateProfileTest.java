package io.watchsim.simulations.runner;

import io.watchsim.simulations.scenario.Injection;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Each open profile's rate at a moment and the operations it asks for up to a moment (the
 * integral), at values worked out by hand, and the integral checked against the rate summed
 * millisecond by millisecond.
 */
class RateProfileTest {
    private static final long MS = 1_000_000L;
    private static final long S = 1_000 * MS;

    private static RateProfile profile(Injection open) {
        return RateProfile.of((Injection.Open) open);
    }

    private static double expected(RateProfile p, long nanos) {
        return p.expectedBy(nanos);
    }

    /** The rate summed at each millisecond's midpoint up to {@code nanos}: the integral of a piecewise-linear rate. */
    private static double summed(RateProfile p, long nanos) {
        double sum = 0;
        for (long t = 0; t < nanos; t += MS) {
            sum += p.rateAt(t + MS / 2) * (MS / 1e9);
        }
        return sum;
    }

    @Test
    void constantAsksForItsRateTimesTheTime() {
        RateProfile p = profile(Injection.constant("1k/s"));
        assertThat(p.rateAt(0)).isEqualTo(1000);
        assertThat(p.rateAt(7 * S)).isEqualTo(1000);
        assertThat(expected(p, 0)).isEqualTo(0);
        assertThat(expected(p, 2500 * MS)).isCloseTo(2500, within(1e-9));
        assertThat(expected(p, 1 * MS)).isCloseTo(1, within(1e-12));
        assertThat(p.peak()).isEqualTo(1000);
    }

    @Test
    void poissonAsksForItsMeanRate() {
        RateProfile p = profile(Injection.poisson("400/s"));
        assertThat(p.rateAt(3 * S)).isEqualTo(400);
        assertThat(expected(p, 5 * S)).isCloseTo(2000, within(1e-9));
    }

    @Test
    void aRampMovesLinearlyThenHoldsItsFinalRate() {
        RateProfile up = profile(Injection.ramp("100/s", "300/s", "10s"));
        assertThat(up.rateAt(0)).isEqualTo(100);
        assertThat(up.rateAt(5 * S)).isCloseTo(200, within(1e-9));
        assertThat(up.rateAt(10 * S)).isEqualTo(300);
        assertThat(up.rateAt(60 * S)).isEqualTo(300);
        // 100 * 5 + (200 / 10) * 5^2 / 2 = 500 + 250
        assertThat(expected(up, 5 * S)).isCloseTo(750, within(1e-9));
        // the trapezoid (100 + 300) / 2 * 10
        assertThat(expected(up, 10 * S)).isCloseTo(2000, within(1e-9));
        // then 300 a second
        assertThat(expected(up, 12 * S)).isCloseTo(2600, within(1e-9));
        assertThat(up.peak()).isEqualTo(300);

        RateProfile down = profile(Injection.ramp("300/s", "100/s", "10s"));
        // 300 * 5 - (200 / 10) * 5^2 / 2
        assertThat(expected(down, 5 * S)).isCloseTo(1250, within(1e-9));
        assertThat(expected(down, 10 * S)).isCloseTo(2000, within(1e-9));
        assertThat(expected(down, 11 * S)).isCloseTo(2100, within(1e-9));
        assertThat(down.peak()).isEqualTo(300);

        RateProfile fromZero = profile(Injection.ramp("0/s", "2k/s", "300ms"));
        assertThat(expected(fromZero, 300 * MS)).isCloseTo(300, within(1e-9));
    }

    @Test
    void stairsRiseLevelByLevelAndTheLastHolds() {
        // the fan-out scenario's staircase: 5, 10, 15, 20 a second, 7 s each
        RateProfile p = profile(Injection.stairs("5/s", "5/s", 4, "7s"));
        assertThat(p.rateAt(0)).isEqualTo(5);
        assertThat(p.rateAt(7 * S - 1)).isEqualTo(5);
        assertThat(p.rateAt(7 * S)).as("a boundary belongs to the level it starts").isEqualTo(10);
        assertThat(p.rateAt(21 * S)).isEqualTo(20);
        assertThat(p.rateAt(100 * S)).isEqualTo(20);
        assertThat(expected(p, 7 * S)).isCloseTo(35, within(1e-9));
        // 35 + 10 * 3
        assertThat(expected(p, 10 * S)).isCloseTo(65, within(1e-9));
        // 7 * (5 + 10 + 15 + 20)
        assertThat(expected(p, 28 * S)).isCloseTo(350, within(1e-9));
        // the last level holds: 350 + 20 * 2
        assertThat(expected(p, 30 * S)).isCloseTo(390, within(1e-9));
        assertThat(p.peak()).isEqualTo(20);
    }

    @Test
    void aSpikeReplacesTheBaseRateForItsLength() {
        // the faults scenario's spike: 50 a second, 2,000 a second from 9 s for 2 s
        RateProfile p = profile(Injection.spike("50/s", "2k/s", "9s", "2s"));
        assertThat(p.rateAt(9 * S - 1)).isEqualTo(50);
        assertThat(p.rateAt(9 * S)).isEqualTo(2000);
        assertThat(p.rateAt(11 * S - 1)).isEqualTo(2000);
        assertThat(p.rateAt(11 * S)).isEqualTo(50);
        assertThat(expected(p, 9 * S)).isCloseTo(450, within(1e-9));
        assertThat(expected(p, 10 * S)).isCloseTo(2450, within(1e-9));
        assertThat(expected(p, 11 * S)).isCloseTo(4450, within(1e-9));
        assertThat(expected(p, 20 * S)).isCloseTo(4900, within(1e-9));
        assertThat(p.peak()).isEqualTo(2000);
    }

    @Test
    void everyIntegralIsTheSumOfItsRate() {
        RateProfile[] profiles = {
                profile(Injection.constant("123/s")),
                profile(Injection.ramp("10/s", "1k/s", "1500ms")),
                profile(Injection.ramp("1k/s", "0/s", "2s")),
                profile(Injection.stairs("0/s", "250/s", 5, "300ms")),
                profile(Injection.spike("20/s", "3k/s", "700ms", "250ms")),
        };
        for (RateProfile p : profiles) {
            for (long t = 0; t <= 3 * S; t += 100 * MS) {
                assertThat(p.expectedBy(t)).as("%s by %d ms", p, t / MS).isCloseTo(summed(p, t), within(1e-6));
            }
        }
    }

    @Test
    void ticksComeAFewTimesPerOperationBetweenTheSchedulersTickAnd100Ms() {
        Duration floor = Duration.ofMillis(10);
        assertThat(OpenGenerator.tickFor(50_000, floor)).isEqualTo(floor);
        assertThat(OpenGenerator.tickFor(5, floor)).isEqualTo(Duration.ofMillis(50));
        assertThat(OpenGenerator.tickFor(1, floor)).isEqualTo(Duration.ofMillis(OpenGenerator.MAX_TICK_MILLIS));
        assertThat(OpenGenerator.tickFor(0, floor)).isEqualTo(Duration.ofMillis(OpenGenerator.MAX_TICK_MILLIS));
    }

    @Test
    void theShortestTickIsWatchSimsSettingNotTheSchedulersTick() {
        com.typesafe.config.Config shipped = com.typesafe.config.ConfigFactory.load();
        assertThat(OpenGenerator.minTick(shipped)).as("application.conf").isEqualTo(Duration.ofMillis(10));
        com.typesafe.config.Config fine = com.typesafe.config.ConfigFactory.parseString(
                OpenGenerator.MIN_TICK_SETTING + " = 1ms, pekko.scheduler.tick-duration = 10ms");
        assertThat(OpenGenerator.minTick(fine)).isEqualTo(Duration.ofMillis(1));
        assertThat(OpenGenerator.tickFor(50_000, OpenGenerator.minTick(fine))).isEqualTo(Duration.ofMillis(1));
        assertThat(OpenGenerator.minTick(com.typesafe.config.ConfigFactory.empty()))
                .isEqualTo(OpenGenerator.DEFAULT_MIN_TICK);
    }
}
