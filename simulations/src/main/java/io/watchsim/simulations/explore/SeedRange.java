package io.watchsim.simulations.explore;

import java.util.stream.LongStream;

/** The seeds to explore, {@code A..B} inclusive (or one seed {@code A}), as a user writes them. */
public record SeedRange(long first, long last) {
    /** The most seeds one explore runs. */
    public static final long MAX_SEEDS = 1_000_000;

    public SeedRange {
        if (last < first) {
            throw new IllegalArgumentException("the last seed " + last + " is below the first " + first);
        }
    }

    /**
     * Parses {@code A..B} or {@code A}.
     *
     * @throws IllegalArgumentException saying what is wrong with {@code text} and what is allowed
     */
    public static SeedRange parse(String text) {
        String t = text.strip();
        int dots = t.indexOf("..");
        try {
            SeedRange r = dots < 0 ? new SeedRange(Long.parseLong(t), Long.parseLong(t))
                    : new SeedRange(Long.parseLong(t.substring(0, dots).strip()),
                    Long.parseLong(t.substring(dots + 2).strip()));
            if (r.count() > MAX_SEEDS) {
                throw new IllegalArgumentException("--seeds " + text + " is " + r.count() + " seeds; at most "
                        + MAX_SEEDS);
            }
            return r;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--seeds '" + text + "' is not a seed range; write A..B (whole numbers,"
                    + " A <= B), e.g. 1..500, or one seed");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage().startsWith("--seeds") ? e.getMessage()
                    : "--seeds '" + text + "': " + e.getMessage());
        }
    }

    public long count() {
        return last - first + 1;
    }

    public LongStream seeds() {
        return LongStream.rangeClosed(first, last);
    }

    @Override
    public String toString() {
        return first == last ? Long.toString(first) : first + ".." + last;
    }
}
