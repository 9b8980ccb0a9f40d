package io.watchsim.simulations.scenario;

import java.util.Objects;

/**
 * One entry of the fault plan ({@code faults.NAME}): when it fires and what it does. The runner
 * records each firing with its time; the simulated kernel must survive it.
 */
public record Fault(String name, Trigger trigger, FaultAction action) {
    public Fault {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(action, "action");
    }

    /** {@code action} once at {@code time}. */
    public static Fault at(String name, String time, FaultAction action) {
        return new Fault(name, Trigger.at(time), action);
    }

    /** {@code action} every {@code period} with {@code probability}. */
    public static Fault every(String name, String period, double probability, FaultAction action) {
        return new Fault(name, Trigger.every(period, probability), action);
    }
}
