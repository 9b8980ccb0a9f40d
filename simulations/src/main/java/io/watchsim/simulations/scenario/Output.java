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
 */
public record Output(Optional<Path> directory, boolean history, Duration progress) {
    public static final Duration DEFAULT_PROGRESS = Duration.ofSeconds(1);
    public static final Output DEFAULT = new Output(Optional.empty(), false, DEFAULT_PROGRESS);

    public Output {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(progress, "progress");
    }

    public Output withDirectory(Path dir) {
        return new Output(Optional.of(dir), history, progress);
    }

    public Output withHistory(boolean on) {
        return new Output(directory, on, progress);
    }

    public Output withProgress(Duration every) {
        return new Output(directory, history, every);
    }
}
