package io.watchsim.simulations.scenario;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A rate of events, kept per second: {@code 1k/s}, {@code 2.5M/s}, {@code 500/s}, {@code 30/m}.
 * The number takes an optional decimal suffix k, M or G; the unit after the slash is ns, us, ms,
 * s, m or h. Two forms of one rate are equal ({@code 1k/s} and {@code 60k/m}).
 *
 * @param perSecond events per second, finite and not negative
 */
public record Rate(double perSecond) implements Comparable<Rate> {
    /** What a rate looks like, for error messages and the key reference. */
    public static final String FORM = "a rate: a number, an optional k, M or G, a slash and a unit (500/s, 1k/s, 2.5M/s, 30/m)";

    private static final Pattern RATE = Pattern.compile("([0-9]+(?:\\.[0-9]+)?(?:[eE][+-]?[0-9]+)?)\\s*([kMG]?)\\s*/\\s*(ns|us|ms|s|m|h)");

    public Rate {
        if (!Double.isFinite(perSecond) || perSecond < 0) {
            throw new IllegalArgumentException("a rate is finite and not negative: " + perSecond);
        }
    }

    public static Rate perSecond(double perSecond) {
        return new Rate(perSecond);
    }

    /** Parses {@code 1k/s}; throws {@link IllegalArgumentException} with {@link #FORM} otherwise. */
    public static Rate parse(String text) {
        Matcher m = RATE.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException(FORM);
        }
        BigDecimal count = new BigDecimal(m.group(1)).multiply(switch (m.group(2)) {
            case "k" -> BigDecimal.valueOf(1_000L);
            case "M" -> BigDecimal.valueOf(1_000_000L);
            case "G" -> BigDecimal.valueOf(1_000_000_000L);
            default -> BigDecimal.ONE;
        });
        BigDecimal seconds = BigDecimal.valueOf(Units.nanosPer(m.group(3))).movePointLeft(9);
        double perSecond = count.divide(seconds, MathContext.DECIMAL64).doubleValue();
        if (!Double.isFinite(perSecond)) {
            throw new IllegalArgumentException(FORM);
        }
        return new Rate(perSecond);
    }

    /** The time between two events at this rate, in nanoseconds (infinite for a rate of zero). */
    public double intervalNanos() {
        return 1e9 / perSecond;
    }

    @Override
    public int compareTo(Rate o) {
        return Double.compare(perSecond, o.perSecond);
    }

    /** The rate per second with the largest suffix that leaves at least 1: {@code 2.5M/s}, {@code 500/s}. */
    @Override
    public String toString() {
        BigDecimal v = new BigDecimal(Double.toString(perSecond));
        String[] suffixes = {"G", "M", "k"};
        long[] factors = {1_000_000_000L, 1_000_000L, 1_000L};
        for (int i = 0; i < suffixes.length; i++) {
            BigDecimal q = v.divide(BigDecimal.valueOf(factors[i]), MathContext.DECIMAL64);
            if (q.compareTo(BigDecimal.ONE) >= 0) {
                return q.stripTrailingZeros().toPlainString() + suffixes[i] + "/s";
            }
        }
        return v.stripTrailingZeros().toPlainString() + "/s";
    }
}
