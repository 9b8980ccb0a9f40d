package io.watchsim.simulations.scenario;

import java.util.Objects;

/** How fast a queue's reader reads: {@linkplain Continuous continuously} or {@linkplain Paced at a rate}. */
public sealed interface ReadPace {
    /** A read as soon as the last one returned, parked while the queue is empty. */
    ReadPace CONTINUOUS = new Continuous();

    static ReadPace at(Rate rate) {
        return new Paced(rate);
    }

    /** Reads back to back. */
    record Continuous() implements ReadPace {
        @Override
        public String toString() {
            return "continuous";
        }
    }

    /** {@code rate} reads per second, each with the reader's buffer. */
    record Paced(Rate rate) implements ReadPace {
        public Paced {
            Objects.requireNonNull(rate, "rate");
        }

        @Override
        public String toString() {
            return rate.toString();
        }
    }
}
