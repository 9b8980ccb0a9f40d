package io.watchsim.simulations.cli;

import io.watchsim.simulations.scenario.Units;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Reads the values of {@code watchsim run}'s options. The options are taken as text, so that a
 * bad value is one line naming the option, the value as typed, why it is refused and what is
 * allowed, with an example ({@link UserInputException}: exit code 2), and never a message about
 * a Java type or a scenario key the user did not write.
 */
final class RunOptions {
    private RunOptions() {
    }

    /** What --seed takes. */
    static final String SEED_ALLOWED = "a whole number " + Long.MIN_VALUE + ".." + Long.MAX_VALUE + " (e.g. --seed 42)";
    /** What --duration takes. */
    static final String DURATION_ALLOWED = "a number above 0 and a unit ns, us, ms, s, m or h (e.g. --duration 30s, "
            + "500ms, 1.5m)";
    /** What --scale takes. */
    static final String SCALE_ALLOWED = "a fraction above 0 and at most 1 (e.g. --scale 0.1 runs a tenth of the "
            + "scenario)";
    /** What --out takes. */
    static final String OUT_ALLOWED = "a folder that exists or can be made, where result.json is written "
            + "(e.g. --out runs/faults)";

    /** A plain decimal number: no sign, no hex, no type suffix (Double.parseDouble takes all three). */
    private static final Pattern DECIMAL = Pattern.compile("[0-9]+(\\.[0-9]*)?([eE][-+]?[0-9]+)?|\\.[0-9]+([eE][-+]?[0-9]+)?");

    /** A --seed value: any 64-bit whole number. */
    static long seed(String text) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            String why = text.strip().matches("[-+]?[0-9]+") ? "is outside the 64-bit range" : "is not a whole number";
            throw new UserInputException("--seed " + quoted(text) + " " + why + "; allowed " + SEED_ALLOWED);
        }
    }

    /** A --duration value: a duration above 0. */
    static Duration duration(String text) {
        String t = text.strip();
        if (t.startsWith("-")) {
            throw new UserInputException("--duration " + quoted(text) + " is negative; allowed " + DURATION_ALLOWED);
        }
        Duration d;
        try {
            d = Units.parseDuration(t);
        } catch (IllegalArgumentException e) {
            String why = t.matches("[0-9]+(\\.[0-9]+)?") ? "has no unit"
                    : e.getMessage().endsWith("years") ? "is not a whole number of nanoseconds or is longer than about "
                    + "292 years"
                    : "is not a duration";
            throw new UserInputException("--duration " + quoted(text) + " " + why + "; allowed " + DURATION_ALLOWED);
        }
        if (d.isZero()) {
            throw new UserInputException("--duration " + quoted(text) + " is zero; allowed " + DURATION_ALLOWED);
        }
        return d;
    }

    /** What --sample-interval takes. */
    static final String SAMPLE_ALLOWED = "a duration of 1ms..1h with a unit ns, us, ms, s, m or h (e.g. "
            + "--sample-interval 250ms)";

    /** A --sample-interval value: a duration of 1 ms to 1 h. */
    static Duration sampleInterval(String text) {
        String t = text.strip();
        Duration d;
        try {
            d = Units.parseDuration(t);
        } catch (IllegalArgumentException e) {
            String why = t.matches("[0-9]+(\\.[0-9]+)?") ? "has no unit" : "is not a duration";
            throw new UserInputException("--sample-interval " + quoted(text) + " " + why + "; allowed " + SAMPLE_ALLOWED);
        }
        if (d.compareTo(Duration.ofMillis(1)) < 0 || d.compareTo(Duration.ofHours(1)) > 0) {
            throw new UserInputException("--sample-interval " + quoted(text) + " is " + (d.compareTo(Duration.ofMillis(1))
                    < 0 ? "below 1ms" : "above 1h") + "; allowed " + SAMPLE_ALLOWED);
        }
        return d;
    }

    /** A --scale value: a fraction 0 < F <= 1. */
    static double scale(String text) {
        String t = text.strip();
        if (!DECIMAL.matcher(t).matches()) {
            String why = t.startsWith("-") ? "is negative" : "is not a number";
            throw new UserInputException("--scale " + quoted(text) + " " + why + "; allowed " + SCALE_ALLOWED);
        }
        double f = Double.parseDouble(t);
        if (!(f > 0 && f <= 1)) {
            throw new UserInputException("--scale " + quoted(text) + " is " + (f > 1 ? "above 1 (a run is never "
                    + "scaled up)" : t.matches("[0.]+([eE].*)?") ? "zero" : "too small to tell from zero") + "; allowed "
                    + SCALE_ALLOWED);
        }
        return f;
    }

    /**
     * Makes the output folder before anything runs, so that a folder that cannot be written is
     * found at once, not after the whole run. {@code option} names where {@code dir} came from
     * ({@code --out}, or the scenario's {@code output.directory}).
     */
    static void makeFolder(Path dir, String option) {
        String value = option + " " + quoted(dir.toString());
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new UserInputException(value + " is a file, not a folder; allowed " + OUT_ALLOWED);
        }
        for (Path up = dir.toAbsolutePath().getParent(); up != null; up = up.getParent()) {
            if (Files.exists(up) && !Files.isDirectory(up)) {
                throw new UserInputException(value + " cannot be made: " + up + " is a file, not a folder; allowed "
                        + OUT_ALLOWED);
            }
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException | SecurityException e) {
            throw new UserInputException(value + " cannot be made (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "); allowed " + OUT_ALLOWED);
        }
        if (!Files.isWritable(dir)) {
            throw new UserInputException(value + " is a folder watchsim may not write into; allowed " + OUT_ALLOWED);
        }
    }

    /** A value as typed, in quotes (so that an empty or blank value shows). */
    static String quoted(String text) {
        return "'" + text + "'";
    }

    /** A whole number option in {@code min..max}, or one line saying what is wrong and what is allowed. */
    static int wholeNumber(String option, String text, int min, int max) {
        try {
            int n = Integer.parseInt(text.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new UserInputException(option + " " + quoted(text) + " is not a whole number in " + min + ".." + max);
    }
}
