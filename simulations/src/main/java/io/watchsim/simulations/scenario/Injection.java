package io.watchsim.simulations.scenario;

import java.time.Duration;
import java.util.Objects;

/**
 * When a generator issues its operations: an open model (operations arrive on a schedule whatever
 * the kernel does, so a slow kernel shows as a shortfall against the intended rate) or a closed
 * model (N clients, each issuing its next operation when its last one completes). A profile runs
 * from the start of the run to its end; once a ramp or the last stair is over, its final rate holds.
 */
public sealed interface Injection {
    /** The profile's name in a scenario file. */
    String profile();

    static Injection constant(String rate) {
        return new Constant(Rate.parse(rate));
    }

    static Injection poisson(String rate) {
        return new Poisson(Rate.parse(rate));
    }

    static Injection ramp(String from, String to, String over) {
        return new Ramp(Rate.parse(from), Rate.parse(to), Units.parseDuration(over));
    }

    static Injection stairs(String start, String step, int steps, String each) {
        return new Stairs(Rate.parse(start), Rate.parse(step), steps, Units.parseDuration(each));
    }

    static Injection spike(String base, String peak, String at, String length) {
        return new Spike(Rate.parse(base), Rate.parse(peak), Units.parseDuration(at), Units.parseDuration(length));
    }

    static Injection closed(int clients, String think) {
        return new Closed(clients, Units.parseDuration(think));
    }

    /** An open-model profile: arrivals on a schedule. */
    sealed interface Open extends Injection {
    }

    /** Evenly spaced arrivals at {@code rate}. */
    record Constant(Rate rate) implements Open {
        public Constant {
            Objects.requireNonNull(rate, "rate");
        }

        @Override
        public String profile() {
            return "constant";
        }
    }

    /** The rate moves linearly from {@code from} to {@code to} over {@code over}, then stays at {@code to}. */
    record Ramp(Rate from, Rate to, Duration over) implements Open {
        public Ramp {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(over, "over");
        }

        @Override
        public String profile() {
            return "ramp";
        }
    }

    /**
     * {@code steps} levels, each lasting {@code each}: {@code start}, start + step, ...,
     * start + (steps - 1) x step; the last level holds afterwards.
     */
    record Stairs(Rate start, Rate step, int steps, Duration each) implements Open {
        public Stairs {
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(step, "step");
            Objects.requireNonNull(each, "each");
        }

        @Override
        public String profile() {
            return "stairs";
        }
    }

    /** {@code base}, except {@code peak} from {@code at} for {@code length}. */
    record Spike(Rate base, Rate peak, Duration at, Duration length) implements Open {
        public Spike {
            Objects.requireNonNull(base, "base");
            Objects.requireNonNull(peak, "peak");
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(length, "length");
        }

        @Override
        public String profile() {
            return "spike";
        }
    }

    /** Poisson arrivals with mean {@code rate}: exponential gaps drawn from the generator's stream. */
    record Poisson(Rate rate) implements Open {
        public Poisson {
            Objects.requireNonNull(rate, "rate");
        }

        @Override
        public String profile() {
            return "poisson";
        }
    }

    /** {@code clients} clients, each issuing its next operation {@code think} after its last completed. */
    record Closed(int clients, Duration think) implements Injection {
        public Closed {
            Objects.requireNonNull(think, "think");
        }

        @Override
        public String profile() {
            return "closed";
        }
    }
}
