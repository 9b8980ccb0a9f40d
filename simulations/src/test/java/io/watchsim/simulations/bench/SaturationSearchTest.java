package io.watchsim.simulations.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The saturation search against a path whose capacity the test knows. */
class SaturationSearchTest {
    @Test
    void aGuessBelowCapacityDoublesThenBisectsTowardsIt() {
        SaturationSearch.Result r = SaturationSearch.search(1000, 6, rate -> rate <= 5000);
        assertThat(r.trials()).extracting(SaturationSearch.Trial::eventsPerSecond)
                .startsWith(1000.0, 2000.0, 4000.0, 8000.0, 6000.0, 5000.0);
        assertThat(r.trials()).hasSize(4 + 6);
        assertThat(r.saturation()).isEqualTo(5000.0);
        assertThat(r.lowestFailed()).isGreaterThan(5000).isLessThan(5000 + 4000 / 64.0 + 1);
        assertThat(r.trials()).allSatisfy(t -> assertThat(t.sustained()).isEqualTo(t.eventsPerSecond() <= 5000));
    }

    @Test
    void aGuessAboveCapacityHalvesUntilOneIsSustained() {
        SaturationSearch.Result r = SaturationSearch.search(64_000, 3, rate -> rate <= 3000);
        assertThat(r.trials()).extracting(SaturationSearch.Trial::eventsPerSecond)
                .startsWith(64_000.0, 32_000.0, 16_000.0, 8000.0, 4000.0, 2000.0);
        assertThat(r.saturation()).isGreaterThanOrEqualTo(2000).isLessThanOrEqualTo(3000);
        assertThat(r.lowestFailed()).isGreaterThan(3000).isLessThanOrEqualTo(4000);
    }

    @Test
    void nothingSustainedIsZeroAfterTheBracketsTrials() {
        SaturationSearch.Result r = SaturationSearch.search(1000, 6, rate -> false);
        assertThat(r.saturation()).isZero();
        assertThat(r.trials()).hasSize(SaturationSearch.BRACKET_STEPS);
        assertThatThrownBy(() -> SaturationSearch.search(0, 1, rate -> true))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRateIsSustainedIfAnyTryIsAndEveryTryIsMadeOnlyUntilOneIs() {
        java.util.List<Double> tried = new java.util.ArrayList<>();
        java.util.Iterator<Boolean> outcomes = java.util.List.of(false, true, false, false).iterator();
        java.util.function.DoublePredicate twice = SaturationSearch.bestOf(2, rate -> {
            tried.add(rate);
            return outcomes.next();
        });
        assertThat(twice.test(100)).as("the second try sustained it").isTrue();
        assertThat(twice.test(200)).as("both tries failed").isFalse();
        assertThat(tried).containsExactly(100.0, 100.0, 200.0, 200.0);
        assertThatThrownBy(() -> SaturationSearch.bestOf(0, rate -> true)).isInstanceOf(IllegalArgumentException.class);
    }
}
