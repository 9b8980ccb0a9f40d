package io.watchsim.simulations.cli;

import io.watchsim.actors.sim.SimSettings;
import picocli.CommandLine.Option;

import java.util.Optional;

/**
 * The options that choose deterministic mode ({@code --deterministic [--schedule-window W]}), shared by the
 * commands that run a kernel: the whole actor system on one thread, in the order the command's seed
 * ({@code --seed}) decides, on a virtual clock.
 */
final class ScheduleOptions {
    @Option(names = "--deterministic",
            description = "run the whole kernel on one thread in an order decided by the seed, on a virtual clock: "
                    + "the same seed gives the same run, byte for byte (default: concurrent, on real threads). "
                    + "Example: --deterministic")
    boolean deterministic;

    // A String, so that a bad value gets one line (UserInputException), not picocli's usage text.
    @Option(names = "--schedule-window", paramLabel = "W",
            description = "with --deterministic: how many steps later work may overtake earlier work "
                    + "(1: first come, first served; default: drawn from the seed among 1, 4, 16, 64, 256), 1.."
                    + MAX_WINDOW + ". Example: --schedule-window 16")
    String window;

    /** The deterministic settings asked for, if any, under {@code seed} (the run's seed decides the schedule too). */
    Optional<SimSettings> settings(long seed) {
        if (!deterministic) {
            if (window != null) {
                throw new UserInputException("--schedule-window " + window + " needs --deterministic");
            }
            return Optional.empty();
        }
        SimSettings settings = SimSettings.of(seed);
        if (window != null) {
            settings = settings.withWindow(parseWindow(window));
        }
        return Optional.of(settings);
    }

    static int parseWindow(String text) {
        int w;
        try {
            w = Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new UserInputException("--schedule-window '" + text + "' is not a whole number; allowed 1.."
                    + MAX_WINDOW);
        }
        if (w < 1 || w > MAX_WINDOW) {
            throw new UserInputException("--schedule-window " + w + " is outside 1.." + MAX_WINDOW);
        }
        return w;
    }

    static final int MAX_WINDOW = 1 << 20;
}
