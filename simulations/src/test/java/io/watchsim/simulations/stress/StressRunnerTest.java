package io.watchsim.simulations.stress;

import com.typesafe.config.ConfigFactory;
import io.watchsim.actors.DispatcherSettings;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What the stress runner reports when a run goes wrong, and the generator's determinism. */
class StressRunnerTest {
    private static StressRunner runner(Duration runBound) {
        return new StressRunner(new StressRunner.Settings(List.of(DispatcherSettings.ONE_THREAD), 2, 2, runBound,
                Duration.ofSeconds(10)), ConfigFactory.load());
    }

    @Test
    void aScriptThatDoesNotParseFailsOnItsFirstRunAndIsNotRunAgain() {
        try (StressRunner r = runner(Duration.ofSeconds(30))) {
            StressOutcome o = r.run(List.of(new StressScript("bad.wqs", "queue q\nsetsize q\n", null)), l -> { }).get(0);
            assertThat(o.verdict()).isEqualTo("FAILED");
            assertThat(o.runs()).isEqualTo(1);
            assertThat(o.problems()).singleElement().asString().contains("first run under one-thread failed")
                    .contains("bad.wqs:2");
        }
    }

    @Test
    void aRunThatOutlivesItsBoundIsReportedAsNotFinished() {
        try (StressRunner r = runner(Duration.ofMillis(1))) {
            StressOutcome o = r.run(List.of(StressScript.generated(3)), l -> { }).get(0);
            assertThat(o.passed()).isFalse();
            assertThat(o.problems()).first().asString().contains("did not finish within 1 ms");
            assertThat(o.script().replay()).isEqualTo("watchsim stress --generated 1 --seed 3");
        }
    }

    @Test
    void theSameSeedOrChoicesGiveTheSameScriptAndOthersAnother() {
        assertThat(ScriptGenerator.fromSeed(5)).isEqualTo(ScriptGenerator.fromSeed(5)).isNotEqualTo(ScriptGenerator.fromSeed(6));
        List<Integer> choices = List.of(3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8);
        assertThat(ScriptGenerator.fromChoices(choices)).isEqualTo(ScriptGenerator.fromChoices(choices))
                .contains("# generated from 12 choices");
        assertThat(ScriptGenerator.fromChoices(choices.subList(0, 4)).lines().count())
                .as("fewer choices, fewer operations").isLessThan(ScriptGenerator.fromChoices(choices).lines().count());
    }

    @Test
    void theFirstDifferenceNamesTheLine() {
        assertThat(StressRunner.firstDifference("a\nb\nc\n", "a\nx\nc\n")).isEqualTo("at line 2: expected 'b', got 'x'");
        assertThat(StressRunner.firstDifference("a\n", "a\nb\n")).isEqualTo("at line 2: expected '', got 'b'");
    }
}
