package io.watchsim.simulations.stress;

import io.watchsim.actors.DispatcherSettings;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random kernel scripts (keys, watches, closes, revokes, unlinks, clears and reads in random
 * order, over three queues, one never sized) run several times under each dispatcher setting,
 * two at once: every run finishes and prints what the first printed. A failure shrinks to a
 * shorter script, which the report prints whole.
 */
class GeneratedScriptsStressTest {
    static final int RUNS = 4;
    static StressRunner runner;

    @BeforeContainer
    static void start() {
        runner = GoldenScriptsStressTest.everySetting(RUNS);
    }

    @AfterContainer
    static void stop() {
        runner.close();
    }

    @Property(tries = 100, shrinking = ShrinkingMode.BOUNDED, seed = "20261201")
    void aGeneratedScriptPrintsTheSameInEveryRun(@ForAll @Size(min = 40, max = 200) List<@IntRange(min = 0, max = 1000) Integer> choices) {
        String text = ScriptGenerator.fromChoices(choices);
        StressOutcome o = runner.run(List.of(new StressScript("generated.wqs", text, null)), line -> { }).get(0);
        assertThat(o.problems()).as("script:%n%s", text).isEmpty();
        assertThat(o.same()).isEqualTo(RUNS * DispatcherSettings.values().length);
        assertThat(o.reference()).as("it ran to the end").endsWith("end\n");
    }
}
