package io.watchsim.simulations.scenario;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The Java builder: immutable, checked by the loader's own rules, mistakes named by key. */
class ScenarioBuilderTest {
    private static final ScenarioBuilder BASE = Scenario.builder("base").duration("10s")
            .group(ObjectGroup.keyrings("ring", 1))
            .group(ObjectGroup.keys("keys", 10).withLinkedInto("ring"))
            .queues(QueueGroup.of("q", 2));

    @Test
    void everyCallGivesANewBuilderAndLeavesTheOldOneAsItWas() {
        ScenarioBuilder watched = BASE.watch(WatchRule.of("w", "q", "keys"));
        Scenario plain = BASE.build();
        Scenario withWatches = watched.build();
        assertThat(plain.watches()).isEmpty();
        assertThat(withWatches.watches()).hasSize(1);
        assertThat(BASE.build()).isEqualTo(plain);
    }

    @Test
    void theOrderOfAdditionDoesNotMatter() {
        Scenario a = Scenario.builder("o").duration("1s").queues(QueueGroup.of("b", 1)).queues(QueueGroup.of("a", 1))
                .group(ObjectGroup.keys("y", 1)).group(ObjectGroup.keys("x", 1)).build();
        Scenario b = Scenario.builder("o").duration("1s").queues(QueueGroup.of("a", 1)).queues(QueueGroup.of("b", 1))
                .group(ObjectGroup.keys("x", 1)).group(ObjectGroup.keys("y", 1)).build();
        assertThat(a).isEqualTo(b);
        assertThat(a.queues()).extracting(QueueGroup::name).containsExactly("a", "b");
    }

    @Test
    void mistakesAreReportedByKeyAllAtOnce() {
        ScenarioException e = catchThrowableOfType(ScenarioException.class, () -> Scenario.builder("bad one")
                .group(ObjectGroup.keys("keys", 0))
                .queues(QueueGroup.of("q", 1).withSize(600))
                .watch(WatchRule.of("w", "q", "kyes").withTag(256))
                .fault(Fault.at("f", "1s", new FaultAction.CloseQueues("q", 2)))
                .assertion("loss.rate <")
                .build());
        assertThat(e.problems()).extracting(ScenarioProblem::toString).containsExactly(
                "assertions[0]: found the end after 'loss.rate <', expected a number or a percentage (0.01, 1%)",
                "duration: found nothing, expected a duration above 0",
                "faults.f.share: found 2, expected " + Units.SHARE_FORM,
                "name: found \"bad one\", expected " + ScenarioValidator.SCENARIO_NAME_FORM,
                "queues.q.size: found 600, expected 1..512 notes (IOC_WATCH_QUEUE_SET_SIZE)",
                "watches.w.objects: found \"kyes\", expected an object group of world.groups: keys (did you mean keys?)",
                "watches.w.tag: found 256, expected a tag 0..255 or a range FIRST..LAST within it",
                "world.groups.keys.count: found 0, expected 1 or more objects");
    }

    @Test
    void aNameGivenTwiceIsAMistake() {
        ScenarioException e = catchThrowableOfType(ScenarioException.class,
                () -> BASE.queues(QueueGroup.of("q", 5)).build());
        assertThat(e.problems()).extracting(ScenarioProblem::toString)
                .containsExactly("queues.q: found a second queue group named q, expected each name once");
    }

    @Test
    void partsAreValuesWithWithers() {
        ObjectGroup g = ObjectGroup.keys("k", 5);
        assertThat(g.withCount(6)).isEqualTo(ObjectGroup.keys("k", 6)).isNotEqualTo(g);
        assertThat(Generator.of("g", "k", Injection.constant("1/s")).with(KeyOperation.UPDATE, 1).withKeyTimeout(
                Duration.ofSeconds(5))).isEqualTo(Generator.of("g", "k", Injection.constant("1/s"))
                .withKeyTimeout(Duration.ofSeconds(5)).with(KeyOperation.UPDATE, 1));
    }
}
