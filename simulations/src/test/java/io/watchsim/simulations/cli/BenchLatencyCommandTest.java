package io.watchsim.simulations.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code watchsim bench --latency}: bad options are one line and exit code 2 before anything
 * starts; a tiny run really starts a G1 and a ZGC child JVM per phase and prints the report's
 * tables with both collectors side by side (its figures are not asserted; exact counting is
 * asserted in-process by LatencyUnderLoadTest).
 */
class BenchLatencyCommandTest {
    @RegisterExtension
    final CapturedStreams streams = new CapturedStreams();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--collectors=g1,foo | watchsim: --collectors foo is not a collector; allowed g1, zgc, parallel, serial",
            "--collectors=zgc,ZGC | watchsim: --collectors names zgc twice; allowed each once",
            "--latency-heap=2x | watchsim: --latency-heap 2x is not a heap size; allowed a number with k, m or g",
            "--latency-rounds=0 | watchsim: --latency-rounds 0 is out of range; allowed 1 or more",
            "--latency-probes=0 | watchsim: --latency-probes 0 is out of range; allowed 1 or more",
            "--runner | watchsim: --latency and --runner are separate measurements; give one of them",
            "--latency-child=fly | watchsim: --latency-child fly is for the latency bench's own child JVMs",
            "--latency-child=measure | watchsim: --latency-rates gives no rate for fan-out 10",
            "--latency-rates=10=fast | watchsim: --latency-rates 10=fast is not FANOUT=EVENTS_PER_SECOND"})
    void aBadLatencyOptionIsOneLineAndExitTwo(String option, String message) {
        List<String> args = option.startsWith("--latency-rates")
                ? List.of("bench", "--latency=1", "--latency-child=measure", option)
                : List.of("bench", "--latency=1", option);
        assertThat(WatchSimCommand.execute(args.toArray(String[]::new))).isEqualTo(2);
        String e = streams.err();
        assertThat(e).startsWith(message.strip()).endsWith("\n");
        assertThat(e.strip()).as("one line, no stack trace").doesNotContain("\n").doesNotContain("Exception");
        assertThat(streams.out()).as("nothing ran").isEmpty();
    }

    @Test
    void aTinyRunComparesG1AndZgcInChildJvmsSideBySide() {
        int exit = WatchSimCommand.execute("bench", "--latency", "1", "--fanout", "10", "--latency-rounds", "1",
                "--latency-trial", "100", "--latency-steps", "1", "--latency-probes", "5", "--latency-heap", "256m",
                "--threads", "2");
        String out = streams.out();
        assertThat(exit).as("exit code; output:%n%s%nstderr:%n%s", out, streams.err()).isZero();
        assertThat(out).startsWith("machine: ")
                .contains("g1 search: ").contains("zgc search: ").contains("g1 round 1: ").contains("zgc round 1: ")
                .contains("-XX:+UseG1GC -Xmx256m").contains("-XX:+UseZGC -Xmx256m")
                .contains("  [zgc search] ").contains("open-loop saturation")
                .contains("fan-out 10: g1 ").contains("offered as 100%")
                .contains("one event's fan-out on the idle world")
                .contains("g1, fan-out 10 at 50%: p99").contains("zgc, fan-out 10 at 50%: p99")
                .contains("fan-out 10 at 90%: p99 zgc/g1").doesNotContain("@latency")
                .as("a latency child says its dispatcher throughput")
                .contains("  [g1 search] machine: ").contains("up to 100 messages an actor a turn");
        List<String> rows = out.lines().filter(l -> l.matches("^10\\s+(50|90)%\\s.*")).toList();
        assertThat(rows).hasSize(4);
        assertThat(rows.get(0)).contains("50%").contains(" g1 ");
        assertThat(rows.get(1)).contains("50%").contains(" zgc ");
        assertThat(rows.get(2)).contains("90%").contains(" g1 ");
        assertThat(rows.get(3)).contains("90%").contains(" zgc ");
        assertThat(out.lines().filter(l -> l.matches("^10\\s+(g1|zgc)\\s+5\\s.*"))).as("5 probes per collector")
                .hasSize(2);
    }
}
