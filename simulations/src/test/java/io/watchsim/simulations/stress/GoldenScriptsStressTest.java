package io.watchsim.simulations.stress;

import com.typesafe.config.ConfigFactory;
import io.watchsim.actors.DispatcherSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import io.watchsim.sources.mounts.V5Bugs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stress suite over every golden kernel script: each runs several times under each
 * dispatcher setting (one thread, throughput 1, many threads), two at once with the others, and
 * every run must finish and print exactly the first run's output, which is the golden output.
 * {@code watchsim stress --runs N SCRIPT...} runs the long version by hand.
 */
class GoldenScriptsStressTest {
    static final int RUNS = 20;
    static StressRunner runner;

    @BeforeAll
    static void start() {
        runner = everySetting(RUNS);
    }

    /**
     * A runner under every dispatcher setting, two runs at once, {@code runs} runs of each script
     * per setting; a run has a minute, a kernel call 20 s.
     */
    static StressRunner everySetting(int runs) {
        return new StressRunner(new StressRunner.Settings(DispatcherSettings.all().toList(), runs, 2,
                Duration.ofSeconds(60), Duration.ofSeconds(20)),
                ConfigFactory.parseString("pekko.log-dead-letters-during-shutdown = off").withFallback(ConfigFactory.load()));
    }

    @AfterAll
    static void stop() {
        runner.close();
    }

    static Path dir(String name) {
        try {
            return Path.of(GoldenScriptsStressTest.class.getResource("/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void everyGoldenScriptPrintsItsGoldenOutputInEveryRunUnderEveryDispatcherSetting() throws IOException {
        List<StressScript> scripts = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir("scripts"))) {
            for (Path wqs : files.filter(p -> p.toString().endsWith(".wqs")).sorted().toList()) {
                String name = wqs.getFileName().toString();
                // as ScriptGoldenTest runs them: a "-v5bugs" script reproduces ver #5's bugs
                scripts.add(new StressScript(name, Files.readString(wqs, StandardCharsets.UTF_8), null,
                        name.endsWith("-v5bugs.wqs") ? V5Bugs.all() : V5Bugs.none()));
                expected.add(Files.readString(wqs.resolveSibling(name.replace(".wqs", ".out")), StandardCharsets.UTF_8));
            }
        }
        assertThat(scripts).hasSizeGreaterThanOrEqualTo(10);
        List<StressOutcome> outcomes = runner.run(scripts, line -> { });
        for (int i = 0; i < outcomes.size(); i++) {
            StressOutcome o = outcomes.get(i);
            assertThat(o.problems()).as("%s", o.script().name()).isEmpty();
            assertThat(o.same()).as("%s: runs with the first run's output", o.script().name())
                    .isEqualTo(RUNS * DispatcherSettings.values().length);
            assertThat(o.reference()).as("%s: the first run's output is the golden one", o.script().name())
                    .isEqualTo(expected.get(i));
        }
    }
}
