package io.watchsim.simulations.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code watchsim bench} as a user runs it, with no latency measurement: a tiny throughput run
 * (one fan-out, one round, no warm-up, one record per event and bursts of 4) exits 0 and prints the
 * table of every shape, the ratios and exact counting for each burst size. Its figures are not
 * asserted (a unit test times nothing); that every sink counted exactly its events is.
 */
class BenchCommandTest {
    @RegisterExtension
    final CapturedStreams streams = new CapturedStreams();

    @Test
    void aTinyThroughputRunPrintsEveryShapeAndCountsExactly() {
        int exit = WatchSimCommand.execute("bench", "--fanout", "10", "--rounds", "1", "--warmup", "0",
                "--deliveries", "2000", "--burst", "1,4", "--threads", "2");
        String out = streams.out();
        assertThat(exit).as("exit code; output:%n%s%nstderr:%n%s", out, streams.err()).isZero();
        assertThat(out).startsWith("machine: ")
                .contains("full path + smack").contains("one-hop relay").contains("two-hop relay")
                .contains("plain rings").contains("window: 128 records in flight per queue").contains("per read")
                .contains("up to 100 messages an actor a turn");
        assertThat(out.lines().filter(l -> l.contains("exact"))).as("every burst size counted exactly")
                .hasSize(2);
        assertThat(out).doesNotContain("Exception");
    }
}
