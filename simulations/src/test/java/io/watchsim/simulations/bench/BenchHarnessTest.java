package io.watchsim.simulations.bench;

import com.typesafe.config.ConfigFactory;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The harness itself, at a toy size: every shape, unbatched and batched, finishes its rounds with
 * every delivery made and counted once by its sinks (nothing lost, nothing out of sequence, no
 * hang), and the report's ratios are those of the run's own rounds. It asserts no speed.
 */
@ExtendWith(LogCapturingExtension.class)
class BenchHarnessTest {
    private static ActorSystem<Void> system;

    @BeforeAll
    static void start() {
        system = ActorSystem.create(Behaviors.empty(), "BenchHarnessTest",
                ConfigFactory.parseString("pekko.log-dead-letters = off").withFallback(ConfigFactory.load()));
    }

    @AfterAll
    static void stop() {
        ActorTestKit.shutdown(system);
    }

    @Test
    void everyShapeDeliversAndCountsEveryRecordExactlyOnce() {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Bench bench = new Bench(system, new PrintStream(log, true, StandardCharsets.UTF_8));
        int rounds = 2;
        int warmups = 1;
        List<Bench.FanoutResult> results = bench.run(new Bench.Settings(List.of(3, 17), rounds, warmups, 2000,
                List.of(1, 16), 32));
        assertThat(results).extracting(Bench.FanoutResult::fanout, Bench.FanoutResult::burst)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(3, 1), org.assertj.core.groups.Tuple.tuple(3, 16),
                        org.assertj.core.groups.Tuple.tuple(17, 1), org.assertj.core.groups.Tuple.tuple(17, 16));
        for (Bench.FanoutResult r : results) {
            assertThat(r.eventsPerRound() % r.burst()).isZero();
            long expected = (rounds + warmups) * r.eventsPerRound() * r.fanout();
            assertThat(r.counts()).extracting(Bench.Count::shape).containsExactlyElementsOf(Bench.SHAPES);
            for (Bench.Count c : r.counts()) {
                assertThat(c.expected()).as("%s at %d", c.shape(), r.fanout()).isEqualTo(expected);
                assertThat(c.counted()).as("%s at %d, burst %d: every delivery counted", c.shape(), r.fanout(),
                        r.burst()).isEqualTo(expected);
                assertThat(c.sinksOff()).as("%s: each sink counted exactly its own", c.shape()).isZero();
                assertThat(c.outOfSequence()).as("%s: nothing repeated, skipped or reordered", c.shape()).isZero();
                assertThat(c.lost()).as("%s: nothing lost", c.shape()).isZero();
                assertThat(c.exact()).isTrue();
            }
            assertThat(r.exact()).isTrue();
            for (String shape : Bench.SHAPES) {
                assertThat(r.figures().perSecond(shape)).hasSize(rounds);
                assertThat(Arrays.stream(r.figures().perSecond(shape)).min().orElse(0)).isPositive();
            }
        }
        String report = Bench.report(results);
        assertThat(report).contains("smack/1-hop").contains("smack/2-hop").contains("full/rings")
                .contains(Bench.ONE_HOP).contains(Bench.TWO_HOP).contains("one record per event")
                .contains("batched, bursts of 16").contains("exact").doesNotContain("OFF");
        String logged = log.toString(StandardCharsets.UTF_8);
        assertThat(logged).contains("window: 32 records in flight per queue").contains("32 bursts of 1")
                .contains("2 bursts of 16").contains("warm-up 1").contains("round 2");
    }

    @Test
    void theTablesRatiosAreTheMediansOfOneRunsRoundRatios() {
        // Five shapes, three rounds; per round full+smack / one-hop is 0.9, 0.8, 0.5 (median 0.8), while the
        // ratio of the medians would be 9 / 16.
        double[][] perSecond = {
                {9, 40, 8},        // full path + smack
                {10, 50, 16},      // full path
                {10, 50, 16},      // one-hop relay
                {3, 20, 4},        // two-hop relay
                {100, 100, 100}};  // plain rings
        double[][] perCpu = new double[5][3];
        SideBySide.Figures f = new SideBySide.Figures(Bench.SHAPES, perSecond, perCpu);
        Bench.FanoutResult r = new Bench.FanoutResult(10, 1, 64, f, List.of());
        assertThat(r.ratio(Bench.FULL_POLICY, Bench.ONE_HOP)).isEqualTo(0.8);
        // per round 3, 2, 2: median 2
        assertThat(r.ratio(Bench.FULL_POLICY, Bench.TWO_HOP)).isEqualTo(2.0);
        // per round 0.9, 0.8, 0.5
        assertThat(r.ratio(Bench.FULL_POLICY, Bench.FULL)).isEqualTo(0.8);
        assertThat(r.ratio(Bench.FULL, Bench.RING)).isEqualTo(0.16);
        String ratios = Bench.report(List.of(r)).lines().filter(l -> l.startsWith("10 ")).reduce((a, b) -> b)
                .orElseThrow();
        assertThat(ratios.trim().split("\\s+")).containsSequence("0.80", "2.00", "1.00", "3.33", "0.80", "0.1600");
    }

    @Test
    void aWindowMustFitAQueueAndBeWholeBursts() {
        assertThatThrownBy(() -> new Bench.Settings(List.of(10), 1, 0, 100, List.of(1, 64), 100))
                .hasMessageContaining("bursts [1, 64], window 100");
        assertThatThrownBy(() -> new Bench.Settings(List.of(10), 1, 0, 100, List.of(1), Bench.QUEUE_NOTES + 1))
                .hasMessageContaining("window " + (Bench.QUEUE_NOTES + 1));
        assertThat(new Bench.Settings(List.of(10), 1, 0, 100, List.of(1, 64), 128).eventsPerRound(1000, 64))
                .as("at least two whole bursts").isEqualTo(128);
    }
}
