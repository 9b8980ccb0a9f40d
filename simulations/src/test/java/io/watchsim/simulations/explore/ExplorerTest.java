package io.watchsim.simulations.explore;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.watchsim.simulations.scenario.ScenarioException;
import io.watchsim.simulations.scenario.ScenarioProblem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Explore and shrink over a stand-in runner whose failures are a known function of scenario and seed. */
class ExplorerTest {
    private static final String SCENARIO = """
            name = toy
            duration = 8s
            world.groups { keys { type = user, count = 40 }, spares { type = user, count = 10 } }
            queues { main { count = 6, size = 64 }, side { count = 2, size = 64 } }
            watches { w1 { queues = main, objects = keys }, w2 { queues = side, objects = spares } }
            workload {
              churn { objects = keys, mix { update = 5, revoke = 1, link = 1 } }
              spare { objects = spares, mix { update = 1 } }
            }
            faults {
              close-main { at = 2s, action = close-queues, queues = main }
              crash { at = 3s, action = crash-objects, objects = spares }
              flood { at = 4s, action = flood-queue, queues = side }
            }
            """;

    /**
     * Fails ("invariant ordering") when the scenario still closes queues of a group of at least 2 queues that
     * a rule watches, with revokes in churn's mix, and the seed is 2 mod 5; a rule naming a group that is gone
     * does not load; a run with no queue at all is an error.
     */
    static SeedOutcome standIn(Path file, long seed) {
        Config c = ConfigFactory.parseFile(file.toFile());
        if (c.hasPath("watches.w1") && !c.hasPath("world.groups.keys")) {
            throw new ScenarioException(List.of(new ScenarioProblem(Optional.of(file.toString()), 1, "watches.w1",
                    "names a group that is not there", "a group")));
        }
        boolean bug = c.hasPath("faults.close-main") && c.hasPath("watches.w1") && c.getInt("queues.main.count") >= 2
                && c.hasPath("workload.churn.mix.revoke") && Math.floorMod(seed, 5) == 2;
        return bug ? new SeedOutcome(seed, false, "invariant ordering", "queue 3: records out of order", "f" + seed)
                : new SeedOutcome(seed, true, "", "", "f" + seed);
    }

    @Test
    void exploreListsTheFailingSeedsBySignatureWhateverTheJobs(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("toy.conf");
        Files.writeString(file, SCENARIO);
        ConcurrentLinkedQueue<Long> heard = new ConcurrentLinkedQueue<>();
        ExploreReport one = new Explorer(ExplorerTest::standIn, 1).explore(file, SeedRange.parse("1..20"),
                o -> heard.add(o.seed()));
        ExploreReport four = new Explorer(ExplorerTest::standIn, 4).explore(file, SeedRange.parse("1..20"), o -> { });
        assertThat(heard).hasSize(20);
        assertThat(one).isEqualTo(four);
        assertThat(one.failures()).extracting(SeedOutcome::seed).containsExactly(2L, 7L, 12L, 17L);
        assertThat(one.bySignature()).containsOnlyKeys("invariant ordering");
        assertThat(one.lines()).first().isEqualTo("explored seeds 1..20: 16 passed, 4 failed");
        assertThat(one.lines()).contains("  invariant ordering: 4 seeds (2, 7, 12, 17)");
    }

    @Test
    void aRunThatThrowsIsAnErrorOutcomeNotALostSeed(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("toy.conf");
        Files.writeString(file, SCENARIO);
        ExploreReport r = new Explorer((f, seed) -> {
            if (seed == 3) {
                throw new IllegalStateException("boom");
            }
            return new SeedOutcome(seed, true, "", "", "");
        }, 2).explore(file, SeedRange.parse("1..4"), o -> { });
        assertThat(r.failures()).singleElement().satisfies(o -> {
            assertThat(o.seed()).isEqualTo(3);
            assertThat(o.signature()).isEqualTo("error IllegalStateException");
            assertThat(o.detail()).isEqualTo("boom");
        });
    }

    @Test
    void shrinkingKeepsOnlyWhatTheFailureNeeds(@TempDir Path dir) throws IOException {
        AtomicInteger runs = new AtomicInteger();
        Shrinker shrinker = new Shrinker((f, s) -> {
            runs.incrementAndGet();
            return standIn(f, s);
        }, 6, 500, dir);
        Path file = dir.resolve("toy.conf");
        Files.writeString(file, SCENARIO);
        SeedOutcome failing = standIn(file, 7);
        Shrinker.Result r = shrinker.shrink(ScenarioCandidates.render(ConfigFactory.parseString(SCENARIO)), failing);
        Config small = ConfigFactory.parseString(r.text());
        assertThat(r.outcome().passed()).isFalse();
        assertThat(r.outcome().signature()).isEqualTo("invariant ordering");
        assertThat(Math.floorMod(r.seed(), 5)).isEqualTo(2);
        assertThat(small.getObject("faults").keySet()).containsExactly("close-main");
        assertThat(small.getObject("workload").keySet()).containsExactly("churn");
        assertThat(small.getObject("workload.churn.mix").keySet()).containsExactly("revoke");
        assertThat(small.getObject("watches").keySet()).containsExactly("w1");
        assertThat(small.getInt("queues.main.count")).isEqualTo(2);
        assertThat(small.getInt("world.groups.keys.count")).isEqualTo(1);
        assertThat(small.getDuration("duration")).isLessThan(java.time.Duration.ofSeconds(2));
        assertThat(r.runs()).isEqualTo(runs.get()).isLessThanOrEqualTo(500);
        assertThat(r.changes()).contains("without fault crash", "without generator spare");
        // replaying the shrunk scenario under its seed fails the same way
        Path shrunk = dir.resolve("shrunk.conf");
        Files.writeString(shrunk, r.text());
        assertThat(standIn(shrunk, r.seed()).signature()).isEqualTo("invariant ordering");
    }

    @Test
    void seedRangesAreParsedWithClearErrors() {
        assertThat(SeedRange.parse("1..500").count()).isEqualTo(500);
        assertThat(SeedRange.parse(" 42 ").toString()).isEqualTo("42");
        assertThatThrownBy(() -> SeedRange.parse("1-5")).hasMessageContaining("write A..B");
        assertThatThrownBy(() -> SeedRange.parse("9..2")).hasMessageContaining("below the first");
        assertThatThrownBy(() -> SeedRange.parse("1..2000000")).hasMessageContaining("at most 1000000");
    }
}
