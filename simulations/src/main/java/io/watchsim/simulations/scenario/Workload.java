package io.watchsim.simulations.scenario;

import java.util.Comparator;
import java.util.List;

/** The scenario's generators ({@code workload}), in name order; they run side by side for the whole run. */
public record Workload(List<Generator> generators) {
    public static final Workload NONE = new Workload(List.of());

    public Workload {
        generators = generators.stream().sorted(Comparator.comparing(Generator::name)).toList();
    }
}
