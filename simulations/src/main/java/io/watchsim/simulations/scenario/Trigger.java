package io.watchsim.simulations.scenario;

import java.time.Duration;
import java.util.Objects;

/** When a fault fires: once {@linkplain At at} a time, or {@linkplain Every every} period with a probability. */
public sealed interface Trigger {
    static Trigger at(String time) {
        return new At(Units.parseDuration(time));
    }

    static Trigger every(String period, double probability) {
        return new Every(Units.parseDuration(period), probability);
    }

    /** Once, {@code at} after the run's start (before its end). */
    record At(Duration at) implements Trigger {
        public At {
            Objects.requireNonNull(at, "at");
        }
    }

    /**
     * At every multiple of {@code period} before the run's end, with {@code probability} (0..1)
     * drawn from the fault's stream ({@link RandomStreams#fault}).
     */
    record Every(Duration period, double probability) implements Trigger {
        public Every {
            Objects.requireNonNull(period, "period");
        }
    }
}
