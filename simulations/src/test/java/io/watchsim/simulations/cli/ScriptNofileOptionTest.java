package io.watchsim.simulations.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code watchsim script --nofile N}: the process's RLIMIT_NOFILE, and one line for a bad N. */
class ScriptNofileOptionTest {
    @RegisterExtension
    final CapturedStreams streams = new CapturedStreams();

    private String out() {
        return streams.out();
    }

    private String err() {
        return streams.err();
    }

    private static Path script(Path dir, String text) throws IOException {
        Path file = dir.resolve("fds.wqs");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void aLimitOf8LeavesRoomForTwoPipesAfterTheStandardStreamsAndAnyTwoFreeDescriptorsMakeAThird(@TempDir Path dir) throws IOException {
        Path file = script(dir, "queue a\npipe b\nqueue c\npipe2raw 0\nclose a.w\npipe2raw 0\nclose a\nqueue c\n");
        assertThat(WatchSimCommand.execute("script", "--nofile", "8", file.toString())).isZero();
        assertThat(out()).isEqualTo("""
                > queue a
                  = 0 (rfd=3 wfd=4)
                > pipe b
                  = 0 (rfd=5 wfd=6)
                > queue c
                  = -1 EMFILE (errno 24)
                > pipe2raw 0
                  = -1 EMFILE (errno 24)
                > close a.w
                  = 0
                > pipe2raw 0
                  = 0
                > close a
                  = 0
                > queue c
                  = 0 (rfd=3 wfd=4)
                end
                """);
        assertThat(err()).isEmpty();
    }

    @Test
    void withoutTheOptionTheLimitIs1024(@TempDir Path dir) throws IOException {
        Path file = script(dir, "repeat 511 queue q%i\n");
        assertThat(WatchSimCommand.execute("script", file.toString())).isZero();
        assertThat(out()).contains("> queue q510\n  = 0 (rfd=1021 wfd=1022)\n")
                .endsWith("> queue q511\n  = -1 EMFILE (errno 24)\nend\n");
    }

    @Test
    void aRaisedLimitLetsTenThousandQueuesBeMade(@TempDir Path dir) throws IOException {
        Path file = script(dir, "repeat 10000 queue q%i\n");
        assertThat(WatchSimCommand.execute("script", "--nofile", "20003", file.toString())).isZero();
        assertThat(out()).doesNotContain("EMFILE").endsWith("> queue q10000\n  = 0 (rfd=20001 wfd=20002)\nend\n");
    }

    @ParameterizedTest
    @CsvSource({"-1,'--nofile -1 is outside 0..1048576'", "1048577,'--nofile 1048577 is outside 0..1048576'",
            "many,'--nofile ''many'' is not a whole number; allowed 0..1048576'",
            "99999999999999999999,'--nofile ''99999999999999999999'' is not a whole number'"})
    void aBadLimitIsOneLineAndExitTwo(String value, String message, @TempDir Path dir) throws IOException {
        Path file = script(dir, "queue q\n");
        assertThat(WatchSimCommand.execute("script", "--nofile", value, file.toString())).isEqualTo(2);
        String e = err();
        assertThat(e).startsWith("watchsim: " + message).endsWith("\n");
        assertThat(e.strip()).as("one line").doesNotContain("\n");
        assertThat(out()).as("nothing ran").isEmpty();
    }
}
