package io.watchsim.simulations.runner;

import io.watchsim.simulations.scenario.Injection;

/**
 * An open-model injection profile as a function of run time: the rate it asks for at each moment,
 * and the operations it asks for from the start to a moment (the integral of the rate, computed in
 * closed form, so that a generator's intended count depends only on elapsed time, never on how
 * often it looked or how fast the kernel answered). Times are nanoseconds since the workload
 * started ({@link RunClock}); rates are operations per second.
 */
sealed interface RateProfile {
    /** Nanoseconds per second. */
    double NANOS = 1e9;

    /** The rate asked for at {@code nanos} (0 or more). */
    double rateAt(long nanos);

    /** The operations asked for from the start to {@code nanos}: the integral of {@link #rateAt}. */
    double expectedBy(long nanos);

    /** The highest rate the profile ever asks for. */
    double peak();

    /** The rate function of an open profile; a Poisson profile's is its mean rate. */
    static RateProfile of(Injection.Open open) {
        if (open instanceof Injection.Constant c) {
            return new Constant(c.rate().perSecond());
        }
        if (open instanceof Injection.Poisson p) {
            return new Constant(p.rate().perSecond());
        }
        if (open instanceof Injection.Ramp r) {
            return new Ramp(r.from().perSecond(), r.to().perSecond(), r.over().toNanos());
        }
        if (open instanceof Injection.Stairs s) {
            return new Stairs(s.start().perSecond(), s.step().perSecond(), s.steps(), s.each().toNanos());
        }
        Injection.Spike s = (Injection.Spike) open;
        return new Spike(s.base().perSecond(), s.peak().perSecond(), s.at().toNanos(), s.length().toNanos());
    }

    /** {@code perSecond} all the time. */
    record Constant(double perSecond) implements RateProfile {
        @Override
        public double rateAt(long nanos) {
            return perSecond;
        }

        @Override
        public double expectedBy(long nanos) {
            return perSecond * Math.max(0, nanos) / NANOS;
        }

        @Override
        public double peak() {
            return perSecond;
        }
    }

    /** From {@code from} to {@code to} linearly over {@code overNanos}, then {@code to}. */
    record Ramp(double from, double to, long overNanos) implements RateProfile {
        @Override
        public double rateAt(long nanos) {
            if (nanos >= overNanos) {
                return to;
            }
            return from + (to - from) * Math.max(0, nanos) / overNanos;
        }

        @Override
        public double expectedBy(long nanos) {
            long t = Math.max(0, nanos);
            if (t <= overNanos) {
                // from * t + (to - from) * t^2 / (2 * over), in seconds
                double s = t / NANOS;
                return from * s + (to - from) * s * (t / (double) overNanos) / 2;
            }
            return (from + to) * (overNanos / NANOS) / 2 + to * ((t - overNanos) / NANOS);
        }

        @Override
        public double peak() {
            return Math.max(from, to);
        }
    }

    /**
     * {@code steps} levels of {@code eachNanos}: start, start + step, ...; the last one holds.
     * Level boundaries are found in whole nanoseconds, so that a moment on a boundary belongs to
     * the level it starts.
     */
    record Stairs(double start, double step, int steps, long eachNanos) implements RateProfile {
        private double level(long k) {
            return start + Math.min(k, steps - 1L) * step;
        }

        @Override
        public double rateAt(long nanos) {
            return level(Math.max(0, nanos) / eachNanos);
        }

        @Override
        public double expectedBy(long nanos) {
            long t = Math.max(0, nanos);
            long k = Math.min(t / eachNanos, steps);
            // the k full levels: each * (k * start + step * k (k - 1) / 2), then the part of the next
            double full = (eachNanos / NANOS) * (k * start + step * (k * (k - 1) / 2.0));
            return full + level(k) * ((t - k * eachNanos) / NANOS);
        }

        @Override
        public double peak() {
            return level(steps - 1L);
        }
    }

    /** {@code base}, except {@code peak} from {@code atNanos} for {@code lengthNanos}. */
    record Spike(double base, double peak, long atNanos, long lengthNanos) implements RateProfile {
        @Override
        public double rateAt(long nanos) {
            return nanos >= atNanos && nanos - atNanos < lengthNanos ? peak : base;
        }

        @Override
        public double expectedBy(long nanos) {
            long t = Math.max(0, nanos);
            long inSpike = Math.min(Math.max(0, t - atNanos), lengthNanos);
            return base * ((t - inSpike) / NANOS) + peak * (inSpike / NANOS);
        }

        @Override
        public double peak() {
            return Math.max(base, peak);
        }
    }
}
