package io.watchsim.simulations.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A deterministic run is the same run in another JVM (other identity hashes, other actor uids, other JVM-wide
 * counters): {@code watchsim run --deterministic} in this JVM and in a child JVM print the same fingerprint and
 * write byte-identical histories.
 */
class DeterministicForkedRunTest {
    static final Path PROJECT = Path.of("").toAbsolutePath().getParent();

    @RegisterExtension
    final CapturedStreams streams = new CapturedStreams();

    @Test
    void theSameRunInAnotherJvm(@TempDir Path dir) throws Exception {
        Path scenario = PROJECT.resolve("scenarios/faults.conf");
        String[] args = {"run", scenario.toString(), "--deterministic", "--seed", "4", "--scale", "0.05",
                "--history", dir.resolve("here.jsonl").toString(), "--out", dir.resolve("here").toString()};
        int code = WatchSimCommand.execute(args);
        assertThat(code).as(streams.err()).isIn(0, 1);
        String here = fingerprint(streams.out());
        args[8] = dir.resolve("there.jsonl").toString();
        args[10] = dir.resolve("there").toString();
        WatchSimCommandTest.Child child = WatchSimCommandTest.runChild(dir, null, List.of(), args);
        assertThat(child.exit()).as(child.err()).isEqualTo(code);
        assertThat(fingerprint(child.out())).isEqualTo(here).hasSize(64);
        assertThat(Files.mismatch(dir.resolve("here.jsonl"), dir.resolve("there.jsonl"))).isEqualTo(-1L);
    }

    private static String fingerprint(String out) {
        return out.lines().filter(l -> l.startsWith("fingerprint: ")).map(l -> l.substring("fingerprint: ".length()))
                .findFirst().orElseThrow(() -> new AssertionError("no fingerprint in:\n" + out));
    }
}
