package io.watchsim.sources.mounts;

import java.util.List;

/**
 * What the fsinfo-style query tells of one mount: its counters and, for each child mount in the
 * order they were attached, the child's id and counters. Counters are u32 (read them unsigned).
 */
public record MountInfo(int mntId, int topologyChanges, int attrChanges, int subtreeNotifications,
                        List<Child> children) {
    public MountInfo {
        children = List.copyOf(children);
    }

    public record Child(int mntId, int topologyChanges, int attrChanges) {
    }
}
