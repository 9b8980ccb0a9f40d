package io.watchsim.simulations.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoublePredicate;

/**
 * The open-loop saturation of a path: the highest offered rate a trial sustains (the trial says
 * what sustained means: in the latency bench, nothing lost and every reader caught up soon after
 * the offer ends). From a first guess it doubles while trials succeed or halves while they fail
 * until one rate succeeded and one failed (at most {@link #BRACKET_STEPS} trials), then bisects
 * between the highest success and the lowest failure. Trials run one after another on the
 * caller's thread.
 */
final class SaturationSearch {
    /** The most trials spent finding a rate that succeeds and one that fails: a factor of 2^12 either way. */
    static final int BRACKET_STEPS = 12;

    /** One trial: the rate offered (events per second) and whether it was sustained. */
    record Trial(double eventsPerSecond, boolean sustained) {
    }

    /**
     * The outcome: the highest sustained rate (0 when none was), the lowest failed one (infinite
     * when none failed) and every trial in order.
     */
    record Result(double saturation, double lowestFailed, List<Trial> trials) {
        Result {
            trials = List.copyOf(trials);
        }
    }

    private SaturationSearch() {
    }

    /**
     * A rate counts as sustained if any of {@code tries} trials of it is: on a machine shared with
     * other work, a trial may fail because another process took the cores for longer than the
     * queues' slack, which says nothing of the path; a rate the path cannot carry fails every try.
     */
    static DoublePredicate bestOf(int tries, DoublePredicate trial) {
        if (tries < 1) {
            throw new IllegalArgumentException("at least one try, found " + tries);
        }
        return rate -> {
            for (int i = 0; i < tries; i++) {
                if (trial.test(rate)) {
                    return true;
                }
            }
            return false;
        };
    }

    /** Searches from {@code firstGuess} events per second, bisecting {@code bisections} times once bracketed. */
    static Result search(double firstGuess, int bisections, DoublePredicate sustains) {
        if (!(firstGuess > 0) || bisections < 0) {
            throw new IllegalArgumentException("a positive first guess and bisections >= 0, found " + firstGuess + ", "
                    + bisections);
        }
        List<Trial> trials = new ArrayList<>();
        double lo = 0;
        double hi = Double.POSITIVE_INFINITY;
        double rate = firstGuess;
        for (int step = 0; step < BRACKET_STEPS && (lo == 0 || hi == Double.POSITIVE_INFINITY); step++) {
            boolean ok = sustains.test(rate);
            trials.add(new Trial(rate, ok));
            if (ok) {
                lo = rate;
                rate *= 2;
            } else {
                hi = rate;
                rate /= 2;
            }
        }
        for (int i = 0; i < bisections && lo > 0 && hi < Double.POSITIVE_INFINITY; i++) {
            double mid = (lo + hi) / 2;
            boolean ok = sustains.test(mid);
            trials.add(new Trial(mid, ok));
            if (ok) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return new Result(lo, hi, trials);
    }
}
