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
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The harness itself, at a toy size: every shape finishes its rounds with every delivery made
 * (nothing lost, no hang), and the report carries the ratios. It asserts no speed.
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
    void everyShapeCompletesItsRoundsWithNothingLost() {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Bench bench = new Bench(system, new PrintStream(log, true, StandardCharsets.UTF_8));
        List<Bench.FanoutResult> results = bench.run(new Bench.Settings(List.of(3, 17), 2, 1, 2000, 16, 2,
                new Bench.LatencyPlan(150, 300, 2)));
        assertThat(results).hasSize(2);
        for (Bench.FanoutResult r : results) {
            assertThat(r.lost()).as("fan-out %d lost", r.fanout()).isZero();
            assertThat(r.eventsPerRound() % 16).isZero();
            assertThat(r.shapes()).extracting(Bench.Shape::name)
                    .containsExactly(Bench.FULL_POLICY, Bench.FULL, Bench.RELAY, Bench.RING);
            assertThat(r.latency().saturationEventsPerSecond()).as("an open-loop rate was sustained").isPositive();
            assertThat(r.latency().search()).hasSizeGreaterThanOrEqualTo(3);
            assertThat(r.latency().loads()).extracting(Bench.LatencyResult::load).containsExactly(0.5, 0.9);
            for (Bench.LatencyResult l : r.latency().loads()) {
                assertThat(l.sent()).isPositive();
                if (l.lost() == 0 && l.drained()) {
                    assertThat(l.samples()).as("every record offered was read and timed")
                            .isEqualTo(l.sent() * r.fanout());
                }
                assertThat(l.p50Micros()).isLessThanOrEqualTo(l.p99Micros());
                assertThat(l.p99Micros()).isLessThanOrEqualTo(l.p999Micros());
            }
            for (Bench.Shape s : r.shapes()) {
                assertThat(s.perSecond()).hasSize(2);
                assertThat(java.util.Arrays.stream(s.perSecond()).min().orElse(0)).isPositive();
            }
        }
        String report = Bench.report(results);
        assertThat(report).contains("full+policy / relay").contains("full / rings:").contains("17")
                .contains("open-loop saturation");
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("warm-up 1").contains("round 2");
    }

    @Test
    void thePolicyRatioIsTheMedianOfEachRoundsRatio() {
        Bench.FanoutResult r = new Bench.FanoutResult(10, 64, List.of(
                new Bench.Shape(Bench.FULL_POLICY, new double[] {9, 40, 8}),
                new Bench.Shape(Bench.FULL, new double[] {10, 50, 16}),
                new Bench.Shape(Bench.RELAY, new double[] {1, 1, 1}),
                new Bench.Shape(Bench.RING, new double[] {100, 100, 100})), 0, Bench.LatencyReport.NONE);
        // Per round: 0.9, 0.8, 0.5; the ratio of the medians would be 9 / 16.
        assertThat(r.policyRatio()).isEqualTo(0.8);
    }
}
