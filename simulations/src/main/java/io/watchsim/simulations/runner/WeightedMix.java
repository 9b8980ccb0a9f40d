package io.watchsim.simulations.runner;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A generator's mix as a draw: the operations with a weight above 0, in the mix's order, each drawn
 * with the probability of its weight over the sum, one uniform number per draw. Immutable; the
 * caller's random stream is the only state.
 *
 * @param <T> the operation kind (key or mount operations)
 */
final class WeightedMix<T> {
    private final List<T> operations;
    private final double[] cumulative;

    private WeightedMix(List<T> operations, double[] cumulative) {
        this.operations = operations;
        this.cumulative = cumulative;
    }

    /** The operations of {@code weights} whose weight is above 0, in the map's order. */
    static <T> WeightedMix<T> of(Map<T, Double> weights) {
        List<T> ops = new ArrayList<>();
        double[] sums = new double[weights.size()];
        double sum = 0;
        for (Map.Entry<T, Double> e : weights.entrySet()) {
            if (e.getValue() > 0) {
                sum += e.getValue();
                sums[ops.size()] = sum;
                ops.add(e.getKey());
            }
        }
        return new WeightedMix<>(List.copyOf(ops), java.util.Arrays.copyOf(sums, ops.size()));
    }

    /** The operations that can be drawn. */
    List<T> operations() {
        return operations;
    }

    /** One operation, from one number of {@code random} (the mix must not be empty). */
    T draw(SplittableRandom random) {
        double u = random.nextDouble() * cumulative[cumulative.length - 1];
        for (int i = 0; i < cumulative.length - 1; i++) {
            if (u < cumulative[i]) {
                return operations.get(i);
            }
        }
        return operations.get(operations.size() - 1);
    }
}
