package io.watchsim.simulations.scenario;

import java.util.Comparator;
import java.util.List;

/** The scenario's faults ({@code faults}), in name order. */
public record FaultPlan(List<Fault> faults) {
    public static final FaultPlan NONE = new FaultPlan(List.of());

    public FaultPlan {
        faults = faults.stream().sorted(Comparator.comparing(Fault::name)).toList();
    }
}
