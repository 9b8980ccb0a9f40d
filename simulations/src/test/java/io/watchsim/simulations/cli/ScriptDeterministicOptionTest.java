package io.watchsim.simulations.cli;

import io.watchsim.actors.sim.SimLoop;
import io.watchsim.actors.sim.SimSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code watchsim script --deterministic [--seed N] [--schedule-window W]}: the same text, and clear errors. */
class ScriptDeterministicOptionTest {
    @RegisterExtension
    final CapturedStreams streams = new CapturedStreams();

    private static final String SCRIPT = """
            # a watch on a key, records read back
            queue q
            setsize q 32
            add k user own v @s
            watch q k 7
            chown k 0 -1
            revoke k
            read q
            """;

    private Path script(Path dir) throws IOException {
        Path file = dir.resolve("d.wqs");
        Files.writeString(file, SCRIPT);
        return file;
    }

    @Test
    void aDeterministicRunPrintsWhatAConcurrentOnePrints(@TempDir Path dir) throws IOException {
        Path file = script(dir);
        assertThat(WatchSimCommand.execute("script", file.toString())).isZero();
        String concurrent = streams.out();
        assertThat(concurrent).contains("watch_id=7");
        streams.reset();
        assertThat(WatchSimCommand.execute("script", "--deterministic", "--seed", "5", file.toString())).isZero();
        assertThat(streams.err()).isEmpty();
        assertThat(streams.out()).isEqualTo(concurrent);
        streams.reset();
        assertThat(WatchSimCommand.execute("script", "--deterministic", "--schedule-window", "256", file.toString()))
                .isZero();
        assertThat(streams.out()).isEqualTo(concurrent);
    }

    @Test
    void theDeterministicKernelRunsOnTheCallersThreadInItsLoop() {
        AtomicReference<SimLoop> seen = new AtomicReference<>();
        Thread caller = Thread.currentThread();
        KernelRuntime.withKernel(Optional.of(SimSettings.of(3)), kernel -> {
            assertThat(Thread.currentThread()).isSameAs(caller);
            seen.set(SimLoop.current());
            kernel.await(kernel.createQueue());
        });
        assertThat(seen.get()).isNotNull();
        assertThat(seen.get().steps()).isPositive();
        assertThat(SimLoop.current()).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--seed,5|--seed 5 needs --deterministic",
            "--deterministic,--seed,five|--seed 'five' is not a whole number",
            "--schedule-window,4|--schedule-window 4 needs --deterministic",
            "--deterministic,--schedule-window,0|--schedule-window 0 is outside 1..1048576",
    })
    void badOptionsGetOneClearLine(String options, String message, @TempDir Path dir) throws IOException {
        Path file = script(dir);
        String[] opts = options.split(",");
        String[] args = new String[opts.length + 2];
        args[0] = "script";
        System.arraycopy(opts, 0, args, 1, opts.length);
        args[args.length - 1] = file.toString();
        assertThat(WatchSimCommand.execute(args)).isEqualTo(2);
        assertThat(streams.err()).contains(message).doesNotContain("Exception").hasLineCount(1);
        assertThat(streams.out()).isEmpty();
    }
}
