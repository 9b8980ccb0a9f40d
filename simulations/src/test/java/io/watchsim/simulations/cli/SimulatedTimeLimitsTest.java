package io.watchsim.simulations.cli;

import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Simulated time never overflows: a sleep or poll longer than the probe's system call could
 * take is refused before the script runs, with one line naming the file, the line, the value
 * and the range, and exit code 2 (such a script once spun the key garbage collector for ever,
 * now + ms having reached Long.MAX_VALUE, which also meant "nothing due"). The longest allowed
 * values run and end.
 */
@ExtendWith(LogCapturingExtension.class)
class SimulatedTimeLimitsTest {
    @RegisterExtension
    final CapturedStreams streams = new CapturedStreams();

    private String out() {
        return streams.out();
    }

    private String err() {
        return streams.err();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "sleep 9223372036854775807       | 1 | MS 9223372036854775807 is out of range; allowed 0..9223372036854",
            "queue q\\npoll q 9223372036854775807 | 2 | MS 9223372036854775807 is out of range; allowed 0..2147483647",
    })
    void aScriptWaitingLongerThanItsSystemCallCanIsOneLineAndExitTwo(String text, int line, String message,
                                                                      @TempDir Path dir) throws IOException {
        Path script = Files.writeString(dir.resolve("long.wqs"), text.replace("\\n", "\n") + "\n");
        assertThat(WatchSimCommand.execute("script", script.toString())).isEqualTo(2);
        assertThat(err().strip()).isEqualTo("watchsim: " + script + ":" + line + ": " + message
                + (line == 1 ? " (the longest sleep Linux can time, KTIME_MAX ns)" : " (poll()'s timeout is a C int)"));
        assertThat(out()).as("nothing ran").isEmpty();
    }

    @Test
    void aKeyctlScriptSleepingLongerThanLinuxCanIsOneLineAndExitTwo(@TempDir Path dir) throws IOException {
        Path script = Files.writeString(dir.resolve("long.keyctl"), "add user k v @s\nsleep 1e300\n");
        assertThat(WatchSimCommand.execute("keyctl", "--script", script.toString())).isEqualTo(2);
        assertThat(err().strip()).startsWith("watchsim: " + script + ":2: expected sleep SECONDS").doesNotContain("\n");
        assertThat(out()).as("nothing ran").isEmpty();
    }

    @Test
    void theLongestSleepAndPollRunAndEnd(@TempDir Path dir) throws IOException {
        Path script = Files.writeString(dir.resolve("longest.wqs"),
                "queue q\nadd k user k v @s\ntimeout k 4294967295\nsleep 9223372036854\npoll q 2147483647\n"
                        + "sleep 9223372036854\ndescribe k\n");
        assertThat(WatchSimCommand.execute("script", script.toString())).isZero();
        assertThat(out()).contains("> sleep 9223372036854\n  = 0\n")
                .contains("> poll q 2147483647\n  = 0 revents=0x0\n")
                .as("the key, past its longest timeout and the gc delay, is gone")
                .contains("> describe k\n  = -1 ENOKEY (errno 126)\n").endsWith("end\n");
        assertThat(err()).isEmpty();
    }
}
