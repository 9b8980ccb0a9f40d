package io.watchsim.simulations.scenario;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Durations, counts, shares and rates as scenario files write them. */
class UnitsTest {
    @ParameterizedTest(name = "{0} = {1} ns")
    @CsvSource({"10s, 10000000000", "500ms, 500000000", "1.5s, 1500000000", "2m, 120000000000", "1h, 3600000000000",
            "250us, 250000", "7ns, 7", "0, 0", "0s, 0", "10 s, 10000000000"})
    void durationsHaveAUnit(String text, long nanos) {
        assertThat(Units.parseDuration(text)).isEqualTo(Duration.ofNanos(nanos));
    }

    @ParameterizedTest(name = "{0} is refused")
    @ValueSource(strings = {"10", "ten seconds", "-1s", "1.5ns", "5 parsecs", "", "1e3s"})
    void aDurationWithoutAUnitOrInPartsOfANanosecondIsRefused(String text) {
        assertThatThrownBy(() -> Units.parseDuration(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a duration");
    }

    @ParameterizedTest(name = "{0} prints as {1}")
    @CsvSource({"10000000000, 10s", "1500000000, 1500ms", "120000000000, 2m", "0, 0s", "3600000000000, 1h", "1001, 1001ns"})
    void aDurationPrintsInTheLargestUnitThatHoldsItWhole(long nanos, String text) {
        assertThat(Units.format(Duration.ofNanos(nanos))).isEqualTo(text);
        assertThat(Units.parseDuration(text)).isEqualTo(Duration.ofNanos(nanos));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({"100, 100", "10k, 10000", "1M, 1000000", "1.5M, 1500000", "2G, 2000000000", "100 k, 100000"})
    void countsTakeDecimalSuffixes(String text, long value) {
        assertThat(Units.parseCount(text)).isEqualTo(value);
    }

    @ParameterizedTest(name = "{0} is refused")
    @ValueSource(strings = {"1.5", "1.0001k", "-3", "lots", "1Ki"})
    void aCountThatIsNotWholeIsRefused(String text) {
        assertThatThrownBy(() -> Units.parseCount(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(Units.COUNT_FORM);
    }

    @Test
    void aPercentageIsAShare() {
        assertThat(Units.parsePercent("25%")).isEqualTo(0.25);
        assertThat(Units.parsePercent("1%")).isEqualTo(0.01);
        assertThatThrownBy(() -> Units.parsePercent("25")).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "{0} = {1}/s")
    @CsvSource({"1k/s, 1000", "2.5M/s, 2500000", "500/s, 500", "30/m, 0.5", "1/ms, 1000", "3600/h, 1", "1G/s, 1000000000",
            "1e3/s, 1000"})
    void ratesAreKeptPerSecond(String text, double perSecond) {
        assertThat(Rate.parse(text)).isEqualTo(Rate.perSecond(perSecond));
    }

    @ParameterizedTest(name = "{0}/s prints as {1}")
    @CsvSource({"2500000, 2.5M/s", "1000, 1k/s", "500, 500/s", "0.5, 0.5/s", "1000000000, 1G/s", "1500, 1.5k/s"})
    void aRatePrintsWithTheLargestSuffixThatLeavesAtLeastOne(double perSecond, String text) {
        assertThat(Rate.perSecond(perSecond)).hasToString(text);
        assertThat(Rate.parse(text)).isEqualTo(Rate.perSecond(perSecond));
    }

    @ParameterizedTest(name = "{0} is refused")
    @ValueSource(strings = {"1000", "fast", "1k", "-1/s", "1k/fortnight"})
    void aRateWithoutAUnitIsRefused(String text) {
        assertThatThrownBy(() -> Rate.parse(text)).isInstanceOf(IllegalArgumentException.class).hasMessage(Rate.FORM);
    }

    @Test
    void twoFormsOfOneRateAreEqual() {
        assertThat(Rate.parse("60k/m")).isEqualTo(Rate.parse("1k/s"));
    }
}
