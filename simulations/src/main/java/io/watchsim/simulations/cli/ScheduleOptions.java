package io.watchsim.simulations.cli;

import io.watchsim.actors.sim.SimSettings;
import picocli.CommandLine.Option;

import java.util.Optional;

/**
 * The options that choose deterministic mode ({@code --deterministic [--seed N] [--schedule-window W]}),
 * shared by the commands that run a kernel: the whole actor system on one thread, in the order the seed
 * decides, on a virtual clock.
 */
final class ScheduleOptions {
    @Option(names = "--deterministic",
            description = "run the whole kernel on one thread in an order decided by the seed, on a virtual clock: "
                    + "the same seed gives the same run, byte for byte (default: concurrent, on real threads)")
    boolean deterministic;

    // Strings, so that a bad value gets one line (UserInputException), not picocli's usage text.
    @Option(names = "--seed", paramLabel = "N",
            description = "with --deterministic: the seed of the schedule (a whole number)")
    String seed;

    @Option(names = "--schedule-window", paramLabel = "W",
            description = "with --deterministic: how many steps later work may overtake earlier work "
                    + "(1: first come, first served; default: drawn from the seed among 1, 4, 16, 64, 256)")
    String window;

    /** The deterministic settings asked for, if any; {@code defaultSeed} when no --seed is given. */
    Optional<SimSettings> settings(long defaultSeed) {
        if (!deterministic) {
            if (window != null) {
                throw new UserInputException("--schedule-window " + window + " needs --deterministic");
            }
            return Optional.empty();
        }
        long s = seed == null ? defaultSeed : parseSeed(seed);
        SimSettings settings = SimSettings.of(s);
        if (window != null) {
            settings = settings.withWindow(parseWindow(window));
        }
        return Optional.of(settings);
    }

    /** The --seed given, if any (a command may use it without --deterministic). */
    Optional<Long> seed() {
        return seed == null ? Optional.empty() : Optional.of(parseSeed(seed));
    }

    static long parseSeed(String text) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new UserInputException("--seed '" + text + "' is not a whole number; allowed "
                    + Long.MIN_VALUE + ".." + Long.MAX_VALUE);
        }
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
