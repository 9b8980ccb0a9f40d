package io.watchsim.sources.mounts;

import io.watchsim.actors.ObjectEvent;
import io.watchsim.queues.record.MountNotify;
import io.watchsim.queues.record.Notification;
import io.watchsim.queues.record.SuperblockNotify;

import java.util.List;

/**
 * The records of ver #5's fs/mount_notify.c and of notify_sb(): {@code notify_mount()} moves the
 * counters (whether or not anyone watches) and builds the record, then the rootward walk of
 * {@code post_mount_notification()} turns it into one {@link MountStep.Post} per watched directory
 * it passes, in walk order.
 *
 * <p>The walk starts at the trigger mount's root with IN_SUBTREE clear. At each step, if the mount
 * has watches and the directory was ever watched, the record goes to the watches on that mount
 * whose id is that directory; from then on IN_SUBTREE is set. It then goes to the parent directory,
 * or, at a mount's root, to the mountpoint in the parent mount (whose subtree counter grows by one);
 * a mount with no watches is crossed straight to its root. It stops at the global root.
 */
final class MountNotifier {
    private final V5Bugs bugs;

    MountNotifier(V5Bugs bugs) {
        this.bugs = bugs;
    }

    /** EXPIRY, READONLY, SETATTR: the trigger's attribute counter grows; no auxiliary mount. */
    void notifyAttr(Mount trigger, int subtype, int flags, List<MountStep> steps) {
        trigger.attrChanges++;
        Notification n = MountNotify.of(subtype, flags, trigger.mntId, 0, trigger.topologyChanges,
                trigger.attrChanges, 0);
        walk(trigger, n, steps);
    }

    /** NEW_MOUNT, UNMOUNT, MOVE_FROM, MOVE_TO: the topology counters of the trigger and the auxiliary mount grow. */
    void notifyTopology(Mount trigger, Mount aux, int subtype, int flags, List<MountStep> steps) {
        trigger.topologyChanges++;
        aux.topologyChanges++;
        Notification n = MountNotify.of(subtype, flags, trigger.mntId, aux.mntId, trigger.topologyChanges,
                trigger.attrChanges, aux.topologyChanges);
        walk(trigger, n, steps);
    }

    private void walk(Mount trigger, Notification atRoot, List<MountStep> steps) {
        Notification inSubtree = null;
        boolean below = false;
        Mount mnt = trigger;
        Dentry cursor = trigger.root;
        while (true) {
            if (mnt.watchCount > 0) {
                if (cursor.mountWatched) {
                    Notification n = atRoot;
                    if (below) {
                        if (inSubtree == null) {
                            inSubtree = withInSubtree(atRoot);
                        }
                        n = inSubtree;
                    }
                    steps.add(new MountStep.Post(new ObjectEvent(mnt.objectId, MountIds.dentryWatchId(cursor, bugs),
                            List.of(n))));
                }
            } else {
                cursor = mnt.root;
            }
            below = true;
            if (cursor == mnt.root || cursor.isRoot()) {
                if (cursor != mnt.root || mnt.isGlobalRoot()) {
                    return;   // escaped the mount's tree, or reached the global root
                }
                cursor = mnt.mountpoint;
                mnt = mnt.parent;
                mnt.subtreeNotifications++;
            } else {
                cursor = cursor.parent;
            }
        }
    }

    private static Notification withInSubtree(Notification n) {
        return MountNotify.of(n.subtype(), (n.info() & 0xFFFF0000) | MountNotify.NOTIFY_MOUNT_IN_SUBTREE,
                MountNotify.triggeredOn(n), MountNotify.auxiliaryMount(n), MountNotify.topologyChanges(n),
                MountNotify.attrChanges(n), MountNotify.auxTopologyChanges(n));
    }

    /** A superblock record, posted only when the superblock ever had a watch (its watch list exists). */
    void notifySuperblock(Superblock sb, Notification n, List<MountStep> steps) {
        if (sb.everWatched) {
            steps.add(new MountStep.Post(ObjectEvent.of(sb.id, n)));
        }
    }

    static Notification superblockRecord(Superblock sb, int subtype, int flags) {
        return SuperblockNotify.of(subtype, flags, sb.id);
    }
}
