package io.watchsim.sources.mounts;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The state of one mount namespace: its mounts by id, which mount sits on which (mount, directory)
 * pair, its superblocks, and the allocators of every id. Structure only; the operations and their
 * checks are {@link MountTable}'s, the records {@link MountNotifier}'s.
 */
final class MountNamespace {
    /** The root mount's filesystem type. */
    static final String ROOT_FS_TYPE = "rootfs";

    private final MountIdAllocator mountIds = new MountIdAllocator();
    private final Map<Integer, Mount> mounts = new TreeMap<>();
    /** The mount on each (parent mount, directory) pair: at most one, since mounting always goes on top. */
    private final Map<Mount, Map<Dentry, Mount>> mountedOn = new IdentityHashMap<>();
    private final Map<Long, Superblock> superblocks = new HashMap<>();
    private final Map<Long, Dentry> dentries = new HashMap<>();
    private long nextSuperblockId = MountIds.FIRST_SUPERBLOCK_ID;
    private long nextMountObjectId = MountIds.FIRST_MOUNT_OBJECT_ID;
    private long nextDentryNumber = 1;
    /** The value every new mount's three counters start from: 0, as the kernel zeroes a new mount. */
    private final int counterStart;
    private final Mount root;

    MountNamespace() {
        this(0);
    }

    /**
     * A namespace whose mounts' counters start at {@code counterStart} instead of 0: for tests of
     * what happens when the u32 counters wrap, which would otherwise take 2^32 events.
     */
    MountNamespace(int counterStart) {
        this.counterStart = counterStart;
        Superblock sb = newSuperblock(ROOT_FS_TYPE, false, false, null);
        root = newMount(sb, sb.root, 0);
    }

    Mount rootMount() {
        return root;
    }

    Superblock newSuperblock(String fsType, boolean readOnly, boolean submount, String label) {
        Superblock sb = new Superblock(nextSuperblockId++, fsType, readOnly, submount, label);
        sb.root = new Dentry(nextDentryNumber++, "", null, sb, true, 0755, 0, 0);
        dentries.put(sb.root.number, sb.root);
        superblocks.put(sb.id, sb);
        return sb;
    }

    /** A new, unattached mount of {@code root} (its own parent until attached); the superblock gains an active reference. */
    Mount newMount(Superblock sb, Dentry root, int attrs) {
        Mount m = new Mount(mountIds.allocate(), nextMountObjectId++, sb, root, attrs);
        m.topologyChanges = counterStart;
        m.attrChanges = counterStart;
        m.subtreeNotifications = counterStart;
        sb.activeMounts++;
        mounts.put(m.mntId, m);
        return m;
    }

    Dentry newEntry(Dentry dir, String name, boolean directory, int mode, int uid, int gid) {
        Dentry d = new Dentry(nextDentryNumber++, name, dir, dir.sb, directory, mode, uid, gid);
        dir.children.put(name, d);
        dentries.put(d.number, d);
        return d;
    }

    /**
     * d_move(): {@code d} leaves its directory and becomes {@code name} in {@code dir}, replacing the
     * entry of that name there, if any (which leaves the tree: a path no longer reaches it). Entries,
     * mounts and watches below {@code d} go with it.
     */
    void move(Dentry d, Dentry dir, String name) {
        d.parent.children.remove(d.name, d);
        Dentry replaced = dir.children.put(name, d);
        if (replaced != null && replaced != d) {
            forget(replaced);
        }
        d.parent = dir;
        d.name = name;
    }

    /** Whether a mount of this namespace sits on {@code d} ({@code is_local_mountpoint()}). */
    boolean isMountpoint(Dentry d) {
        for (Map<Dentry, Mount> on : mountedOn.values()) {
            if (on.containsKey(d)) {
                return true;
            }
        }
        return false;
    }

    void attach(Mount child, Mount parent, Dentry mountpoint) {
        child.parent = parent;
        child.mountpoint = mountpoint;
        child.attached = true;
        parent.children.add(child);
        mountedOn.computeIfAbsent(parent, k -> new IdentityHashMap<>()).put(mountpoint, child);
    }

    void detach(Mount child) {
        Mount parent = child.parent;
        parent.children.remove(child);
        Map<Dentry, Mount> on = mountedOn.get(parent);
        if (on != null && on.remove(child.mountpoint, child) && on.isEmpty()) {
            mountedOn.remove(parent);
        }
        child.parent = child;
        child.mountpoint = child.root;
        child.attached = false;
    }

    /**
     * Frees a detached mount: its id becomes free for the next mount, and its superblock loses an
     * active reference. True when that was the superblock's last one (it is then deactivated).
     */
    boolean free(Mount m) {
        mounts.remove(m.mntId);
        mountIds.free(m.mntId);
        mountedOn.remove(m);
        if (--m.sb.activeMounts == 0) {
            superblocks.remove(m.sb.id);
            forget(m.sb.root);
            return true;
        }
        return false;
    }

    private void forget(Dentry d) {
        dentries.remove(d.number);
        d.children.values().forEach(this::forget);
    }

    /** Down through every mount stacked on {@code p}, as a path walk does after each step. */
    PathPoint followMounts(PathPoint p) {
        PathPoint at = p;
        while (true) {
            Map<Dentry, Mount> on = mountedOn.get(at.mount());
            Mount child = on == null ? null : on.get(at.dentry());
            if (child == null) {
                return at;
            }
            at = new PathPoint(child, child.root);
        }
    }

    Superblock superblock(long id) {
        return superblocks.get(id);
    }

    Dentry dentry(long number) {
        return dentries.get(number);
    }

    Mount mount(int mntId) {
        return mounts.get(mntId);
    }

    /** Every mount, by id. */
    List<Mount> mounts() {
        return new ArrayList<>(mounts.values());
    }

    int superblockCount() {
        return superblocks.size();
    }

    /** {@code m} and every mount below it, parents before children, siblings in attach order (next_mnt()'s order). */
    static List<Mount> subtree(Mount m) {
        List<Mount> out = new ArrayList<>();
        collect(m, out);
        return out;
    }

    private static void collect(Mount m, List<Mount> out) {
        out.add(m);
        for (Mount c : m.children) {
            collect(c, out);
        }
    }
}
