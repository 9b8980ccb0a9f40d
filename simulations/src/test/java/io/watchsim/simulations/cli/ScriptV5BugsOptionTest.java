package io.watchsim.simulations.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code watchsim script --v5-bugs}: the option reaches the script's kernel, and without it the
 * kernel does what the ver #5 code was meant to do (the golden scripts build their runner directly,
 * so only this test goes through the command line).
 */
class ScriptV5BugsOptionTest {
    @RegisterExtension
    final CapturedStreams streams = new CapturedStreams();

    /**
     * A watch on a descriptor that is not open, then a SETATTR that makes a mount nosuid, then a mount
     * whose walk (to the watch on a1's root) a rename lands in as it starts.
     */
    private static final String SCRIPT = """
            queue q
            setsize q 32
            mkdir /a
            mount a1 tmpfs /a
            watchmount 99 /a 1
            watchmount q /a 1
            remount /a nosuid
            read q
            mkdir /a/z
            mkdir /u
            renamerace 0 /u /v mount z1 tmpfs /a/z
            read q
            """;

    private static int newMountRecords(String out) {
        return out.split("subtype=0\\(new_mount\\)", -1).length - 1;
    }

    private String run(Path dir, String... options) throws IOException {
        Path file = dir.resolve("v5.wqs");
        Files.writeString(file, SCRIPT);
        String[] args = new String[options.length + 2];
        args[0] = "script";
        System.arraycopy(options, 0, args, 1, options.length);
        args[args.length - 1] = file.toString();
        assertThat(WatchSimCommand.execute(args)).isZero();
        assertThat(streams.err()).isEmpty();
        return streams.out();
    }

    @Test
    void withoutTheOptionTheIntendedBehaviour(@TempDir Path dir) throws IOException {
        assertThat(run(dir))
                .contains("> watchmount 99 /a 1\n  = -1 EINVAL (errno 22)\n")
                .contains("subtype=4(setattr) info=0x0000011c watch_id=1 flags=- ")
                .satisfies(out -> assertThat(newMountRecords(out)).isEqualTo(1));
    }

    @Test
    void withTheOptionVer5sBugs(@TempDir Path dir) throws IOException {
        assertThat(run(dir, "--v5-bugs"))
                .contains("> watchmount 99 /a 1\n  = 0\n")
                .contains("subtype=4(setattr) info=0x0004011c watch_id=1 flags=is_now_ro ")
                .satisfies(out -> assertThat(newMountRecords(out)).isEqualTo(2));
    }
}
