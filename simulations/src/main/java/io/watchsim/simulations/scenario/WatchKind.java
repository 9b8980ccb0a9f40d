package io.watchsim.simulations.scenario;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What a watch rule watches ({@code watches.NAME.kind}): keys (KEYCTL_WATCH_KEY on each object of
 * an object group), mounts (watch_mount on a mount tree's directories: each watch sees the events
 * of the mount whose root it is on and, with IN_SUBTREE, of every mount below it) or superblocks
 * (watch_sb on the superblocks of a mount tree's mounts).
 */
public enum WatchKind {
    KEY, MOUNT, SUPERBLOCK;

    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<WatchKind> byKeyword(String keyword) {
        return Arrays.stream(values()).filter(k -> k.keyword().equals(keyword)).findFirst();
    }
}
