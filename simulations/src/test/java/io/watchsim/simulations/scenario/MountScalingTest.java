package io.watchsim.simulations.scenario;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A mount tree at a fraction of its size keeps its depth and takes the smallest fanout that keeps at
 * least that fraction of its mounts; its bind mounts and automount points scale as counts do, and a
 * generator on it scales its rate by what the tree kept, so each mount sees the operations it saw.
 */
class MountScalingTest {
    private static Scenario storm() {
        return Scenario.builder("s").duration("10s").v5Bugs(true)
                .mountTree(MountTree.of("t", 2, 4).withBinds(2).withAutomounts(8))
                .generator(Generator.of("g", "t", Injection.constant("420/s")).with(MountOperation.MOUNT, 1))
                .build();
    }

    @Test
    void halfAStormKeepsItsDepthAndEnoughMounts() {
        Scenario half = ScenarioScaling.scale(storm(), 0.5);
        MountTree t = half.world().mountTree("t").orElseThrow();
        // 21 mounts at fanout 4; fanout 3 gives 13, the first at least 10.5
        assertThat(t.depth()).isEqualTo(2);
        assertThat(t.fanout()).isEqualTo(3);
        assertThat(t.treeMounts()).isEqualTo(13);
        assertThat(t.binds()).isEqualTo(1);
        assertThat(t.automounts()).isEqualTo(4);
        assertThat(half.world().v5Bugs()).isTrue();
        Injection.Constant rate = (Injection.Constant) half.workload().generators().get(0).injection();
        assertThat(rate.rate().perSecond()).isCloseTo(420.0 * 13 / 21, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void aTinyFractionKeepsAChainAndNoneOfWhatItHadNone() {
        Scenario tiny = ScenarioScaling.scale(storm(), 0.01);
        MountTree t = tiny.world().mountTree("t").orElseThrow();
        assertThat(t.fanout()).isEqualTo(1);
        assertThat(t.treeMounts()).isEqualTo(3);
        assertThat(t.binds()).isEqualTo(1);
        Scenario bare = ScenarioScaling.scale(Scenario.builder("b").duration("1s").mountTree(MountTree.of("t", 1, 8))
                .build(), 0.5);
        assertThat(bare.world().mountTree("t").orElseThrow().automounts()).isZero();
        assertThat(bare.world().mountTree("t").orElseThrow().fanout()).isEqualTo(4);
    }
}
