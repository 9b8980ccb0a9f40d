package io.watchsim.simulations.cli;

import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code watchsim} command line through {@link WatchSimCommand#execute}, with System.out and
 * System.err captured: help, exit codes, one-line user errors, and the run and script jobs.
 * Tests run with the module folder as the working directory; the project root is its parent.
 */
@ExtendWith(LogCapturingExtension.class)
class WatchSimCommandTest {
    private static final Path PROJECT = Path.of("").toAbsolutePath().getParent();
    private static final Path QUICKSTART = PROJECT.resolve("scenarios/quickstart.wqs");

    @RegisterExtension
    final CapturedStreams streams = new CapturedStreams();

    private String out() {
        return streams.out();
    }

    private String err() {
        return streams.err();
    }

    @Test
    void helpListsTheSubcommands() {
        assertThat(WatchSimCommand.execute("--help")).isZero();
        assertThat(out()).contains("Usage: watchsim").containsPattern("(?m)^\\s+run\\s+Runs a scenario")
                .containsPattern("(?m)^\\s+script\\s+Runs a kernel script");
        assertThat(err()).isEmpty();
    }

    @Test
    void policyChecksTheBundledPolicyFilesAndStacksThem() {
        assertThat(WatchSimCommand.execute("policy", PROJECT.resolve("scenarios/policies/lab.smack").toString(),
                PROJECT.resolve("scenarios/policies/keys.te").toString(), "--selinux-mode", "STRICT")).isZero();
        assertThat(out()).startsWith("policy ok: smack+selinux").contains("smack, 2 rules")
                .contains("selinux (strict), 3 allow rules");
    }

    @Test
    void aMistakeInAPolicyFileIsOneLineWithFileLineAndColumn(@TempDir Path dir) throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.te"), "type a_t;\nallow a_t b_t:key { view fly };\n");
        assertThat(WatchSimCommand.execute("policy", bad.toString())).isEqualTo(2);
        assertThat(err().strip()).startsWith("watchsim: " + bad + ":2:").contains("fly").doesNotContain("\n")
                .doesNotContain("Exception");
    }

    @Test
    void noArgumentsPrintsTheUsage() {
        assertThat(WatchSimCommand.execute()).isZero();
        assertThat(out()).contains("Usage: watchsim").contains("run").contains("script");
    }

    @ParameterizedTest(name = "watchsim {0} --help")
    @ValueSource(strings = {"run", "script", "policy", "keyctl", "bench"})
    void eachSubcommandHasHelp(String sub) {
        assertThat(WatchSimCommand.execute(sub, "--help")).isZero();
        assertThat(out()).startsWith("Usage: watchsim " + sub);
        assertThat(err()).isEmpty();
    }

    @Test
    void helpSubcommand() {
        assertThat(WatchSimCommand.execute("help", "script")).isZero();
        assertThat(out()).startsWith("Usage: watchsim script").contains("FILE");
    }

    @Test
    void version() {
        assertThat(WatchSimCommand.execute("--version")).isZero();
        assertThat(out()).startsWith("watchsim ");
    }

    @ParameterizedTest(name = "watchsim {0} {1}")
    @CsvSource({"run,-V", "run,--version", "script,-V", "script,--version", "policy,-V", "policy,--version",
            "keyctl,-V", "keyctl,--version", "bench,-V", "bench,--version"})
    void everySubcommandPrintsTheVersion(String sub, String flag) {
        assertThat(WatchSimCommand.execute("--version")).isZero();
        String version = out();
        streams.reset();
        assertThat(WatchSimCommand.execute(sub, flag)).isZero();
        assertThat(out()).isEqualTo(version).startsWith("watchsim ");
        assertThat(err()).isEmpty();
    }

    @ParameterizedTest(name = "--selinux-mode {0}")
    @ValueSource(strings = {"strict", "Strict", "STRICT"})
    void enumValuesAreAcceptedInAnyCase(String mode) {
        assertThat(WatchSimCommand.execute("policy", PROJECT.resolve("scenarios/policies/keys.te").toString(),
                "--selinux-mode", mode)).isZero();
        assertThat(out()).contains("selinux (strict)");
    }

    @Test
    void theHelpListsTheCanonicalEnumNames() {
        assertThat(WatchSimCommand.execute("policy", "--help")).isZero();
        assertThat(out()).contains("STRICT").contains("EXTENDED");
    }

    @Test
    void aBadEnumValueIsOneLineNamingTheAllowedValues() {
        assertThat(WatchSimCommand.execute("policy", "x.te", "--selinux-mode", "lax")).isEqualTo(2);
        assertOneLineError("watchsim: Invalid value for option '--selinux-mode'");
        assertThat(err()).contains("lax").contains("STRICT").contains("EXTENDED").contains("'watchsim policy --help'");
    }

    @ParameterizedTest(name = "watchsim {0}")
    @ValueSource(strings = {"script", "bench --rounds abc", "bench --frobnicate", "policy", "run a b"})
    void aCommandLinePicocliCannotParseIsOneLineAndExitTwo(String line) {
        assertThat(WatchSimCommand.execute(line.split(" "))).isEqualTo(2);
        String sub = line.split(" ")[0];
        assertOneLineError("watchsim: ");
        assertThat(err()).contains("see 'watchsim " + sub + " --help'");
        assertThat(out()).isEmpty();
    }

    @Test
    void helpOnAnUnknownSubcommandIsOneLine() {
        assertThat(WatchSimCommand.execute("help", "frob")).isEqualTo(2);
        assertOneLineError("watchsim: Unknown subcommand 'frob'; see 'watchsim --help'");
    }

    @Test
    void anUnknownSubcommandIsAUsageError() {
        assertThat(WatchSimCommand.execute("frobnicate")).isEqualTo(2);
        assertThat(err()).contains("frobnicate");
        assertThat(out()).isEmpty();
    }

    @Test
    void scriptOnAMissingFileIsOneLineAndExitTwo(@TempDir Path dir) {
        Path missing = dir.resolve("missing.wqs");
        assertThat(WatchSimCommand.execute("script", missing.toString())).isEqualTo(2);
        assertOneLineError("watchsim: script file '" + missing + "' does not exist or is not a regular file");
        assertThat(out()).isEmpty();
    }

    @Test
    void scriptOnAFolderIsOneLineAndExitTwo(@TempDir Path dir) {
        assertThat(WatchSimCommand.execute("script", dir.toString())).isEqualTo(2);
        assertOneLineError("watchsim: script file '" + dir + "'");
    }

    @Test
    void aBadLineGivesFileAndLineAndExitTwo(@TempDir Path dir) throws IOException {
        Path script = dir.resolve("bad.wqs");
        Files.writeString(script, "# a script with a mistake on line 4\nqueue q\nsetsize q 1\nsetsize q many\n");
        assertThat(WatchSimCommand.execute("script", script.toString())).isEqualTo(2);
        assertOneLineError("watchsim: " + script + ":4: N 'many' is not a number; expected decimal, 0x hex");
        assertThat(out()).as("nothing runs when a line is bad").isEmpty();
    }

    @Test
    void scriptDashReadsStandardInputNamedStdin() {
        InputStream saved = System.in;
        try {
            System.setIn(new ByteArrayInputStream("echo from stdin\nqueue q\n".getBytes(StandardCharsets.UTF_8)));
            assertThat(WatchSimCommand.execute("script", "-")).isZero();
            assertThat(out()).isEqualTo("## from stdin\n> queue q\n  = 0 (rfd=3 wfd=4)\nend\n");

            streams.reset();
            System.setIn(new ByteArrayInputStream("queue q\nsetsize q many\n".getBytes(StandardCharsets.UTF_8)));
            assertThat(WatchSimCommand.execute("script", "-")).isEqualTo(2);
            assertOneLineError("watchsim: <stdin>:2: N 'many' is not a number");
            assertThat(out()).isEmpty();
        } finally {
            System.setIn(saved);
        }
    }

    @Test
    void aBinaryScriptIsOneLineSayingItIsNotText(@TempDir Path dir) throws IOException {
        Path script = Files.write(dir.resolve("a.out"), new byte[] {0x7F, 'E', 'L', 'F', 2, 1, 1, 0, (byte) 0xFF});
        assertThat(WatchSimCommand.execute("script", script.toString())).isEqualTo(2);
        assertOneLineError("watchsim: " + script + ":1: the script is not text: ");
        assertThat(err()).contains("expected a UTF-8 text file");
        assertThat(out()).isEmpty();
    }

    @Test
    void aScriptWithAByteOrderMarkRuns(@TempDir Path dir) throws IOException {
        Path script = Files.writeString(dir.resolve("bom.wqs"), "\uFEFFqueue q\n");
        assertThat(WatchSimCommand.execute("script", script.toString())).isZero();
        assertThat(out()).isEqualTo("> queue q\n  = 0 (rfd=3 wfd=4)\nend\n");
        assertThat(err()).isEmpty();
    }

    @Test
    void aMissingPolicyFileIsOneLineNamingIt(@TempDir Path dir) {
        Path missing = dir.resolve("missing.te");
        assertThat(WatchSimCommand.execute("policy", missing.toString())).isEqualTo(2);
        assertOneLineError("watchsim: policy file '" + missing + "' does not exist or is not a regular file; "
                + "expected a Smack rule file (.smack) or a type-enforcement file (.te)");
    }

    @Test
    void aPolicyWithAnUndeclaredTypeIsRefused(@TempDir Path dir) throws IOException {
        Path te = Files.writeString(dir.resolve("u.te"), "type a;\nallow a b:key view;\n");
        assertThat(WatchSimCommand.execute("policy", te.toString())).isEqualTo(2);
        assertOneLineError("watchsim: " + te + ":2:9: unknown type \"b\"");
        assertThat(out()).isEmpty();
    }

    @Test
    void keyctlPrintsResultsOnStdoutAndItsErrorsOnStderrWithItsExitCodes() {
        assertThat(WatchSimCommand.execute("keyctl", "rdescribe", "-3")).isZero();
        assertThat(out()).as("-3 is the session keyring").isEqualTo("keyring;0;0;3f030000;_ses\n");
        assertThat(err()).isEmpty();
        streams.reset();
        assertThat(WatchSimCommand.execute("keyctl", "describe", "99")).isEqualTo(1);
        assertThat(out()).isEmpty();
        assertThat(err()).isEqualTo("keyctl_describe_alloc: Required key not available\n");
        streams.reset();
        assertThat(WatchSimCommand.execute("keyctl", "timeout", "@s", "0x10")).isEqualTo(2);
        assertThat(out()).isEmpty();
        assertThat(err()).isEqualTo("Unparsable timeout: '0x10'\n");
    }

    @Test
    void runWithABadScenarioIsOneLineAndExitTwo(@TempDir Path dir) throws IOException {
        Path script = dir.resolve("bad.wqs");
        Files.writeString(script, "queue q\nread r\n");
        assertThat(WatchSimCommand.execute("run", script.toString())).isEqualTo(2);
        assertOneLineError("watchsim: " + script + ":2: 'r' is not a queue or pipe");
    }

    @Test
    void runIntoAnOutputFolderThatCannotBeMadeIsOneLineAndRunsNothing(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("not-a-folder"), "x");
        Path out = file.resolve("results");
        assertThat(WatchSimCommand.execute("run", PROJECT.resolve("scenarios/quickstart.conf").toString(),
                "--out", out.toString())).isEqualTo(2);
        assertOneLineError("watchsim: --out '" + out + "' cannot be made: " + file + " is a file, not a folder");
        assertThat(out()).as("nothing ran").isEmpty();
    }

    @Test
    void runOfABrokenScenarioListsEveryMistakeAndExitsTwo(@TempDir Path dir) throws IOException {
        Path conf = Files.writeString(dir.resolve("scenario.conf"), "name = broken\nduration = forever\nsed = 1\n");
        assertThat(WatchSimCommand.execute("run", conf.toString())).isEqualTo(2);
        assertThat(err()).contains(conf + ":2: duration: found \"forever\"").contains(conf + ":3: sed:")
                .contains("did you mean seed?");
        assertThat(out()).as("nothing runs").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"--latency-queue=600", "--latency-queue=0", "--threads=-1", "--threads=32768",
            "--fanout=0", "--latency=-1", "--latency-trial=0", "--latency-steps=-1", "--world=5",
            "--world=1,0", "--world=3000000000,1", "--key-world=0,1", "--key-world=1,2,3", "--burst=200", "--burst=0",
            "--burst=3", "--window=0", "--window=257", "--rounds=0", "--warmup=-1", "--deliveries=0", "--deliveries=-5",
            "--memory=-1", "--memory=3000000000", "--gc=-1", "--runner-window=0", "--runner-window=33"})
    void aBadBenchArgumentIsOneLineAndExitTwoBeforeAnythingRuns(String argument) {
        assertThat(WatchSimCommand.execute("bench", argument)).isEqualTo(2);
        String option = argument.substring(0, argument.indexOf('='));
        String value = argument.substring(argument.indexOf('=') + 1);
        assertOneLineError("watchsim: " + option + " " + value + " ");
        assertThat(out()).as("no machine line: nothing ran").isEmpty();
    }

    @Test
    void aBadFanoutInAListIsNamed() {
        assertThat(WatchSimCommand.execute("bench", "--fanout=10,-3")).isEqualTo(2);
        assertOneLineError("watchsim: --fanout -3 is out of range; allowed 1 or more");
    }

    @Test
    void aBadBurstInAListIsNamed() {
        assertThat(WatchSimCommand.execute("bench", "--burst=1,0")).isEqualTo(2);
        assertOneLineError("watchsim: --burst 0 is out of range; allowed 1 or more");
    }

    @Test
    void theWindowCountsRecordsInFlightPerQueue() {
        assertThat(WatchSimCommand.execute("bench", "--window=65536")).isEqualTo(2);
        assertOneLineError("watchsim: --window 65536 is out of range; allowed 1..256 records in flight per queue");
        assertThat(out()).isEmpty();
    }

    @Test
    void everyBurstMustDivideTheWindow() {
        // the window was once counted in bursts: --burst 64 --window 2 now names both and says what is allowed
        assertThat(WatchSimCommand.execute("bench", "--burst=1,64", "--window=2")).isEqualTo(2);
        assertOneLineError("watchsim: --burst 64 does not divide --window 2 (records in flight per queue); allowed a "
                + "burst that divides the window, e.g. --burst 64 --window 128");
        assertThat(out()).isEmpty();
    }

    @Test
    void skipThroughputAloneLeavesNothingToMeasure() {
        assertThat(WatchSimCommand.execute("bench", "--skip-throughput")).isEqualTo(2);
        assertOneLineError("watchsim: --skip-throughput leaves nothing to measure");
        assertThat(out()).isEmpty();
    }

    @Test
    void scriptPrintsTheOutputOfAGoodScript(@TempDir Path dir) throws IOException {
        Path script = dir.resolve("ok.wqs");
        Files.writeString(script, "echo hello\nqueue q\nsetsize q 1\npost q 1 1 5 7 0\nfionread q\n");
        assertThat(WatchSimCommand.execute("script", script.toString())).isZero();
        assertThat(out()).isEqualTo("## hello\n> queue q\n  = 0 (rfd=3 wfd=4)\n> setsize q 1\n  = 0\n"
                + "> post q 1 1 5 7 0\n  = 0\n> fionread q\n  = 0 value=16\nend\n");
        assertThat(err()).isEmpty();
    }

    @Test
    void runOfAKernelScriptIsTheScriptsOutput() {
        assertThat(QUICKSTART).isRegularFile();
        assertThat(WatchSimCommand.execute("run", QUICKSTART.toString())).isZero();
        String run = out();
        assertThat(run).startsWith("## a queue of 32 notes").endsWith("\nend\n")
                .contains("> setsize q 1\n  = 0\n")
                .contains("type=0(META) subtype=1(loss)");
        assertThat(err()).isEmpty();

        streams.reset();
        assertThat(WatchSimCommand.execute("script", QUICKSTART.toString())).isZero();
        assertThat(out()).as("run and script print the same for a kernel script").isEqualTo(run);
    }

    /**
     * {@code watchsim run} without an argument, as a user types it: a fresh JVM, since the default
     * scenario is found through the working directory or WATCHSIM_HOME, which a test cannot change
     * in its own JVM. The run must reach a verdict (exit 0 or 1), not necessarily pass: a cold JVM's
     * first second on a busy machine can starve the readers long enough to overflow a queue, which
     * the verdict then reports rightly; that the shipped quickstart passes is ShippedScenariosRunTest's.
     */
    @Test
    void runWithoutAScenarioRunsTheDefaultScenario(@TempDir Path elsewhere) throws Exception {
        Child fromRoot = runChild(PROJECT, null, List.of(), "run", "--duration", "1s", "--scale", "0.5", "--out",
                elsewhere.resolve("root").toString());
        assertThat(fromRoot.exit).as("exit code; stderr:\n%s\nstdout:\n%s", fromRoot.err, fromRoot.out).isIn(0, 1);
        assertThat(fromRoot.out).startsWith("scenario quickstart (seed 1)").containsPattern("verdict: (passed|FAILED)\n");
        assertThat(elsewhere.resolve("root").resolve("result.json")).isRegularFile();

        Child viaHome = runChild(elsewhere, PROJECT, List.of(), "run", "--duration", "1s", "--scale", "0.5", "--out",
                elsewhere.resolve("home").toString());
        assertThat(viaHome.exit).as("exit code; stderr:\n%s\nstdout:\n%s", viaHome.err, viaHome.out).isIn(0, 1);
        assertThat(viaHome.out).startsWith("scenario quickstart (seed 1)");

        Child lost = runChild(elsewhere, null);
        assertThat(lost.exit).isEqualTo(2);
        assertThat(lost.err.strip()).startsWith("watchsim: scenario '" + RunCommand.DEFAULT_SCENARIO + "' does not exist")
                .doesNotContain("\n");
    }

    /**
     * Pekko prints its own diagnostics with a basic logger while the actor system starts and after
     * its loggers have stopped (where a CoordinatedShutdown timeout lands); at DEBUG it prints
     * several lines there on every run. They must reach stderr, never stdout among the results.
     */
    @Test
    void aScriptsStdoutHoldsOnlyTheScriptsOutput(@TempDir Path dir) throws Exception {
        Path script = Files.writeString(dir.resolve("ok.wqs"), "echo hello\nqueue q\n");
        Child child = runChild(dir, null, List.of("-Dpekko.stdout-loglevel=DEBUG", "-Dpekko.loglevel=DEBUG"),
                "script", script.toString());
        assertThat(child.exit).as("exit code; stderr:\n%s", child.err).isZero();
        assertThat(child.out).isEqualTo("## hello\n> queue q\n  = 0 (rfd=3 wfd=4)\nend\n");
        assertThat(child.err).as("Pekko's basic logger ran at start and after its loggers stopped")
                .contains("StandardOutLogger started").contains("all default loggers stopped");
    }

    record Child(int exit, String out, String err) {
    }

    private static Child runChild(Path workingDir, Path watchsimHome) throws Exception {
        return runChild(workingDir, watchsimHome, List.of(), "run");
    }

    static Child runChild(Path workingDir, Path watchsimHome, List<String> jvmOptions, String... args)
            throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), WatchSimCommand.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(workingDir.toFile());
        pb.environment().remove("WATCHSIM_HOME");
        if (watchsimHome != null) {
            pb.environment().put("WATCHSIM_HOME", watchsimHome.toString());
        }
        File outFile = Files.createTempFile("watchsim-out", ".txt").toFile();
        File errFile = Files.createTempFile("watchsim-err", ".txt").toFile();
        pb.redirectOutput(outFile).redirectError(errFile);
        Process p = pb.start();
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                throw new AssertionError("watchsim run did not finish within 120 s");
            }
            return new Child(p.exitValue(), Files.readString(outFile.toPath()), Files.readString(errFile.toPath()));
        } finally {
            p.destroyForcibly();
            outFile.delete();
            errFile.delete();
        }
    }

    private void assertOneLineError(String prefix) {
        String e = err();
        assertThat(e).startsWith(prefix).endsWith("\n");
        assertThat(e.strip()).as("one line, no stack trace").doesNotContain("\n");
        assertThat(e).doesNotContain("Exception").doesNotContain("\tat ");
    }
}
