package io.watchsim.simulations.scenario;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A flood at a fraction of its size: its records scale as counts do, but a flood that overfilled its
 * queues at full size keeps at least twice their size (queue sizes do not scale), and a flood that did
 * not overfill them is never made larger.
 */
class FloodScalingTest {
    private static Scenario flooding(int records, int... sizes) {
        ScenarioBuilder b = Scenario.builder("f").duration("10s")
                .group(ObjectGroup.keys("keys", 10));
        for (int i = 0; i < sizes.length; i++) {
            b = b.queues(QueueGroup.of(i == 0 ? "slow" : "slow" + i, 20).withSize(sizes[i]));
        }
        return b.fault(new Fault("flood", Trigger.at("1s"), new FaultAction.FloodQueue("slow", records))).build();
    }

    private static int floodRecords(Scenario s) {
        return ((FaultAction.FloodQueue) s.faults().faults().get(0).action()).records();
    }

    @Test
    void aFloodThatOverfillsItsQueuesStillDoesAtAnyScale() {
        assertThat(floodRecords(ScenarioScaling.scale(flooding(1000, 64), 0.05))).as("not 50, below 64").isEqualTo(128);
        assertThat(floodRecords(ScenarioScaling.scale(flooding(1000, 64), 0.5))).as("500: still twice 64").isEqualTo(500);
        assertThat(floodRecords(ScenarioScaling.scale(flooding(100, 64), 0.05))).as("never more than at full size")
                .isEqualTo(100);
    }

    @Test
    void aFloodBelowItsQueuesSizeScalesAsACount() {
        assertThat(floodRecords(ScenarioScaling.scale(flooding(40, 64), 0.5))).isEqualTo(20);
        assertThat(floodRecords(ScenarioScaling.scale(flooding(40, 64), 0.01))).as("at least one").isEqualTo(1);
    }

    @Test
    void onlyTheFloodedGroupsSizeCounts() {
        Scenario s = flooding(1000, 16, 512);   // "slow" holds 16 notes, "slow1" 512
        assertThat(floodRecords(ScenarioScaling.scale(s, 0.01))).isEqualTo(32);
    }
}
