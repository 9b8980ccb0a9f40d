package io.watchsim.simulations.scenario;

import java.util.Locale;

/**
 * Which of a mount tree's mounts a mount or superblock watch rule watches
 * ({@code watches.NAME.scope}): the tree's top only (a mount watch there sees the whole tree, the
 * records of the mounts below with IN_SUBTREE), or every mount of the tree (nested watches: one
 * event reaches a queue once for each watched directory its walk passes).
 */
public enum WatchScope {
    TOP, EVERY;

    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }
}
