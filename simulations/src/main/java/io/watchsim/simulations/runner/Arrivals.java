package io.watchsim.simulations.runner;

import io.watchsim.simulations.scenario.Injection;

import java.util.SplittableRandom;

/**
 * When an open-model generator's operations are due: how many have come due from the start to a
 * moment. Asked with moments that never go back; keeps O(1) state, so a generator that falls
 * behind never holds a backlog, only a count.
 */
interface Arrivals {
    /** Operations due at or before {@code nanos} since the start; never less than an earlier answer. */
    long dueBy(long nanos);

    /** The arrivals of an open profile: scheduled on its rate, or Poisson with gaps drawn from {@code gaps}. */
    static Arrivals of(Injection.Open open, SplittableRandom gaps) {
        if (open instanceof Injection.Poisson p) {
            return new Poisson(p.rate().perSecond(), gaps);
        }
        return new Scheduled(RateProfile.of(open));
    }

    /**
     * Arrivals on a rate profile's schedule: the k-th is due once the profile's integral reaches k
     * (for a constant rate: evenly spaced, the first one interval after the start).
     */
    final class Scheduled implements Arrivals {
        /** Slack for rounding in the integral, so that an exact k computed as k - 1e-12 still counts. */
        private static final double SLACK = 1e-9;
        private final RateProfile profile;
        private long due;

        Scheduled(RateProfile profile) {
            this.profile = profile;
        }

        @Override
        public long dueBy(long nanos) {
            due = Math.max(due, (long) Math.floor(profile.expectedBy(nanos) + SLACK));
            return due;
        }
    }

    /**
     * Poisson arrivals with mean {@code perSecond}: exponential gaps of mean 1/rate, each drawn
     * from {@code gaps} when the previous arrival is passed.
     */
    final class Poisson implements Arrivals {
        private final double meanGapNanos;
        private final SplittableRandom gaps;
        private double next;
        private long due;

        Poisson(double perSecond, SplittableRandom gaps) {
            this.meanGapNanos = RateProfile.NANOS / perSecond;
            this.gaps = gaps;
            this.next = gap();
        }

        /** An exponential gap: -ln(U) times the mean, U uniform in (0, 1]. */
        private double gap() {
            return -Math.log(1.0 - gaps.nextDouble()) * meanGapNanos;
        }

        @Override
        public long dueBy(long nanos) {
            while (next <= nanos) {
                due++;
                next += gap();
            }
            return due;
        }
    }
}
