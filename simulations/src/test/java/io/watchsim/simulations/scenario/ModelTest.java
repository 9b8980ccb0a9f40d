package io.watchsim.simulations.scenario;

import io.watchsim.queues.ring.FilterRequest;
import io.watchsim.queues.ring.TypeFilter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** What the model works out for the runner: tree layouts, watch counts, the kernel's filter struct, summaries. */
class ModelTest {
    @ParameterizedTest(name = "{0} leaves, depth {1}: fanout {2}, {3} inner keyrings")
    @CsvSource({"1000000, 3, 100, 10101", "1000, 1, 1000, 1", "1000, 2, 32, 33", "8, 3, 2, 7", "9, 3, 3, 5", "1, 4, 1, 4"})
    void aTreeHasTheSmallestFanoutThatHoldsItsLeaves(long leaves, int depth, int fanout, long inner) {
        Shape.Tree tree = new Shape.Tree(depth);
        assertThat(tree.fanout(leaves)).isEqualTo(fanout);
        assertThat(Math.pow(fanout, depth)).isGreaterThanOrEqualTo(leaves);
        if (fanout > 1) {
            assertThat(Math.pow(fanout - 1, depth)).isLessThan(leaves);
        }
        assertThat(tree.innerKeyrings(leaves)).isEqualTo(inner);
    }

    @Test
    void coverageCountsWatches() {
        assertThat(Coverage.ALL.watches(100, 10)).isEqualTo(1000);
        assertThat(Coverage.spread(2).watches(100, 10)).isEqualTo(200);
    }

    @Test
    void aFilterBecomesTheStructAProgramPassesToSetFilter() {
        QueueFilter f = QueueFilter.of(FilterEntry.of(1, 1, 5).withTag(3), FilterEntry.all(3));
        FilterRequest request = f.toRequest();
        assertThat(request.nrFilters()).isEqualTo(2);
        assertThat(request.reserved()).isZero();
        assertThat(request.filters().get(0)).isEqualTo(TypeFilter.forSubtypes(1, 1, 5).withInfo(0x300, 0xff00));
        assertThat(request.filters().get(1).subtypeFilter()[0]).isEqualTo(0xFFFFFFFF);
        assertThat(FilterEntry.of(1, 1, 5).subtypeList()).containsExactly(1, 5);
    }

    @Test
    void theSummaryCountsWhatTheScenarioBuilds() {
        Scenario s = Scenario.builder("s").duration("1s")
                .group(ObjectGroup.keyrings("ring", 2))
                .group(ObjectGroup.keys("keys", 10).withLinkedInto("ring"))
                .queues(QueueGroup.of("q", 3))
                .watch(WatchRule.of("w", "q", "keys"))
                .watch(WatchRule.of("r", "q", "ring").withCoverage(Coverage.spread(1)))
                .generator(Generator.of("g", "keys", Injection.constant("1/s")).with(KeyOperation.UPDATE, 1))
                .fault(Fault.at("f", "0s", new FaultAction.ReloadPolicy()))
                .assertion("invariants.all")
                .build();
        assertThat(s.summary()).isEqualTo("s: 12 objects, 3 queues, 32 watches, 1 generators, 1 faults, 1 assertions");
    }
}
