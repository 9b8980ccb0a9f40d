package io.watchsim.simulations.runner;

import io.watchsim.simulations.scenario.Fault;
import io.watchsim.simulations.scenario.FaultAction;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The share arithmetic: a share above 0 is at least one member and rounds to the nearest whole
 * member otherwise; the picks are distinct, in group order, uniform, and the same for one stream;
 * a destructive fault does not pick a member it has already hit.
 */
class SharesTest {
    @Test
    void aShareAboveZeroIsAtLeastOneMemberAndRoundsToTheNearestOtherwise() {
        assertThat(Shares.count(0, 10)).isZero();
        assertThat(Shares.count(-0.5, 10)).isZero();
        assertThat(Shares.count(Double.NaN, 10)).isZero();
        assertThat(Shares.count(0.01, 10)).as("0.1 of a member rounds up to one").isEqualTo(1);
        assertThat(Shares.count(1e-9, 1_000_000)).isEqualTo(1);
        assertThat(Shares.count(0.24, 10)).isEqualTo(2);
        assertThat(Shares.count(0.25, 10)).as("halves round up").isEqualTo(3);
        assertThat(Shares.count(0.1, 20)).as("0.1 × 20 is 2.0000000000000004").isEqualTo(2);
        assertThat(Shares.count(0.01, 500)).isEqualTo(5);
        assertThat(Shares.count(1, 10)).isEqualTo(10);
        assertThat(Shares.count(0.5, 0)).as("an empty group").isZero();
        assertThat(Shares.count(0.5, 1)).isEqualTo(1);
    }

    @Test
    void aSampleIsKDistinctPositionsInAscendingOrderTheSameForOneStream() {
        int[] a = Shares.sample(1000, 50, new SplittableRandom(42));
        int[] b = Shares.sample(1000, 50, new SplittableRandom(42));
        int[] c = Shares.sample(1000, 50, new SplittableRandom(43));
        assertThat(a).hasSize(50).isSorted().isEqualTo(b).isNotEqualTo(c);
        assertThat(Arrays.stream(a).distinct().count()).isEqualTo(50);
        assertThat(Arrays.stream(a)).allMatch(p -> p >= 0 && p < 1000);
        assertThat(Shares.sample(7, 7, new SplittableRandom(1))).containsExactly(0, 1, 2, 3, 4, 5, 6);
        assertThat(Shares.sample(7, 0, new SplittableRandom(1))).isEmpty();
        assertThatThrownBy(() -> Shares.sample(3, 4, new SplittableRandom(1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyPositionIsEquallyLikely() {
        SplittableRandom random = new SplittableRandom(7);
        int[] hits = new int[10];
        int draws = 20_000;
        for (int i = 0; i < draws; i++) {
            for (int p : Shares.sample(10, 3, random)) {
                hits[p]++;
            }
        }
        // each position is picked with probability 3/10: 6,000 times, give or take a few standard deviations (about 65)
        assertThat(Arrays.stream(hits)).allMatch(h -> Math.abs(h - 6_000) < 400);
    }

    @Test
    void aDestructiveFaultPicksMembersItHasNotHitUntilNoneAreLeft() {
        ArmedFault armed = new ArmedFault(Fault.at("f", "0s", new FaultAction.CrashObjects("g", 0.4)),
                new SplittableRandom(3));
        List<Integer> group = IntStream.range(100, 105).boxed().toList();
        List<List<Integer>> firings = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            firings.add(armed.pickFresh(group, 0.4));
        }
        assertThat(firings).extracting(List::size).containsExactly(2, 2, 1, 0);
        List<Integer> all = firings.stream().flatMap(List::stream).toList();
        assertThat(new HashSet<>(all)).as("no member twice").hasSize(5).containsExactlyInAnyOrderElementsOf(group);
        firings.forEach(f -> assertThat(f).isSorted());
    }

    @Test
    void aNonDestructiveFaultDrawsFromTheWholeGroupEachTime() {
        ArmedFault armed = new ArmedFault(Fault.at("f", "0s", new FaultAction.CrashObjects("g", 0.4)),
                new SplittableRandom(3));
        List<Integer> group = IntStream.range(0, 5).boxed().toList();
        for (int i = 0; i < 10; i++) {
            assertThat(armed.pickAny(group, 0.4)).hasSize(2).isSorted().doesNotHaveDuplicates();
        }
    }
}
