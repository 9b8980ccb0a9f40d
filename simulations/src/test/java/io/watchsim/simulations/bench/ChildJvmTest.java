package io.watchsim.simulations.bench;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How the latency bench starts its children, and what it makes of their output. */
class ChildJvmTest {
    private static final LatencyUnderLoad.Plan PLAN = new LatencyUnderLoad.Plan(List.of(10, 1000), 500, 4, 10_000,
            256, 50);

    @Test
    void aChildIsTheSameClassesUnderOneCollectorAndTheGivenHeap() {
        List<String> c = ChildJvm.command(Path.of("/opt/jdk"), "/x/watchsim.jar", "io.example.Main", Collector.ZGC,
                "2g", List.of("bench", "--latency", "10"));
        assertThat(c).containsExactly("/opt/jdk/bin/java", "-XX:+UseZGC", "-Xmx2g", "-cp", "/x/watchsim.jar",
                "io.example.Main", "bench", "--latency", "10");
        assertThat(ChildJvm.command(Path.of("/opt/jdk"), "cp", "M", Collector.G1, "512m", List.of()))
                .contains("-XX:+UseG1GC", "-Xmx512m").doesNotContain("-XX:+UseZGC");
    }

    @Test
    void aSearchingChildGetsThePlanAndAMeasuringOneTheRates() {
        List<String> search = ChildJvm.benchArgs(ChildJvm.SEARCH, PLAN, 2, Map.of());
        assertThat(String.join(" ", search)).isEqualTo("bench --latency 10 --fanout 10,1000 --latency-trial 500"
                + " --latency-steps 4 --latency-queue 256 --latency-probes 50 --threads 2 --latency-child search");
        List<String> measure = ChildJvm.benchArgs(ChildJvm.MEASURE, PLAN, 2, Map.of(10, 50_000.25, 1000, 812.0));
        assertThat(measure).endsWith("--latency-child", "measure", "--latency-rates", "10=50000.250,1000=812.000");
        assertThatThrownBy(() -> ChildJvm.benchArgs(ChildJvm.MEASURE, PLAN, 2, Map.of(10, 1.0)))
                .hasMessageContaining("no rate for fan-out 1000");
    }

    @Test
    void resultLinesAreKeptAndTheRestRelayedUnderTheLabel() {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        String result = new LatencyFigures.Saturation(10, 5.0).line();
        List<String> lines = ChildJvm.run(List.of("bash", "-c", "echo hello; echo '" + result + "'; echo oops >&2"),
                "zgc search", new PrintStream(log, true, StandardCharsets.UTF_8), Duration.ofMinutes(1));
        assertThat(lines).containsExactly(result);
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("  [zgc search] hello").contains("  [zgc search] oops")
                .doesNotContain("@latency");
    }

    @Test
    void aChildThatFailsOrHangsEndsTheBenchWithItsLastLines() {
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertThatThrownBy(() -> ChildJvm.run(List.of("bash", "-c", "echo no world; exit 3"), "g1 round 1", quiet,
                Duration.ofMinutes(1))).hasMessageContaining("g1 round 1 JVM exited with 3")
                .hasMessageContaining("no world");
        assertThatThrownBy(() -> ChildJvm.run(List.of("bash", "-c", "echo stuck; exec sleep 600"), "g1 round 2", quiet,
                Duration.ofMillis(300))).hasMessageContaining("was still running").hasMessageContaining("stuck");
    }
}
