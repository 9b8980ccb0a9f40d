package io.watchsim.sources.mounts;

import java.util.EnumSet;
import java.util.Set;

/**
 * Which ver #5 bugs the mount and superblock sources reproduce: none by default (the intended
 * behaviour), every one with {@code --v5-bugs} (and {@code world.v5-bugs} in a scenario), or any
 * selection (tests). Immutable. Every ver #5 bug that docs/KERNEL-BEHAVIOUR.md lists as reproducible
 * is a {@link V5Bug}, the rootward walk's duplicates after a racing rename
 * ({@link V5Bug#RENAME_RETRY_DUPLICATES}, made deterministic with a {@link RacingRename}) among them.
 */
public record V5Bugs(Set<V5Bug> bugs) {
    private static final V5Bugs NONE = new V5Bugs(Set.of());
    private static final V5Bugs ALL = new V5Bugs(EnumSet.allOf(V5Bug.class));

    public V5Bugs {
        bugs = bugs.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(bugs));
    }

    /** The intended behaviour: no bug reproduced. */
    public static V5Bugs none() {
        return NONE;
    }

    /** Every modelled bug, as ver #5 behaves. */
    public static V5Bugs all() {
        return ALL;
    }

    public static V5Bugs of(V5Bug first, V5Bug... rest) {
        return new V5Bugs(EnumSet.of(first, rest));
    }

    public boolean has(V5Bug bug) {
        return bugs.contains(bug);
    }
}
