package io.watchsim.simulations.script;

import com.typesafe.config.ConfigFactory;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.typed.ActorSystem;
import io.watchsim.actors.Kernel;
import io.watchsim.actors.KernelSettings;
import io.watchsim.actors.sim.SimSettings;
import io.watchsim.actors.sim.SimSystems;
import io.watchsim.sources.mounts.V5Bugs;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Golden tests of the kernel script runner: every {@code scripts/NAME.wqs} on the test class path
 * is run through {@link ScriptRunner} and its output must equal {@code scripts/NAME.out} exactly.
 *
 * <p>The {@code .out} files were derived by hand from {@code docs/SCRIPT-LANGUAGE.md},
 * {@code docs/KERNEL-BEHAVIOUR.md} and facts checked against the kernel source; they are the
 * contract with real Linux, not a snapshot of what the tool happened to print. Never regenerate
 * them from the tool's output. On a mismatch the actual output is also written to
 * {@code target/golden-actual/NAME.out} for a side-by-side diff.
 *
 * <p>A script whose name ends in {@value #V5_BUGS_SUFFIX} runs as {@code watchsim script --v5-bugs}
 * runs it: reproducing the ver #5 bugs of the mount and superblock code.
 */
@ExtendWith(LogCapturingExtension.class)
class ScriptGoldenTest {
    private static final int MIN_SCRIPTS = 5;
    private static final int CONTEXT_LINES = 4;
    static final String V5_BUGS_SUFFIX = "-v5bugs";

    private static ActorSystem<Void> system;
    private static int kernels;

    @BeforeAll
    static void startSystem() {
        system = ActorSystem.create(Behaviors.empty(), "ScriptGoldenTest",
                ConfigFactory.parseString("pekko.log-dead-letters-during-shutdown = off")
                        .withFallback(ConfigFactory.load()));
    }

    @AfterAll
    static void stopSystem() {
        ActorTestKit.shutdown(system);
    }

    static Path scriptsDir() {
        URL url = ScriptGoldenTest.class.getResource("/scripts");
        if (url == null) {
            throw new AssertionError("no scripts/ folder on the test class path (src/test/resources/scripts)");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    static List<String> scripts() throws IOException {
        try (Stream<Path> files = Files.list(scriptsDir())) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".wqs"))
                    .map(n -> n.substring(0, n.length() - ".wqs".length()))
                    .sorted()
                    .collect(Collectors.toList());
        }
    }

    @Test
    void theGoldenScriptsAreThere() throws IOException {
        List<String> names = scripts();
        assertThat(names).as("golden scripts under %s", scriptsDir()).hasSizeGreaterThanOrEqualTo(MIN_SCRIPTS);
        for (String name : names) {
            assertThat(scriptsDir().resolve(name + ".out")).as("expected output of %s.wqs", name).isRegularFile();
            String first = Files.readString(scriptsDir().resolve(name + ".wqs"), StandardCharsets.UTF_8).lines()
                    .findFirst().orElse("");
            assertThat(first).as("first line of %s.wqs says what the script checks", name).startsWith("# ");
        }
    }

    @ParameterizedTest(name = "{0}.wqs")
    @MethodSource("scripts")
    void scriptPrintsItsGoldenOutput(String name) throws IOException {
        Path dir = scriptsDir();
        String text = Files.readString(dir.resolve(name + ".wqs"), StandardCharsets.UTF_8);
        String expected = Files.readString(dir.resolve(name + ".out"), StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder();
        Kernel kernel = Kernel.start(system, "kernel-" + (++kernels), KernelSettings.DEFAULT.withHosts(2));
        try {
            new ScriptRunner(kernel, ScriptRunner.DEFAULT_NOFILE,
                    name.endsWith(V5_BUGS_SUFFIX) ? V5Bugs.all() : V5Bugs.none()).run(name + ".wqs", text, out);
        } finally {
            kernel.stop();
        }
        String actual = out.toString();
        if (!actual.equals(expected)) {
            Path saved = Path.of("target", "golden-actual", name + ".out");
            Files.createDirectories(saved.getParent());
            Files.writeString(saved, actual, StandardCharsets.UTF_8);
            fail(name + ".wqs: the output differs from " + name + ".out (actual output saved to "
                    + saved.toAbsolutePath() + ")\n" + diff(expected, actual));
        }
    }

    static Stream<org.junit.jupiter.params.provider.Arguments> scriptsAndSeeds() throws IOException {
        return scripts().stream().flatMap(n -> Stream.of(1L, 2L, 3L)
                .map(seed -> org.junit.jupiter.params.provider.Arguments.of(n, seed)));
    }

    /**
     * The same output in deterministic mode ({@code watchsim script --deterministic --seed N}), under three
     * seeds: the whole kernel on one thread, in the seed's order, on the virtual clock.
     */
    @ParameterizedTest(name = "{0}.wqs, deterministic, seed {1}")
    @MethodSource("scriptsAndSeeds")
    void scriptPrintsItsGoldenOutputDeterministically(String name, long seed) throws IOException {
        Path dir = scriptsDir();
        String text = Files.readString(dir.resolve(name + ".wqs"), StandardCharsets.UTF_8);
        String expected = Files.readString(dir.resolve(name + ".out"), StandardCharsets.UTF_8);
        String actual = SimSystems.run(SimSettings.of(seed), "deterministic", ConfigFactory.load(), (loop, sys) -> {
            StringBuilder out = new StringBuilder();
            Kernel kernel = Kernel.start(sys, "kernel", KernelSettings.DEFAULT.withHosts(2).withClock(loop));
            new ScriptRunner(kernel, ScriptRunner.DEFAULT_NOFILE,
                    name.endsWith(V5_BUGS_SUFFIX) ? V5Bugs.all() : V5Bugs.none()).run(name + ".wqs", text, out);
            return out.toString();
        });
        if (!actual.equals(expected)) {
            fail(name + ".wqs, deterministic, seed " + seed + ": the output differs from " + name + ".out\n"
                    + diff(expected, actual));
        }
    }

    /**
     * The line counts and a window from a few lines before the first difference: lines that
     * agree print as context, others as {@code -} (expected) and {@code +} (actual).
     */
    static String diff(String expected, String actual) {
        List<String> e = expected.lines().collect(Collectors.toList());
        List<String> a = actual.lines().collect(Collectors.toList());
        int first = 0;
        while (first < e.size() && first < a.size() && e.get(first).equals(a.get(first))) {
            first++;
        }
        StringBuilder sb = new StringBuilder();
        sb.append("expected ").append(e.size()).append(" lines, got ").append(a.size())
                .append("; first difference at line ").append(first + 1).append('\n');
        int from = Math.max(0, first - CONTEXT_LINES);
        int to = Math.max(e.size(), a.size());
        int shown = 0;
        for (int i = from; i < to && shown < 3 * CONTEXT_LINES; i++) {
            String want = i < e.size() ? e.get(i) : null;
            String got = i < a.size() ? a.get(i) : null;
            if (want != null && want.equals(got)) {
                sb.append(String.format("   %5d  %s%n", i + 1, want));
            } else {
                if (want != null) {
                    sb.append(String.format(" - %5d  %s%n", i + 1, want));
                }
                if (got != null) {
                    sb.append(String.format(" + %5d  %s%n", i + 1, got));
                }
            }
            if (i >= first) {
                shown++;
            }
        }
        if (e.size() == a.size() && expected.endsWith("\n") != actual.endsWith("\n")) {
            sb.append("(the texts differ in the final newline)\n");
        }
        return sb.toString();
    }
}
