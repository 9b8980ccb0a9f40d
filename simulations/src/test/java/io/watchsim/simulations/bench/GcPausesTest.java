package io.watchsim.simulations.bench;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Which pauses belong to a measurement's window, and what they add up to. */
class GcPausesTest {
    @Test
    void aWindowCountsThePausesThatBeganInIt() {
        Instant t0 = Instant.parse("2026-12-01T20:00:00Z");
        List<GcPauses.Pause> pauses = List.of(
                new GcPauses.Pause(t0.minusMillis(1), 9_000_000),   // before: not counted
                new GcPauses.Pause(t0, 2_000_000),                  // at the start: counted
                new GcPauses.Pause(t0.plusMillis(500), 5_000_000),
                new GcPauses.Pause(t0.plusSeconds(1), 7_000_000));  // at the end: the next window's
        GcPauses.Summary s = GcPauses.within(pauses, t0, t0.plusSeconds(1));
        assertThat(s).isEqualTo(new GcPauses.Summary(2, 7_000_000, 5_000_000));
        assertThat(s.plus(new GcPauses.Summary(1, 9_000_000, 9_000_000)))
                .isEqualTo(new GcPauses.Summary(3, 16_000_000, 9_000_000));
        assertThat(GcPauses.within(List.of(), t0, t0.plusSeconds(1))).isEqualTo(GcPauses.Summary.NONE);
        List<GcPauses.Pause> withStall = List.of(new GcPauses.Pause(t0, 2_000_000),
                new GcPauses.Pause(t0.plusMillis(1), 40_000_000, true));
        assertThat(GcPauses.within(withStall, t0, t0.plusSeconds(1))).as("a stall is not a pause")
                .isEqualTo(new GcPauses.Summary(1, 2_000_000, 2_000_000));
        assertThat(GcPauses.within(withStall, true, t0, t0.plusSeconds(1)))
                .isEqualTo(new GcPauses.Summary(1, 40_000_000, 40_000_000));
    }

    @Test
    void theRecordingSeesTheCollectionsThisJvmMakes() {
        Instant from = Instant.now();
        List<GcPauses.Pause> pauses;
        try (GcPauses gc = new GcPauses()) {
            System.gc();
            pauses = gc.finish();
        }
        assertThat(GcPauses.within(pauses, from, Instant.now().plusSeconds(1)).count())
                .as("System.gc() stops the world at least once").isPositive();
    }
}
