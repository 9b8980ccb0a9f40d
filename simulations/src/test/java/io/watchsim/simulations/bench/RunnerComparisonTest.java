package io.watchsim.simulations.bench;

import com.typesafe.config.ConfigFactory;
import io.watchsim.simulations.runner.RunResult;
import io.watchsim.simulations.scenario.Generator;
import io.watchsim.simulations.scenario.Scenario;
import io.watchsim.simulations.scenario.ScenarioLoader;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code watchsim bench --runner} at a toy size: every path finishes its rounds with every
 * delivery made, the runner path's accounting adds up and its invariants hold after the rounds,
 * and its shape is the shipped fan-out scenario's. It asserts no speed.
 */
class RunnerComparisonTest {
    private static ActorSystem<Void> system;

    @BeforeAll
    static void start() {
        system = ActorSystem.create(Behaviors.empty(), "RunnerComparisonTest",
                ConfigFactory.parseString("pekko.log-dead-letters = off").withFallback(ConfigFactory.load()));
    }

    @AfterAll
    static void stop() {
        ActorTestKit.shutdown(system);
    }

    @Test
    void everyPathCompletesItsRoundsAndTheRunnersCountsAddUp() {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        RunnerComparison c = new RunnerComparison(system, new PrintStream(log, true, StandardCharsets.UTF_8));
        int window = 4;
        List<RunnerComparison.Result> results = c.run(new RunnerComparison.Settings(List.of(3, 17), 2, 1, 600, window));
        assertThat(results).extracting(RunnerComparison.Result::fanout).containsExactly(3, 17);
        for (RunnerComparison.Result r : results) {
            assertThat(r.lostRunner() + r.lostBare() + r.lostFullPath()).as("fan-out %d lost", r.fanout()).isZero();
            for (double[] path : List.of(r.runner(), r.bare(), r.fullPath())) {
                assertThat(path).hasSize(2);
                assertThat(Arrays.stream(path).min().orElse(0)).isPositive();
            }
            // Per CPU-second: a toy round may see no CPU tick at all, which is reported as not measured (NaN).
            for (double[] path : List.of(r.runnerCpu(), r.bareCpu(), r.fullPathCpu())) {
                assertThat(path).hasSize(2);
                for (double v : path) {
                    assertThat(Double.isNaN(v) || v > 0).as("%s", v).isTrue();
                }
            }
            long deliveries = 3 * r.eventsPerRound() * r.fanout();   // a warm-up and two rounds
            assertThat(r.ending().posted()).as("every update posted to every queue").isEqualTo(deliveries);
            assertThat(r.ending().delivered()).as("and every record read").isEqualTo(deliveries);
            assertThat(r.ending().quiet()).isTrue();
            assertThat(r.ending().held()).as("%s", r.ending().invariants()).isTrue();
            assertThat(r.ending().invariants()).extracting(RunResult.InvariantVerdict::name).contains("conservation");
            assertThat(r.ratio()).isPositive();
            assertThat(Double.isNaN(r.cpuRatio()) || r.cpuRatio() > 0).as("%s", r.cpuRatio()).isTrue();
        }
        String report = RunnerComparison.report(results, window);
        assertThat(report).contains("runner / bare").contains("full path (bench's pacer)").contains("17")
                .contains("4 events in flight").contains("held      conservation")
                .contains("per CPU-second");
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("warm-up 1").contains("round 2");
    }

    @Test
    void theShapeIsTheShippedFanoutScenarios() {
        Path file = Path.of("").toAbsolutePath().getParent().resolve("scenarios").resolve("fanout.conf");
        Scenario shipped = ScenarioLoader.load(file);
        Scenario measured = RunnerComparison.fanoutScenario(100_000, 16);
        assertThat(measured.world()).isEqualTo(shipped.world());
        assertThat(measured.queues()).isEqualTo(shipped.queues());
        assertThat(measured.watches()).isEqualTo(shipped.watches());
        assertThat(measured.policy()).isEqualTo(shipped.policy());
        Generator ours = measured.workload().generators().get(0);
        Generator theirs = shipped.workload().generators().get(0);
        assertThat(ours.objects()).isEqualTo(theirs.objects());
        assertThat(ours.mix()).isEqualTo(theirs.mix());
        assertThat(ours.credentials()).isEqualTo(theirs.credentials());
    }
}
