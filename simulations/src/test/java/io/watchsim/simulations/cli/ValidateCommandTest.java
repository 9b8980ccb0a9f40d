package io.watchsim.simulations.cli;

import io.watchsim.simulations.scenario.ScenarioReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code watchsim validate}: one ok line per good file on stdout, every mistake of a bad one on
 * stderr as FILE:LINE: KEY: found X, expected Y, exit 2 when any file has one. Tests run with the
 * module folder as the working directory; the project root is its parent.
 */
class ValidateCommandTest {
    private static final Path SCENARIOS = Path.of("").toAbsolutePath().getParent().resolve("scenarios");

    @RegisterExtension
    final CapturedStreams streams = new CapturedStreams();

    @TempDir
    Path dir;

    @Test
    void aGoodScenarioIsOneOkLineWithWhatItBuilds() {
        assertThat(WatchSimCommand.execute("validate", SCENARIOS.resolve("quickstart.conf").toString())).isZero();
        // 100 keys and their keyring; 10 queues each watching the 100 keys; invariants.all and two more assertions
        assertThat(streams.out()).isEqualTo(
                "ok quickstart: 101 objects, 10 queues, 1000 watches, 1 generators, 0 faults, 3 assertions\n");
        assertThat(streams.err()).isEmpty();
    }

    @Test
    void everyShippedScenarioIsValid() throws IOException {
        String[] files;
        try (var list = Files.list(SCENARIOS)) {
            files = list.filter(p -> p.toString().endsWith(".conf")).map(Path::toString).sorted().toArray(String[]::new);
        }
        assertThat(files).hasSize(7);
        assertThat(WatchSimCommand.execute(prepend("validate", files))).isZero();
        assertThat(streams.out().lines()).hasSize(7).allMatch(l -> l.startsWith("ok "));
        assertThat(streams.out()).contains("ok mount-storm: 60 objects, 8 queues, 88 watches, 1 generators, 4 faults, ");
        assertThat(streams.out()).contains("ok scale: 1010101 objects, 100000 queues, 1000000 watches, ")
                .contains("ok fanout: 1 objects, 100000 queues, 100000 watches, ");
        assertThat(streams.err()).isEmpty();
    }

    @Test
    void aBrokenScenarioGetsEveryMistakeOnStderrAndExitCode2() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.conf"), """
                duration = 10s
                world.groups.keys { count = -1 }
                queues.q { sise = 64 }
                """);
        assertThat(WatchSimCommand.execute("validate", bad.toString())).isEqualTo(2);
        assertThat(streams.out()).isEmpty();
        assertThat(streams.err().lines()).containsExactly(
                bad + ":2: world.groups.keys.count: found -1, expected 1 or more objects",
                bad + ":3: queues.q.sise: found an unknown key, expected one of count, size, filter, reader "
                        + "(did you mean size?)");
    }

    @Test
    void goodAndBadFilesTogetherReportBothAndExit2() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.conf"), "duration = soon\n");
        assertThat(WatchSimCommand.execute("validate", SCENARIOS.resolve("key-churn.conf").toString(), bad.toString()))
                .isEqualTo(2);
        assertThat(streams.out()).startsWith("ok key-churn: ");
        assertThat(streams.err().lines()).containsExactly(bad + ":1: duration: found \"soon\", expected a duration: "
                + "a number and a unit ns, us, ms, s, m or h (500ms, 10s, 1.5m)");
    }

    @Test
    void aFileThatDoesNotExistIsOneLineAndExitCode2() {
        Path missing = dir.resolve("missing.conf");
        assertThat(WatchSimCommand.execute("validate", missing.toString())).isEqualTo(2);
        assertThat(streams.err()).isEqualTo(missing + ": found no such file, expected a scenario file (HOCON, .conf)\n");
    }

    @Test
    void noFileIsOneLineAndExitCode2() {
        assertThat(WatchSimCommand.execute("validate")).isEqualTo(2);
        assertThat(streams.err()).startsWith("watchsim: validate needs at least one scenario file").doesNotContain("\n\n")
                .hasLineCount(1);
    }

    @Test
    void keysPrintsTheKeyReference() {
        assertThat(WatchSimCommand.execute("validate", "--keys")).isZero();
        assertThat(streams.out()).isEqualTo(ScenarioReference.markdown());
    }

    @Test
    void theHelpListsValidate() {
        assertThat(WatchSimCommand.execute("--help")).isZero();
        assertThat(streams.out()).containsPattern("(?m)^\\s+validate\\s+Checks scenario files");
    }

    private static String[] prepend(String first, String[] rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }
}
