package io.watchsim.simulations.runner;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The run's clock reads the clock it is given (the kernel's), from its start. */
class RunClockTest {
    @Test
    void elapsedAndNowFollowTheGivenClockFromItsStart() {
        AtomicLong source = new AtomicLong(7_000);
        RunClock clock = RunClock.startingNow(source::get);
        assertThat(clock.elapsedNanos()).isZero();
        source.addAndGet(2_500_000);
        assertThat(clock.elapsedNanos()).isEqualTo(2_500_000);
        assertThat(clock.elapsed()).isEqualTo(Duration.ofNanos(2_500_000));
        assertThat(clock.nanoTime()).as("the scale of a post's stamp").isEqualTo(2_507_000);
    }
}
