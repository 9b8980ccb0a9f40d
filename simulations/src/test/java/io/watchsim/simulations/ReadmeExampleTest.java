package io.watchsim.simulations;

import io.watchsim.simulations.runner.ResultWriter;
import io.watchsim.simulations.runner.RunResult;
import io.watchsim.simulations.runner.ScenarioRunner;
import io.watchsim.simulations.scenario.Coverage;
import io.watchsim.simulations.scenario.Fault;
import io.watchsim.simulations.scenario.FaultAction;
import io.watchsim.simulations.scenario.FilterEntry;
import io.watchsim.simulations.scenario.Generator;
import io.watchsim.simulations.scenario.Injection;
import io.watchsim.simulations.scenario.ObjectGroup;
import io.watchsim.simulations.scenario.QueueFilter;
import io.watchsim.simulations.scenario.QueueGroup;
import io.watchsim.simulations.scenario.Reader;
import io.watchsim.simulations.scenario.Scenario;
import io.watchsim.simulations.scenario.WatchRule;
import org.junit.jupiter.api.Test;

import static io.watchsim.simulations.scenario.KeyOperation.LINK;
import static io.watchsim.simulations.scenario.KeyOperation.REVOKE;
import static io.watchsim.simulations.scenario.KeyOperation.UPDATE;
import static org.assertj.core.api.Assertions.assertThat;

/** scenarios/examples/tour.conf, built in Java and run with one call. */
class ReadmeExampleTest {
    static Scenario tour() {
        return Scenario.builder("tour").seed(7).duration("5s").gcDelay("1s")
                .group(ObjectGroup.keyrings("rings", 4))
                .group(ObjectGroup.keys("keys", 200).withPayload(32).withLinkedInto("rings"))
                .queues(QueueGroup.of("all", 8).withSize(256).withReader(Reader.continuous(4096)))
                .queues(QueueGroup.of("revocations", 4).withSize(64)
                        .withFilter(QueueFilter.of(FilterEntry.of(1, 5)))      // type 1 (key), subtype 5 (revoked)
                        .withReader(Reader.continuous(4096).withPace("50/s")))
                .watch(WatchRule.of("every-key", "all", "keys").withTag(1))
                .watch(WatchRule.of("a-quarter-each", "revocations", "keys").withCoverage(Coverage.spread(1)).withTag(2))
                .generator(Generator.of("churn", "keys", Injection.constant("500/s"))
                        .with(UPDATE, 8).with(LINK, 1).with(REVOKE, 0.2))
                .fault(Fault.at("cull", "2s", new FaultAction.DestroyObjects("keys", 0.1)))
                .assertion("invariants.all")
                .assertion("loss.rate < 0.01")
                .assertion("records.removals > 0")
                .build();
    }

    @Test
    void theTourRunsAndHoldsItsAssertions() {
        RunResult r = ScenarioRunner.run(tour());

        assertThat(r.passed()).as(ResultWriter.summary(r)).isTrue();
        assertThat(r.metrics().get("operations.intended")).isEqualTo(2500);    // 500 a second for 5 seconds
        assertThat(r.metrics().get("records.lost")).isZero();
        assertThat(r.faults()).singleElement().satisfies(f -> assertThat(f.detail()).startsWith("keys: 20 of 200 objects"));
    }
}
