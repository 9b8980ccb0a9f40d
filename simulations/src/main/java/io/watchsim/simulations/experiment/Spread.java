package io.watchsim.simulations.experiment;

import java.util.List;

/**
 * One metric over a point's replications: how many measured it, their mean, sample standard
 * deviation (0 for one), least and most. Runs that did not measure it (NaN) are left out; none
 * measured: every figure NaN.
 */
public record Spread(int measured, double mean, double sd, double min, double max) {
    public static Spread of(List<Double> values) {
        int n = 0;
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                n++;
                sum += v;
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        if (n == 0) {
            return new Spread(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double mean = sum / n;
        double squares = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                squares += (v - mean) * (v - mean);
            }
        }
        return new Spread(n, mean, n > 1 ? Math.sqrt(squares / (n - 1)) : 0, min, max);
    }
}
