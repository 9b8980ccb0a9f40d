package io.watchsim.simulations.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code watchsim run}'s options and SCENARIO: a bad value is one line naming the option, the
 * value as typed, why and what is allowed, exit code 2, nothing run; good values change the run;
 * {@code run --help} and {@code validate --help} give every option what it allows and an example
 * that is accepted. Tests run with the module folder as the working directory.
 */
@ExtendWith(LogCapturingExtension.class)
class RunCommandTest {
    private static final Path PROJECT = Path.of("").toAbsolutePath().getParent();
    private static final String QUICKSTART = PROJECT.resolve("scenarios/quickstart.conf").toString();

    @RegisterExtension
    final CapturedStreams streams = new CapturedStreams();

    @TempDir
    Path dir;

    @ParameterizedTest(name = "run {0} {1}")
    @CsvSource(delimiter = '|', value = {
            "--duration | abc         | --duration 'abc' is not a duration; allowed a number above 0 and a unit ns, us, ms, s, m or h",
            "--duration | -5s         | --duration '-5s' is negative; allowed a number above 0 and a unit",
            "--duration | 0s          | --duration '0s' is zero; allowed a number above 0",
            "--duration | 5           | --duration '5' has no unit; allowed a number above 0 and a unit",
            "--duration | 999999999h  | --duration '999999999h' is not a whole number of nanoseconds or is longer than about 292 years; allowed",
            "--seed     | x           | --seed 'x' is not a whole number; allowed a whole number -9223372036854775808..9223372036854775807",
            "--seed     | 9223372036854775808 | --seed '9223372036854775808' is outside the 64-bit range; allowed a whole number",
            "--seed     | 1.5         | --seed '1.5' is not a whole number; allowed",
            "--scale    | 0           | --scale '0' is zero; allowed a fraction above 0 and at most 1",
            "--scale    | -1          | --scale '-1' is negative; allowed a fraction above 0 and at most 1",
            "--scale    | abc         | --scale 'abc' is not a number; allowed a fraction above 0 and at most 1",
            "--scale    | 1.5         | --scale '1.5' is above 1 (a run is never scaled up); allowed a fraction",
            "--scale    | NaN         | --scale 'NaN' is not a number; allowed",
            "--scale    | 1e-400      | --scale '1e-400' is too small to tell from zero; allowed",
    })
    void aBadOptionValueIsOneLineNamingTheOptionTheValueWhyAndWhatIsAllowed(String option, String value,
                                                                            String expected) {
        assertThat(WatchSimCommand.execute("run", QUICKSTART, option, value)).isEqualTo(2);
        assertOneLineError("watchsim: " + expected);
        assertThat(streams.err()).contains("(e.g. " + option + " ");
        assertThat(streams.out()).as("nothing ran").isEmpty();
    }

    @Test
    void aBadValueIsFoundBeforeTheScenarioIsRead() {
        assertThat(WatchSimCommand.execute("run", dir.resolve("missing.conf").toString(), "--duration", "soon"))
                .isEqualTo(2);
        assertOneLineError("watchsim: --duration 'soon' is not a duration");
    }

    @Test
    void outPointingAtAFileIsOneLine() throws IOException {
        Path file = Files.writeString(dir.resolve("result.txt"), "x");
        assertThat(WatchSimCommand.execute("run", QUICKSTART, "--out", file.toString())).isEqualTo(2);
        assertOneLineError("watchsim: --out '" + file + "' is a file, not a folder; allowed a folder that exists or "
                + "can be made, where result.json is written (e.g. --out runs/faults)");
        assertThat(streams.out()).isEmpty();
        assertThat(file).hasContent("x");
    }

    @Test
    void outUnderAFileNamesTheFileInTheWay() throws IOException {
        Path file = Files.writeString(dir.resolve("not-a-folder"), "x");
        Path out = file.resolve("results");
        assertThat(WatchSimCommand.execute("run", QUICKSTART, "--out", out.toString())).isEqualTo(2);
        assertOneLineError("watchsim: --out '" + out + "' cannot be made: " + file + " is a file, not a folder; "
                + "allowed a folder");
    }

    @Test
    void aScenarioThatDoesNotExistIsOneLineSayingWhereItWasLookedFor() {
        Path missing = dir.resolve("missing.conf");
        assertThat(WatchSimCommand.execute("run", missing.toString())).isEqualTo(2);
        assertOneLineError("watchsim: scenario '" + missing + "' does not exist (looked for " + missing + "); allowed "
                + "a scenario file (.conf, see docs/SCENARIOS.md) or a kernel script (.wqs)");
    }

    @Test
    void aScenarioThatIsAFolderIsOneLineWithAScenarioItHolds() throws IOException {
        Files.writeString(dir.resolve("b.conf"), "duration = 1s\n");
        Files.writeString(dir.resolve("a.conf"), "duration = 1s\n");
        assertThat(WatchSimCommand.execute("run", dir.toString())).isEqualTo(2);
        assertOneLineError("watchsim: scenario '" + dir + "' is a folder; allowed a scenario file (.conf, see "
                + "docs/SCENARIOS.md) or a kernel script (.wqs) (e.g. " + dir.resolve("a.conf") + ")");
    }

    @Test
    void anUnknownOptionIsOneLineWithTheNearestOptionAndEveryOption() {
        assertThat(WatchSimCommand.execute("run", "--sead", "1")).isEqualTo(2);
        assertOneLineError("watchsim: Unknown option: '--sead'; did you mean --seed?; allowed options: --deterministic, "
                + "--duration, --help, --history, --out, --plant-bug, --replications, --sample-interval, --scale, --schedule-window, "
                + "--seed, --sweep, --version; see 'watchsim run --help'");
    }

    @Test
    void anArgumentTooManyIsOneLineWithTheUsage() {
        assertThat(WatchSimCommand.execute("run", "a.conf", "b.conf")).isEqualTo(2);
        assertOneLineError("watchsim: Unmatched argument at index 2: 'b.conf'; usage: watchsim run [-hV] "
                + "[--deterministic] [--duration=TIME] [--history=FILE] [--out=DIR] [--plant-bug=NAME] [--replications=N] [--sample-interval=TIME] [--scale=F] [--schedule-window=W] [--seed=N] [--sweep=KEY=V1,V2]... [SCENARIO]; see 'watchsim run --help'");
    }

    @ParameterizedTest(name = "run x.wqs {0}")
    @ValueSource(strings = {"--seed=3", "--duration=1s", "--scale=0.5", "--out=x", "--history=h.jsonl"})
    void aKernelScriptTakesNoneOfTheScenarioOptions(String option) throws IOException {
        Path script = Files.writeString(dir.resolve("s.wqs"), "queue q\n");
        assertThat(WatchSimCommand.execute("run", script.toString(), option)).isEqualTo(2);
        assertOneLineError("watchsim: " + option.substring(0, option.indexOf('=')) + " applies to a scenario (.conf), "
                + "not to a kernel script (.wqs) such as " + script + ", which runs as written");
        assertThat(streams.out()).as("the script did not run").isEmpty();
    }

    @Test
    void aDurationShorterThanTheScenarioTimesIsSaidAfterTheMistakes() throws IOException {
        Path conf = Files.writeString(dir.resolve("late.conf"), """
                duration = 10s
                world.groups.keys { count = 1 }
                queues.q { count = 1 }
                faults.f { at = 5s, action = close-queues, queues = q, share = 1 }
                """);
        assertThat(WatchSimCommand.execute("run", conf.toString(), "--duration", "2s")).isEqualTo(2);
        assertThat(streams.err().lines()).containsExactly(
                conf + ":4: faults.f.at: found 5s, expected a time from 0 to before the end of the run (2s)",
                "watchsim: " + conf + " was checked with --duration 2s in place of its own duration");
        assertThat(streams.out()).isEmpty();
    }

    @Test
    void seedDurationAndScaleChangeTheRun() throws IOException {
        Path out = dir.resolve("out");
        assertThat(WatchSimCommand.execute("run", QUICKSTART, "--seed", "7", "--duration", "300ms", "--scale", "0.1",
                "--out", out.toString())).as("stderr: %s", streams.err()).isZero();
        // quickstart at a tenth: 10 keys and their keyring, one queue
        assertThat(streams.out()).startsWith("scenario quickstart (seed 7): 11 objects, 1 queues, 10 watches built in ")
                .contains("result: " + out.resolve("result.json"));
        JsonNode result = JsonMapper.builder().build().readTree(out.resolve("result.json").toFile());
        assertThat(result.get("seed").asLong()).isEqualTo(7);
        assertThat(result.get("workloadSeconds").asDouble()).isGreaterThanOrEqualTo(0.3);
        assertThat(result.get("metrics").get("operations.intended").asDouble())
                .as("1k/s scaled to a tenth, 100 operations a second for 300 ms").isEqualTo(30);
        // quickstart keeps its history: the run ends by naming its report, then the history's fingerprint
        assertThat(streams.out()).as("the run ends by naming its report and the fingerprint").containsPattern(
                Pattern.quote("report: " + out.resolve("report.html")) + "\\R" + "fingerprint: [0-9a-f]{64}\\R$");
        assertThat(result.get("fingerprint").asText()).matches("[0-9a-f]{64}");
        assertThat(Files.readString(out.resolve("report.html"))).contains("\"scenario\":\"quickstart\"");
        assertThat(Files.readString(out.resolve("scenario.conf"))).contains("# seed 7").contains("seed=7")
                .contains("scaled by 0.1");
    }

    @Test
    void aBadSweepIsOneLineBeforeAnythingRuns() {
        assertThat(WatchSimCommand.execute("run", QUICKSTART, "--sweep", "queues.watchers.size=32,abc")).isEqualTo(2);
        assertThat(streams.err().strip()).startsWith("watchsim: --sweep queues.watchers.size=abc is refused (" + QUICKSTART
                + "): queues.watchers.size: found \"abc\", expected a whole number").doesNotContain("\n");
        streams.reset();
        assertThat(WatchSimCommand.execute("run", QUICKSTART, "--sweep", "queues.size=32")).isEqualTo(2);
        assertThat(streams.err().strip()).startsWith("watchsim: --sweep queues.size=32 is refused").doesNotContain("\n");
        streams.reset();
        assertThat(WatchSimCommand.execute("run", QUICKSTART, "--replications", "many")).isEqualTo(2);
        assertThat(streams.err().strip()).isEqualTo("watchsim: --replications 'many' is not a whole number; allowed a "
                + "whole number 1..1000 (e.g. --replications 3)");
        assertThat(streams.out()).isEmpty();
    }

    @Test
    void aBadSampleIntervalIsOneLine() {
        assertThat(WatchSimCommand.execute("run", QUICKSTART, "--sample-interval", "0.5ms")).isEqualTo(2);
        assertThat(streams.err().strip()).isEqualTo("watchsim: --sample-interval '0.5ms' is below 1ms; allowed a "
                + "duration of 1ms..1h with a unit ns, us, ms, s, m or h (e.g. --sample-interval 250ms)");
    }

    @Test
    void aRunWritesItsHistoryAndCheckChecksItAgain() throws IOException {
        Path history = dir.resolve("new-folder/h.jsonl.gz");
        assertThat(WatchSimCommand.execute("run", QUICKSTART, "--duration", "300ms", "--scale", "0.1",
                "--out", dir.resolve("out").toString(), "--history", history.toString())).as("stderr: %s", streams.err())
                .isZero();
        assertThat(streams.out()).contains("history: " + history).contains("  ordering      held");
        assertThat(history).isRegularFile();
        // the fingerprint, printed last and kept in result.json, is SHA-256 over the history's lines
        byte[] lines;
        try (java.io.InputStream in = new java.util.zip.GZIPInputStream(java.nio.file.Files.newInputStream(history))) {
            lines = in.readAllBytes();
        }
        String sha;
        try {
            sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(lines));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
        List<String> out = streams.out().lines().toList();
        assertThat(out.get(out.size() - 1)).isEqualTo("fingerprint: " + sha);
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(dir.resolve("out/result.json").toFile())
                .path("fingerprint").asText()).isEqualTo(sha);
        streams.reset();
        assertThat(WatchSimCommand.execute("check", history.toString())).as("stderr: %s", streams.err()).isZero();
        assertThat(streams.out()).contains("  conservation  held").contains("  security      held");
    }

    @Test
    void aHistoryThatIsAFolderIsOneLine() {
        assertThat(WatchSimCommand.execute("run", QUICKSTART, "--history", dir.toString())).isEqualTo(2);
        assertOneLineError("watchsim: --history '" + dir + "' is a folder; allowed a file path");
        assertThat(streams.out()).isEmpty();
    }

    @Test
    void checkOnAFileThatIsNoHistoryIsOneLineWithItsLine() throws IOException {
        Path file = Files.writeString(dir.resolve("h.jsonl"), "{\"e\":\"watchsim-history\",\"version\":1}\n"
                + "{\"e\":\"fate\",\"queue\":\"one\"}\n");
        assertThat(WatchSimCommand.execute("check", file.toString())).isEqualTo(2);
        assertOneLineError("watchsim: " + file + ":2: queue: found \"one\", expected a whole number");
        Path other = Files.writeString(dir.resolve("notes.txt"), "hello\n");
        streams.reset();
        assertThat(WatchSimCommand.execute("check", other.toString())).isEqualTo(2);
        assertOneLineError("watchsim: " + other + ":1: not a WatchSim history");
    }

    @ParameterizedTest(name = "watchsim {0} --help")
    @ValueSource(strings = {"run", "validate"})
    void theHelpGivesEveryOptionWhatItAllowsAndAnExample(String command) {
        assertThat(WatchSimCommand.execute(command, "--help")).isZero();
        // picocli wraps lines at spaces and after dots: compared without white space
        String help = streams.out().replaceAll("\\s+", "");
        CommandSpec spec = new CommandLine(new WatchSimCommand()).getSubcommands().get(command).getCommandSpec();
        List<ArgSpec> args = new ArrayList<>(spec.positionalParameters());
        spec.options().stream().filter(o -> !o.usageHelp() && !o.versionHelp()).forEach(args::add);
        assertThat(args).isNotEmpty();
        for (ArgSpec a : args) {
            String name = a instanceof OptionSpec o ? o.longestName() : a.paramLabel();
            String description = String.join(" ", a.description());
            assertThat(description).as(name).containsPattern("Example: \\S");
            assertThat(help).as(name).contains(name).contains(description.replace("${DEFAULT-VALUE}",
                    String.valueOf(a.defaultValue())).replaceAll("\\s+", ""));
        }
        assertThat(help).contains("Example:watchsim" + command).doesNotContain("null");
    }

    @Test
    void everyExampleInRunsHelpIsAccepted() {
        CommandSpec spec = new CommandLine(new WatchSimCommand()).getSubcommands().get("run").getCommandSpec();
        Pattern example = Pattern.compile("Example: (--[a-z-]+)(?: (\\S+))?$");
        int checked = 0;
        for (OptionSpec o : spec.options()) {
            if (o.usageHelp() || o.versionHelp()) {
                continue;
            }
            Matcher m = example.matcher(String.join(" ", o.description()));
            assertThat(m.find()).as("%s has an example of itself", o.longestName()).isTrue();
            assertThat(m.group(1)).isEqualTo(o.longestName());
            switch (o.longestName()) {
                case "--seed" -> RunOptions.seed(m.group(2));
                case "--duration" -> RunOptions.duration(m.group(2));
                case "--scale" -> RunOptions.scale(m.group(2));
                case "--sample-interval" -> RunOptions.sampleInterval(m.group(2));
                case "--sweep" -> assertThat(SweepRun.axes(List.of(m.group(2)))).hasSize(1);
                case "--replications" -> SweepRun.replications(m.group(2));
                case "--out", "--history" -> assertThat(Path.of(m.group(2))).isRelative();
                case "--deterministic" -> assertThat(m.group(2)).as("a flag takes no value").isNull();
                case "--schedule-window" -> ScheduleOptions.parseWindow(m.group(2));
                case "--plant-bug" -> PlantBugOption.parse(m.group(2));
                default -> throw new AssertionError("an option this test does not know: " + o.longestName());
            }
            checked++;
        }
        assertThat(checked).isEqualTo(11);
        String scenario = String.join(" ", spec.positionalParameters().get(0).description());
        Matcher m = Pattern.compile("Example: (\\S+)$").matcher(scenario);
        assertThat(m.find()).isTrue();
        assertThat(PROJECT.resolve(m.group(1))).isRegularFile();
    }

    @Test
    void validateKeysTakesNoScenario() {
        assertThat(WatchSimCommand.execute("validate", "--keys", QUICKSTART)).isEqualTo(2);
        assertOneLineError("watchsim: --keys takes no SCENARIO, found 1 (" + QUICKSTART + ")");
        assertThat(streams.out()).isEmpty();
    }

    @Test
    void validateOnAFolderSaysItIsAFolder() {
        assertThat(WatchSimCommand.execute("validate", dir.toString())).isEqualTo(2);
        assertThat(streams.err()).isEqualTo(dir + ": found a folder, expected a scenario file (HOCON, .conf)\n");
    }

    private void assertOneLineError(String prefix) {
        String e = streams.err();
        assertThat(e).startsWith(prefix).endsWith("\n");
        assertThat(e.strip()).as("one line, no stack trace").doesNotContain("\n");
        assertThat(e).doesNotContain("Exception").doesNotContain("\tat ");
    }
}
