package io.watchsim.simulations.scenario;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.EnumMap;
import java.util.Map;

import static io.watchsim.simulations.scenario.Assertion.Comparator.GE;
import static io.watchsim.simulations.scenario.Assertion.Comparator.GT;
import static io.watchsim.simulations.scenario.Assertion.Comparator.LT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Assertions as text become typed trees; mistakes say what was found and what was expected. */
class AssertionParserTest {
    @Test
    void theIssuesExamplesParseToTypedComparisons() {
        assertThat(Assertion.parse("loss.rate < 0.01")).isEqualTo(new Assertion.Compare(Metric.LOSS_RATE, LT, 0.01));
        assertThat(Assertion.parse("latency.p99 < 50ms")).isEqualTo(
                new Assertion.Compare(Metric.LATENCY_P99, LT, 50_000_000));
        assertThat(Assertion.parse("invariants.all")).isEqualTo(new Assertion.Holds(Metric.INVARIANTS_ALL));
        assertThat(Assertion.parse("throughput.deliveries > 1e6")).isEqualTo(
                new Assertion.Compare(Metric.THROUGHPUT_DELIVERIES, GT, 1_000_000));
    }

    @Test
    void valuesAreReadInTheMetricsUnit() {
        assertThat(Assertion.parse("loss.rate < 1%")).isEqualTo(Assertion.parse("loss.rate < 0.01"));
        assertThat(Assertion.parse("latency.p99 < 0.05s")).isEqualTo(Assertion.parse("latency.p99 < 50ms"));
        assertThat(Assertion.parse("throughput.deliveries > 1M/s")).isEqualTo(
                Assertion.parse("throughput.deliveries > 1000000"));
        assertThat(Assertion.parse("records.lost >= 10k")).isEqualTo(
                new Assertion.Compare(Metric.RECORDS_LOST, GE, 10_000));
    }

    @Test
    void andBindsTighterThanOrAndParenthesesGroup() {
        Assertion a = new Assertion.Holds(Metric.INVARIANTS_ORDERING);
        Assertion b = new Assertion.Compare(Metric.LOSS_RATE, LT, 0.5);
        Assertion c = new Assertion.Holds(Metric.INVARIANTS_SECURITY);
        assertThat(Assertion.parse("invariants.ordering || loss.rate < 0.5 && invariants.security"))
                .isEqualTo(new Assertion.Or(a, new Assertion.And(b, c)));
        assertThat(Assertion.parse("(invariants.ordering || loss.rate < 0.5) && invariants.security"))
                .isEqualTo(new Assertion.And(new Assertion.Or(a, b), c));
        assertThat(Assertion.parse("!invariants.ordering")).isEqualTo(new Assertion.Not(a));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
            "loss.rate < 0.01", "latency.p99 < 50ms", "invariants.all", "throughput.deliveries > 1M/s",
            "!invariants.ordering", "(invariants.ordering || loss.rate < 0.5) && invariants.security",
            "!(loss.rate > 0 && records.lost > 10)", "records.denied != 0"})
    void theCanonicalTextParsesBackToTheSameTree(String text) {
        Assertion a = Assertion.parse(text);
        assertThat(a.render()).isEqualTo(text);
        assertThat(Assertion.parse(a.render())).isEqualTo(a);
    }

    @Test
    void anAssertionHoldsOrNotForGivenValues() {
        Map<Metric, Double> values = new EnumMap<>(Metric.class);
        values.put(Metric.LOSS_RATE, 0.02);
        values.put(Metric.INVARIANTS_ALL, 1.0);
        values.put(Metric.LATENCY_P99, 40e6);
        assertThat(Assertion.parse("loss.rate < 0.01").holds(values::get)).isFalse();
        assertThat(Assertion.parse("loss.rate < 0.05 && invariants.all").holds(values::get)).isTrue();
        assertThat(Assertion.parse("latency.p99 < 50ms").holds(values::get)).isTrue();
        assertThat(Assertion.parse("!invariants.all || loss.rate == 0.02").holds(values::get)).isTrue();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = ';', quoteCharacter = '"', value = {
            "latency.p99 < 50; '50' for latency.p99; a duration (50ms, 2s)",
            "invariants.all == 1; 'invariants.all =='; invariants.all alone or after ! (it is a verdict)",
            "loss.rate; the end after 'loss.rate'; a comparison: < <= > >= == or != and a number or a percentage (0.01, 1%)",
            "loss.rat < 0.1; unknown metric 'loss.rat'; a metric of the list in docs/SCENARIOS.md (did you mean loss.rate?)",
            "loss.rate <; the end after 'loss.rate <'; a number or a percentage (0.01, 1%)",
            "(invariants.all; the end after '( invariants.all'; ')'",
            "invariants.all invariants.ordering; 'invariants.ordering' after 'invariants.all'; &&, || or the end",
            "throughput.deliveries > fast; 'fast' for throughput.deliveries; a rate (1M/s) or a number per second",
            "\" \"; an empty assertion; " + AssertionParser.FORM})
    void aMistakeSaysWhatWasFoundAndWhatWasExpected(String text, String found, String expected) {
        assertThatThrownBy(() -> Assertion.parse(text)).isInstanceOfSatisfying(AssertionParser.Mistake.class, m -> {
            assertThat(m.found()).isEqualTo(found);
            assertThat(m.expected()).isEqualTo(expected);
        });
    }

    @Test
    void everyMetricNameIsUniqueAndFindable() {
        for (Metric m : Metric.values()) {
            assertThat(Metric.byKey(m.key())).contains(m);
        }
        assertThat(Metric.keys()).doesNotHaveDuplicates();
    }
}
