package io.watchsim.simulations.runner;

import io.watchsim.simulations.scenario.Fault;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * One fault of the plan as the injector holds it: its random stream ({@code fault:NAME}), the
 * periods gone by, and the members it has already destroyed, crashed or closed. Every draw is
 * made on the injector's actor, in firing order, and depends on nothing but the seed, the fault
 * and the world: one seed gives the same firings and the same members, whatever the kernel
 * answers and however the other faults draw.
 *
 * <p>Per period of an {@code every} fault the stream gives first the draw that decides whether it
 * fires, then the members it picks.
 */
final class ArmedFault {
    private final Fault fault;
    private final SplittableRandom random;
    private final BitSet hit = new BitSet();
    private List<?> group;
    private int periods;

    ArmedFault(Fault fault, SplittableRandom random) {
        this.fault = fault;
        this.random = random;
    }

    Fault fault() {
        return fault;
    }

    /** The next period of an every trigger (1, 2, ...): it is due at period × this. */
    int nextPeriod() {
        return ++periods;
    }

    /** Whether this period fires: one draw, below {@code probability} (0 never, 1 always). */
    boolean fires(double probability) {
        return random.nextDouble() < probability;
    }

    /** The group the fault acts on, computed once (the world does not change). */
    @SuppressWarnings("unchecked")
    <T> List<T> group(Supplier<List<T>> compute) {
        if (group == null) {
            group = List.copyOf(compute.get());
        }
        return (List<T>) group;
    }

    /**
     * {@link Shares#count} of the group's members, drawn among those this fault has not picked
     * before (a destroyed object or a closed queue cannot be hit again), in group order; fewer
     * when fewer are left.
     */
    <T> List<T> pickFresh(List<T> members, double share) {
        int left = members.size() - hit.cardinality();
        int k = Math.min(Shares.count(share, members.size()), left);
        int[] positions = Shares.sample(left, k, random);
        int[] indices = new int[k];
        int index = hit.nextClearBit(0);
        int position = 0;
        for (int i = 0; i < k; i++) {
            while (position < positions[i]) {
                index = hit.nextClearBit(index + 1);
                position++;
            }
            indices[i] = index;
        }
        List<T> picked = new ArrayList<>(k);
        for (int i : indices) {
            hit.set(i);
            picked.add(members.get(i));
        }
        return picked;
    }

    /** {@link Shares#count} of the group's members, drawn among all of them, in group order. */
    <T> List<T> pickAny(List<T> members, double share) {
        int[] positions = Shares.sample(members.size(), Shares.count(share, members.size()), random);
        List<T> picked = new ArrayList<>(positions.length);
        for (int p : positions) {
            picked.add(members.get(p));
        }
        return picked;
    }

    /** One member, drawn uniformly. */
    <T> T pickOne(List<T> members) {
        return members.get(random.nextInt(members.size()));
    }
}
