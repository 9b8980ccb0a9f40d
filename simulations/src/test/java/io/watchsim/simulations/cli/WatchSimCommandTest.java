package io.watchsim.simulations.cli;

import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
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
    private static final Path QUICKSTART = PROJECT.resolve(RunCommand.DEFAULT_SCENARIO);

    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private PrintStream savedOut;
    private PrintStream savedErr;

    @BeforeEach
    void capture() {
        savedOut = System.out;
        savedErr = System.err;
        System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(savedOut);
        System.setErr(savedErr);
    }

    private String out() {
        System.out.flush();
        return stdout.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        System.err.flush();
        return stderr.toString(StandardCharsets.UTF_8);
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
    void runWithABadScenarioIsOneLineAndExitTwo(@TempDir Path dir) throws IOException {
        Path script = dir.resolve("bad.wqs");
        Files.writeString(script, "queue q\nread r\n");
        assertThat(WatchSimCommand.execute("run", script.toString())).isEqualTo(2);
        assertOneLineError("watchsim: " + script + ":2: 'r' is not a queue or pipe");
    }

    @Test
    void runRefusesAScenarioThatIsNotAKernelScript(@TempDir Path dir) throws IOException {
        Path conf = Files.writeString(dir.resolve("scenario.conf"), "watchsim {}\n");
        assertThat(WatchSimCommand.execute("run", conf.toString())).isEqualTo(2);
        assertOneLineError("watchsim: scenario '" + conf + "' is not a kernel script (.wqs)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--latency-queue=600", "--threads=-1", "--fanout=0", "--latency=-1", "--world=5",
            "--key-world=0,1", "--burst=200", "--gc=-1"})
    void aBadBenchArgumentIsOneLineAndExitTwoBeforeAnythingRuns(String argument) {
        assertThat(WatchSimCommand.execute("bench", argument)).isEqualTo(2);
        assertOneLineError("watchsim: ");
        assertThat(err()).contains(argument.substring(0, argument.indexOf('=')).replace("--burst", "burst"));
        assertThat(out()).as("no machine line: nothing ran").isEmpty();
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
    void runOfTheQuickstartScenario() {
        assertThat(QUICKSTART).isRegularFile();
        assertThat(WatchSimCommand.execute("run", "../" + RunCommand.DEFAULT_SCENARIO)).isZero();
        String run = out();
        assertThat(run).startsWith("## a queue of 32 notes").endsWith("\nend\n")
                .contains("> setsize q 1\n  = 0\n")
                .contains("type=0(META) subtype=1(loss)");
        assertThat(err()).isEmpty();

        stdout.reset();
        assertThat(WatchSimCommand.execute("script", QUICKSTART.toString())).isZero();
        assertThat(out()).as("run and script print the same for a kernel script").isEqualTo(run);
    }

    /**
     * {@code watchsim run} without an argument, as a user types it: a fresh JVM, since the default
     * scenario is found through the working directory or WATCHSIM_HOME, which a test cannot change
     * in its own JVM.
     */
    @Test
    void runWithoutAnArgumentRunsTheDefaultScenario(@TempDir Path elsewhere) throws Exception {
        Child fromRoot = runChild(PROJECT, null);
        assertThat(fromRoot.exit).as("exit code; stderr:\n%s", fromRoot.err).isZero();
        assertThat(fromRoot.out).startsWith("## a queue of 32 notes").endsWith("\nend\n");

        Child viaHome = runChild(elsewhere, PROJECT);
        assertThat(viaHome.exit).as("exit code; stderr:\n%s", viaHome.err).isZero();
        assertThat(viaHome.out).isEqualTo(fromRoot.out);

        Child lost = runChild(elsewhere, null);
        assertThat(lost.exit).isEqualTo(2);
        assertThat(lost.err.strip()).startsWith("watchsim: script file '" + RunCommand.DEFAULT_SCENARIO + "' does not exist")
                .doesNotContain("\n");
    }

    private record Child(int exit, String out, String err) {
    }

    private static Child runChild(Path workingDir, Path watchsimHome) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                WatchSimCommand.class.getName(), "run"));
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
