package io.watchsim.simulations.scenario;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What a run writes besides its verdict ({@code output}).
 *
 * @param directory where result.json (and the history) go, relative to the working folder;
 *                  empty: {@code runs/<scenario>-<time>} (the command line's --out wins)
 * @param history   whether to keep the run's history (every post, fate, read and fault) and check the
 *                  invariants per watch with it; {@code watchsim run} writes it to
 *                  {@code history.jsonl.gz} in the output folder
 * @param progress  how often the progress line on a terminal is refreshed
 * @param sampleInterval how often the report's time series are sampled, in run time
 */
public record Output(Optional<Path> directory, boolean history, Duration progress, Duration sampleInterval) {
    public static final Duration DEFAULT_PROGRESS = Duration.ofSeconds(1);
    public static final Duration DEFAULT_SAMPLE_INTERVAL = Duration.ofMillis(100);
    public static final Output DEFAULT = new Output(Optional.empty(), false, DEFAULT_PROGRESS, DEFAULT_SAMPLE_INTERVAL);

    public Output {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(sampleInterval, "sampleInterval");
    }

    public Output(Optional<Path> directory, boolean history, Duration progress) {
        this(directory, history, progress, DEFAULT_SAMPLE_INTERVAL);
    }

    public Output withDirectory(Path dir) {
        return new Output(Optional.of(dir), history, progress, sampleInterval);
    }

    public Output withHistory(boolean on) {
        return new Output(directory, on, progress, sampleInterval);
    }

    public Output withProgress(Duration every) {
        return new Output(directory, history, every, sampleInterval);
    }

    public Output withSampleInterval(Duration every) {
        return new Output(directory, history, progress, every);
    }
}
