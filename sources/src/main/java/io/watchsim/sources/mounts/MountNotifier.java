package io.watchsim.sources.mounts;

import io.watchsim.actors.ObjectEvent;
import io.watchsim.queues.record.MountNotify;
import io.watchsim.queues.record.Notification;
import io.watchsim.queues.record.SuperblockNotify;

import java.util.ArrayList;
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
 * a mount with no watches is crossed straight to its root. It stops at the global root, or where
 * it escapes a mount's tree (a directory with no parent that is not the mount's root: a rename took
 * the path out from under a bind mount's root). A rename may race with the walk ({@link #race}).
 */
final class MountNotifier {
    private final V5Bugs bugs;
    /** A rename waiting to land during the next walk, or null. */
    private PendingRename pending;

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

    /**
     * Arms a rename to land during the next walk (the call's first), or disarms it ({@code null}).
     */
    void race(PendingRename rename) {
        this.pending = rename;
    }

    /**
     * The walk of one record. With a rename racing it ({@link #race}), the rename lands after the
     * pass has reached the chosen number of watched directories, and the pass goes on from where it
     * is, in the renamed tree. A rename that moved an entry meanwhile makes the walk start again
     * from the trigger's root (rename_lock's sequence moved; the second pass holds the lock, so it
     * is the last): ver #5 keeps what the first pass posted and counted, so the watches both passes
     * reach get the record twice; meant, the first pass is dropped and the second alone counts.
     */
    private void walk(Mount trigger, Notification atRoot, List<MountStep> steps) {
        PendingRename race = pending;
        pending = null;
        Pass first = pass(trigger, atRoot, race);
        if (race == null) {
            first.apply(steps);
            return;
        }
        race.land(RacingRename.Landing.AFTER_WALK);   // no-op when it landed during the pass
        if (!race.movedDuringWalk() || bugs.has(V5Bug.RENAME_RETRY_DUPLICATES)) {
            first.apply(steps);
        }
        if (race.movedDuringWalk()) {
            pass(trigger, atRoot, null).apply(steps);
        }
    }

    /** What one pass of the walk posts, in order, and the mounts it steps into (their subtree counters grow). */
    private record Pass(List<MountStep> posts, List<Mount> entered) {
        void apply(List<MountStep> steps) {
            steps.addAll(posts);
            entered.forEach(m -> m.subtreeNotifications++);
        }
    }

    private Pass pass(Mount trigger, Notification atRoot, PendingRename race) {
        List<MountStep> posts = new ArrayList<>();
        List<Mount> entered = new ArrayList<>();
        Notification inSubtree = null;
        boolean below = false;
        Mount mnt = trigger;
        Dentry cursor = trigger.root;
        if (race != null && race.afterWatched == 0) {
            race.land(RacingRename.Landing.DURING_WALK);
        }
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
                    posts.add(new MountStep.Post(new ObjectEvent(mnt.objectId, MountIds.dentryWatchId(cursor, bugs),
                            List.of(n))));
                    if (race != null && posts.size() == race.afterWatched) {
                        race.land(RacingRename.Landing.DURING_WALK);
                    }
                }
            } else {
                cursor = mnt.root;
            }
            below = true;
            if (cursor == mnt.root || cursor.isRoot()) {
                if (cursor != mnt.root || mnt.isGlobalRoot()) {
                    return new Pass(posts, entered);   // escaped the mount's tree, or reached the global root
                }
                cursor = mnt.mountpoint;
                mnt = mnt.parent;
                entered.add(mnt);
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
