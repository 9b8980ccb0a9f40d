package io.watchsim.policies;

import java.util.Map;

/**
 * The policy's counts at one moment: per hook, how many checks were made and how many allowed
 * and denied. {@code checks == allows + denials} for every hook.
 */
public record PolicyCounts(long version, String engine, Map<Hook, HookCounts> hooks) {
    public PolicyCounts {
        hooks = Map.copyOf(hooks);
    }

    /** The counts of one hook. */
    public record HookCounts(long checks, long allows, long denials) {
    }

    public HookCounts of(Hook hook) {
        return hooks.getOrDefault(hook, new HookCounts(0, 0, 0));
    }
}
