package io.watchsim.simulations.scenario;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The units a scenario writes values in, parsed and printed one way for the HOCON loader, the Java
 * builder and the key reference. Durations are a number and a unit ({@code 10s}, {@code 500ms},
 * {@code 1.5s}, {@code 2m}); counts are whole numbers with an optional decimal suffix ({@code 100k},
 * {@code 1M}); shares are fractions 0..1 or percentages ({@code 0.25}, {@code 25%}). Rates are
 * {@link Rate}. A value that cannot be read throws {@link IllegalArgumentException} whose message
 * is what was expected.
 */
public final class Units {
    private Units() {
    }

    /** What a duration looks like, for error messages and the key reference. */
    public static final String DURATION_FORM = "a duration: a number and a unit ns, us, ms, s, m or h (500ms, 10s, 1.5m)";
    /** What a count looks like. */
    public static final String COUNT_FORM = "a whole number, optionally with a suffix k, M or G (100, 10k, 1M)";
    /** What a share looks like. */
    public static final String SHARE_FORM = "a share 0..1 (0.25) or a percentage (25%)";

    private static final Pattern DURATION = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)\\s*(ns|us|ms|s|m|h)");
    private static final Pattern COUNT = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)\\s*([kMG]?)");
    private static final Pattern PERCENT = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)\\s*%");
    private static final String[] DURATION_UNITS = {"h", "m", "s", "ms", "us", "ns"};
    private static final long[] NANOS_PER_UNIT = {3_600_000_000_000L, 60_000_000_000L, 1_000_000_000L, 1_000_000L,
            1_000L, 1L};

    /** Parses a duration such as {@code 10s}; {@code 0} alone is zero. */
    public static Duration parseDuration(String text) {
        String t = text.strip();
        if (t.equals("0")) {
            return Duration.ZERO;
        }
        Matcher m = DURATION.matcher(t);
        if (!m.matches()) {
            throw new IllegalArgumentException(DURATION_FORM);
        }
        BigDecimal nanos = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(nanosPer(m.group(2))));
        try {
            return Duration.ofNanos(nanos.toBigIntegerExact().longValueExact());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(DURATION_FORM + " in whole nanoseconds, at most about 292 years");
        }
    }

    /** The nanoseconds in one {@code unit} (ns, us, ms, s, m, h). */
    static long nanosPer(String unit) {
        for (int i = 0; i < DURATION_UNITS.length; i++) {
            if (DURATION_UNITS[i].equals(unit)) {
                return NANOS_PER_UNIT[i];
            }
        }
        throw new IllegalArgumentException("unknown unit " + unit);
    }

    /** A duration in the largest unit that holds it whole: {@code 10s}, {@code 1500ms}, {@code 2m}, {@code 0s}. */
    public static String format(Duration d) {
        BigInteger nanos = BigInteger.valueOf(d.getSeconds()).multiply(BigInteger.valueOf(1_000_000_000L))
                .add(BigInteger.valueOf(d.getNano()));
        if (nanos.signum() == 0) {
            return "0s";
        }
        for (int i = 0; i < DURATION_UNITS.length; i++) {
            BigInteger[] qr = nanos.divideAndRemainder(BigInteger.valueOf(NANOS_PER_UNIT[i]));
            if (qr[1].signum() == 0) {
                return qr[0] + DURATION_UNITS[i];
            }
        }
        throw new AssertionError("every duration is a whole number of nanoseconds");
    }

    /** Parses a count such as {@code 100}, {@code 10k} or {@code 1.5M}; the value must be whole. */
    public static long parseCount(String text) {
        Matcher m = COUNT.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException(COUNT_FORM);
        }
        BigDecimal v = new BigDecimal(m.group(1)).multiply(switch (m.group(2)) {
            case "k" -> BigDecimal.valueOf(1_000L);
            case "M" -> BigDecimal.valueOf(1_000_000L);
            case "G" -> BigDecimal.valueOf(1_000_000_000L);
            default -> BigDecimal.ONE;
        });
        try {
            return v.toBigIntegerExact().longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(COUNT_FORM);
        }
    }

    /** Parses a percentage {@code 25%} into a share {@code 0.25}; other text is refused. */
    public static double parsePercent(String text) {
        Matcher m = PERCENT.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException(SHARE_FORM);
        }
        return new BigDecimal(m.group(1)).movePointLeft(2).doubleValue();
    }

    /** A number as a scenario shows it: whole numbers without a fraction, others as Java prints them. */
    public static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
