package io.watchsim.sources.mounts;

import java.util.List;

/**
 * What the fsinfo-style query tells of one mount, as the fsinfo() of ver #5's time gave it
 * (FSINFO_ATTR_MOUNT_INFO and FSINFO_ATTR_MOUNT_CHILDREN): the mount's id, its unique id, its three
 * counters and, for each child mount in the order they were attached, the child's ids and counters.
 *
 * <p>The mount id is reused once a mount is freed; the unique id ({@code mnt_unique_id}) never is,
 * so a reader can tell a mount from a later one that took its id. Counters are u32 and wrap (read
 * them unsigned, compare them only for equality): {@code topologyChanges} counts the topology events
 * the mount was the trigger or the auxiliary mount of, {@code attrChanges} its attribute events,
 * {@code subtreeNotifications} the events triggered strictly below it (the rootward walk steps into
 * it once for each). A reader that compares a child's counters with the ones it last saw knows,
 * without asking about the child, whether the child changed and whether anything below it did.
 */
public record MountInfo(int mntId, long uniqueId, int topologyChanges, int attrChanges, int subtreeNotifications,
                        List<Child> children) {
    public MountInfo {
        children = List.copyOf(children);
    }

    /** One child mount: its ids and counters, as the query of the child itself would give them. */
    public record Child(int mntId, long uniqueId, int topologyChanges, int attrChanges, int subtreeNotifications) {
    }
}
