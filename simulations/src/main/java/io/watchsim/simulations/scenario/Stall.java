package io.watchsim.simulations.scenario;

import java.time.Duration;
import java.util.Objects;

/**
 * A planned pause of a reader: it reads nothing from {@code at} for {@code length}.
 *
 * @param at     the time from the run's start
 * @param length how long the reader stops
 */
public record Stall(Duration at, Duration length) {
    public Stall {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(length, "length");
    }

    public static Stall of(String at, String length) {
        return new Stall(Units.parseDuration(at), Units.parseDuration(length));
    }
}
