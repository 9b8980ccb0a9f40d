package io.watchsim.sources.mounts;

import io.watchsim.actors.WatchList;
import io.watchsim.policies.Capability;
import io.watchsim.policies.Credentials;
import io.watchsim.policies.ObjectKind;
import io.watchsim.policies.SecuredObject;
import io.watchsim.queues.Errno;
import io.watchsim.queues.ErrnoException;
import io.watchsim.queues.SysResult;
import io.watchsim.queues.record.MountNotify;
import io.watchsim.queues.record.SuperblockNotify;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The mount and superblock world of one simulated kernel as a plain single-owner model, after the
 * ver #5 patches ("pipe: Keyrings, mount and superblock notifications"): a mount namespace of
 * directories and files, mounts and superblocks, paths resolved through mounts, and the operations
 * that change them, each with the kernel's checks and errnos and the records ver #5 posts
 * ({@code notify_mount()} in fs/namespace.c and fs/mount_notify.c, {@code notify_sb()} in
 * fs/super.c). Every call returns its result and the {@link MountStep}s to carry out, in order;
 * the {@code MountService} actor owns one and carries them out on the kernel's actors.
 *
 * <p>What happens where, and in which order, is in docs/KERNEL-BEHAVIOUR.md ("Mounts (ver #5)",
 * "Superblocks (ver #5)", "Mount and superblock watches (ver #5)"). Counters move whether or not
 * anyone watches. The ver #5 bugs are reproduced only when {@link V5Bugs} says so.
 *
 * <p>Concurrency contract: single owner, not thread-safe; the kernel decides these operations
 * under its namespace lock, one at a time, and so does this class.
 */
public final class MountTable {
    /** AT_NO_AUTOMOUNT and AT_EMPTY_PATH: the only flags watch_mount and watch_sb take. */
    public static final int AT_NO_AUTOMOUNT = 0x800;
    public static final int AT_EMPTY_PATH = 0x1000;

    private final V5Bugs bugs;
    private final MountNamespace ns;
    private final PathResolver paths;
    private final MountNotifier notifier;

    public MountTable(V5Bugs bugs) {
        this(bugs, 0);
    }

    /** A table whose mounts' counters start at {@code counterStart}, for tests of counter wrap. */
    MountTable(V5Bugs bugs, int counterStart) {
        this.bugs = bugs;
        this.ns = new MountNamespace(counterStart);
        this.paths = new PathResolver(ns);
        this.notifier = new MountNotifier(bugs);
    }

    public V5Bugs bugs() {
        return bugs;
    }

    /** The state, for this package's tests. */
    MountNamespace namespace() {
        return ns;
    }

    /** The outcome of one call: its result (0, a mount id, or an errno) and the steps to carry out, in order. */
    public record Outcome(SysResult result, List<MountStep> steps) {
        public Outcome {
            steps = List.copyOf(steps);
        }
    }

    @FunctionalInterface
    private interface Body {
        long run(List<MountStep> steps);
    }

    /** Runs one call: an {@link ErrnoException} becomes its errno, with no step carried out. */
    private static Outcome call(Body body) {
        List<MountStep> steps = new ArrayList<>();
        try {
            return new Outcome(SysResult.ok(body.run(steps)), steps);
        } catch (ErrnoException e) {
            return new Outcome(SysResult.of(e), List.of());
        }
    }

    // =====================================================================================
    // The world as it is
    // =====================================================================================

    /** The steps that make the actors of the namespace's root mount and its superblock (once, at start). */
    public List<MountStep> bootSteps() {
        Mount root = ns.rootMount();
        return List.of(createSuperblock(root.sb), createMount(root));
    }

    public int rootMountId() {
        return ns.rootMount().mntId;
    }

    public Optional<MountView> mount(int mntId) {
        return Optional.ofNullable(ns.mount(mntId)).map(MountTable::view);
    }

    /** Every mount, by id. */
    public List<MountView> mounts() {
        return ns.mounts().stream().map(MountTable::view).toList();
    }

    public int superblockCount() {
        return ns.superblockCount();
    }

    private static MountView view(Mount m) {
        return new MountView(m.mntId, m.objectId, m.parent.mntId, m.sb.id, m.sb.fsType, m.sb.readOnly, m.sb.submount,
                m.attrs);
    }

    /** The mount {@code path} resolves in, or its errno (as {@code stat()} would walk). */
    public MountView mountAt(Credentials c, String path) {
        return view(paths.resolve(path, c, false).mount());
    }

    /** The watch id a mount watch on the directory {@code path} has (what its explicit removal record carries). */
    public long directoryWatchId(Credentials c, String path) {
        return MountIds.dentryWatchId(paths.resolve(path, c, false).dentry(), bugs);
    }

    // =====================================================================================
    // Directories and files
    // =====================================================================================

    /** mkdir(): 0, or ENOENT, ENOTDIR, EACCES (a walk), EEXIST, EROFS, EACCES (write on the parent). */
    public Outcome mkdir(Credentials c, String path) {
        return call(steps -> create(c, path, true));
    }

    /** A new regular file (open with O_CREAT|O_EXCL): 0, or the errnos of {@link #mkdir}. */
    public Outcome touch(Credentials c, String path) {
        return call(steps -> create(c, path, false));
    }

    private long create(Credentials c, String path, boolean directory) {
        PathResolver.Parent p = paths.parentOf(path, c);
        Dentry dir = p.dir().dentry();
        if (dir.children.containsKey(p.name())) {
            throw new ErrnoException(Errno.EEXIST, "'" + path + "' exists");
        }
        if (p.dir().mount().isReadOnly()) {
            throw new ErrnoException(Errno.EROFS, "'" + path + "' is on a read-only mount");
        }
        Permissions.check(dir, Permissions.MAY_WRITE | Permissions.MAY_EXEC, c);
        ns.newEntry(dir, p.name(), directory, directory ? 0755 : 0644, c.uid(), c.gid());
        return 0;
    }

    /**
     * rename(2) of the entry {@code from} to {@code to}, within one mount, as do_renameat2() and
     * vfs_rename() decide (fs/namei.c), in their order: the two parent walks' errnos; EXDEV when
     * the two parents are in different mounts (even two mounts of one filesystem); EBUSY when either
     * last component is {@code /}, {@code .} or {@code ..}; EROFS on a read-only mount; ENOENT when
     * {@code from} does not exist; ENOTDIR for a trailing slash on a non-directory; EINVAL when
     * {@code to} would be inside {@code from}; ENOTEMPTY when {@code to} is an ancestor of
     * {@code from}; 0 and nothing done when both name one entry; EACCES without write and search on
     * the directories (and write on a directory that changes parent); ENOTDIR or EISDIR when a
     * directory and a non-directory would replace each other; EBUSY when either is a mountpoint;
     * ENOTEMPTY when {@code to} is a directory with entries. Posts nothing: ver #5 has no rename
     * record, and a watch on a renamed directory (or below it) goes with it.
     */
    public Outcome rename(Credentials c, String from, String to) {
        return call(steps -> {
            renameEntry(c, from, to);
            return 0;
        });
    }

    /**
     * The call {@code call} (one of this table's, run now) with {@code race} landing during its
     * first walk ({@link RacingRename}), the rename made by a process with {@code c}.
     */
    public Raced racing(Credentials c, RacingRename race, java.util.function.Supplier<Outcome> call) {
        PendingRename pending = new PendingRename(race.afterWatched(), () -> {
            try {
                return new PendingRename.Done(SysResult.ok(), renameEntry(c, race.from(), race.to()));
            } catch (ErrnoException e) {
                return new PendingRename.Done(SysResult.of(e), false);
            }
        });
        notifier.race(pending);
        Outcome o;
        try {
            o = call.get();
        } finally {
            notifier.race(null);
        }
        pending.land(RacingRename.Landing.AFTER_CALL);
        return new Raced(o, pending.outcome(o.result()));
    }

    /** A call with a racing rename: the call's outcome (its steps), and what the two did. */
    public record Raced(Outcome call, RacingRename.Outcome race) {
    }

    /** The rename itself; true when an entry moved (d_move(), which bumps rename_lock's sequence). */
    private boolean renameEntry(Credentials c, String from, String to) {
        PathResolver.Last oldLast = paths.lastOf(from, c);
        PathResolver.Last newLast = paths.lastOf(to, c);
        Mount mnt = oldLast.dir().mount();
        if (mnt != newLast.dir().mount()) {
            throw new ErrnoException(Errno.EXDEV, "'" + from + "' and '" + to + "' are in different mounts");
        }
        if (!oldLast.normal() || !newLast.normal()) {
            throw new ErrnoException(Errno.EBUSY, "'" + (oldLast.normal() ? to : from)
                    + "' ends in /, . or .., which cannot be renamed");
        }
        if (mnt.isReadOnly()) {
            throw new ErrnoException(Errno.EROFS, "'" + from + "' is on a read-only mount");
        }
        Dentry oldDir = oldLast.dir().dentry();
        Dentry newDir = newLast.dir().dentry();
        Dentry source = oldDir.children.get(oldLast.name());
        if (source == null) {
            throw new ErrnoException(Errno.ENOENT, "'" + from + "': no entry '" + oldLast.name() + "' in " + oldDir);
        }
        Dentry target = newDir.children.get(newLast.name());
        if (!source.directory && (oldLast.trailingSlash() || newLast.trailingSlash())) {
            throw new ErrnoException(Errno.ENOTDIR, "'" + from + "' is not a directory, and a path to it or its new "
                    + "name ends in /");
        }
        Dentry trap = renameTrap(newDir, oldDir);
        if (source == trap) {
            throw new ErrnoException(Errno.EINVAL, "'" + to + "' would be inside '" + from + "'");
        }
        if (target != null && target == trap) {
            throw new ErrnoException(Errno.ENOTEMPTY, "'" + to + "' holds '" + from + "'");
        }
        if (source == target) {
            return false;
        }
        Permissions.check(oldDir, Permissions.MAY_WRITE | Permissions.MAY_EXEC, c);
        Permissions.check(newDir, Permissions.MAY_WRITE | Permissions.MAY_EXEC, c);
        if (target != null && source.directory && !target.directory) {
            throw new ErrnoException(Errno.ENOTDIR, "'" + to + "' is not a directory, and '" + from + "' is one");
        }
        if (target != null && !source.directory && target.directory) {
            throw new ErrnoException(Errno.EISDIR, "'" + to + "' is a directory, and '" + from + "' is not");
        }
        if (newDir != oldDir && source.directory) {
            Permissions.check(source, Permissions.MAY_WRITE, c);   // its '..' changes
        }
        if (ns.isMountpoint(source) || (target != null && ns.isMountpoint(target))) {
            throw new ErrnoException(Errno.EBUSY, "'" + (ns.isMountpoint(source) ? from : to) + "' is a mountpoint");
        }
        if (target != null && target.directory && !target.children.isEmpty()) {
            throw new ErrnoException(Errno.ENOTEMPTY, "'" + to + "' is a directory with entries");
        }
        ns.move(source, newDir, newLast.name());
        return true;
    }

    /**
     * lock_rename()'s trap: when one directory lies below the other, the entry of the upper one on
     * the way down to the lower one (the source must not be it, the target must not be it); else none.
     */
    private static Dentry renameTrap(Dentry newDir, Dentry oldDir) {
        if (newDir == oldDir) {
            return null;
        }
        Dentry p = childToward(oldDir, newDir);
        return p != null ? p : childToward(newDir, oldDir);
    }

    /** {@code d_ancestor(ancestor, d)}: the child of {@code ancestor} that {@code d} lies in, or null. */
    private static Dentry childToward(Dentry ancestor, Dentry d) {
        for (Dentry p = d; p.parent != null; p = p.parent) {
            if (p.parent == ancestor) {
                return p;
            }
        }
        return null;
    }

    // =====================================================================================
    // Mounting
    // =====================================================================================

    /**
     * mount(2) of a new superblock of {@code fsType} on the directory {@code path}; {@code options}
     * (a comma list, or empty) may set {@code ro} (the superblock and the mount read-only),
     * {@code nosuid}, {@code nodev}, {@code noexec}, {@code noatime}, and the superblock's security
     * label ({@code smackfsdef=LABEL} or {@code context=CONTEXT}: {@link MountOptions}), which wins
     * over {@code label} (the label a caller gives without options; null for none). Returns the new
     * mount's id; the walk's errnos, EPERM without CAP_SYS_ADMIN, EINVAL for an unknown option or a
     * bad label, EPERM for a Smack option without CAP_MAC_ADMIN (smack_set_mnt_opts(): "unprivileged
     * mounts don't get to specify Smack values"), ENOTDIR. Posts NEW_MOUNT on the parent (IS_NOW_RO
     * for a read-only superblock).
     */
    public Outcome mount(Credentials c, String fsType, String path, String options, String label) {
        return mount(c, fsType, path, options, label, java.util.Set.of());
    }

    /**
     * The same in a kernel whose LSMs take the label options {@code labelOptions} ({@code smackfsdef},
     * {@code context}: {@code SecurityModule.mountLabelOptions()}); the mount above takes none, as
     * a kernel without an LSM.
     */
    public Outcome mount(Credentials c, String fsType, String path, String options, String label,
                         java.util.Set<String> labelOptions) {
        return call(steps -> {
            PathPoint at = paths.resolve(path, c, false);
            Permissions.requireSysAdmin(c, "mount");
            MountOptions o = MountOptions.parse(options, labelOptions);
            if (o.smack() && !c.has(Capability.CAP_MAC_ADMIN)) {
                throw new ErrnoException(Errno.EPERM, "the Smack mount option in '" + options + "' needs CAP_MAC_ADMIN");
            }
            int attrs = o.attrs().applyTo(0);
            requireDirectory(at, path);
            Superblock sb = ns.newSuperblock(fsType, (attrs & MountAttr.READONLY) != 0, false,
                    o.label() != null ? o.label() : label);
            return attachNew(sb, sb.root, attrs, at, steps);
        });
    }

    /**
     * A bind mount (MS_BIND, not recursive) of the directory {@code from} on the directory {@code to}:
     * a new mount of {@code from}'s superblock rooted there, with {@code from}'s mount's attributes.
     */
    public Outcome bindMount(Credentials c, String from, String to) {
        return call(steps -> {
            PathPoint at = paths.resolve(to, c, false);
            Permissions.requireSysAdmin(c, "bind mount");
            PathPoint source = paths.resolveDirectory(from, c, false);
            requireDirectory(at, to);
            return attachNew(source.mount().sb, source.dentry(), source.mount().attrs, at, steps);
        });
    }

    /**
     * An automount: the kernel mounts a new superblock of {@code fsType} (made as a submount) on the
     * directory {@code path} while {@code c}'s process looks it up. NEW_MOUNT with IS_SUBMOUNT.
     */
    public Outcome automount(Credentials c, String fsType, String path) {
        return call(steps -> {
            PathPoint at = paths.resolveDirectory(path, c, false);
            Superblock sb = ns.newSuperblock(fsType, false, true, null);
            return attachNew(sb, sb.root, 0, at, steps);
        });
    }

    private long attachNew(Superblock sb, Dentry root, int attrs, PathPoint at, List<MountStep> steps) {
        boolean newSuperblock = sb.activeMounts == 0;
        Mount m = ns.newMount(sb, root, attrs);
        if (newSuperblock) {
            steps.add(createSuperblock(sb));
        }
        steps.add(createMount(m));
        ns.attach(m, at.mount(), at.dentry());
        int flags = (sb.readOnly ? MountNotify.NOTIFY_MOUNT_IS_NOW_RO : 0)
                | (sb.submount ? MountNotify.NOTIFY_MOUNT_IS_SUBMOUNT : 0);
        notifier.notifyTopology(at.mount(), m, MountNotify.NOTIFY_MOUNT_NEW_MOUNT, flags, steps);
        return m.mntId;
    }

    private static MountStep createSuperblock(Superblock sb) {
        return new MountStep.CreateSuperblock(sb.id, new SecuredObject(ObjectKind.SUPERBLOCK, sb.id, sb.fsType, sb.label));
    }

    private static MountStep createMount(Mount m) {
        return new MountStep.CreateMount(m.objectId, m.mntId,
                new SecuredObject(ObjectKind.MOUNT, m.mntId, m.sb.fsType, m.sb.label));
    }

    /**
     * umount2(): the mount whose root {@code path} is. EPERM without CAP_SYS_ADMIN; EINVAL when
     * {@code path} is no mount's root; EBUSY for the namespace's root, and for a mount with mounts
     * below it unless {@code detach} (MNT_DETACH), which takes the whole subtree. One UNMOUNT per
     * mount, on its parent, children before parents (umount_tree()'s order); then each mount is
     * freed, parents first: its watches' removal records (its mount id), then its superblock's when
     * that was its last mount.
     */
    public Outcome umount(Credentials c, String path, boolean detach) {
        return call(steps -> {
            PathPoint at = paths.resolve(path, c, false);
            Permissions.requireSysAdmin(c, "umount");
            Mount m = requireMountRoot(at, path);
            if (m.isGlobalRoot()) {
                throw new ErrnoException(Errno.EBUSY, "'" + path + "' is the root of the namespace");
            }
            if (!detach && !m.children.isEmpty()) {
                throw new ErrnoException(Errno.EBUSY, "'" + path + "' has mounts below it");
            }
            List<Mount> tree = MountNamespace.subtree(m);
            for (int i = tree.size() - 1; i >= 0; i--) {
                Mount gone = tree.get(i);
                notifier.notifyTopology(gone.parent, gone, MountNotify.NOTIFY_MOUNT_UNMOUNT, 0, steps);
                ns.detach(gone);
            }
            for (Mount gone : tree) {
                steps.add(new MountStep.Destroy(gone.objectId));
                if (ns.free(gone)) {
                    steps.add(new MountStep.Destroy(gone.sb.id));
                }
            }
            return 0;
        });
    }

    /**
     * move_mount: the mount whose root {@code from} is goes onto the directory {@code to}, with the
     * mounts below it. EPERM; EINVAL when {@code from} is no mount root or is the namespace's root,
     * and when {@code to} is not a directory (do_move_mount() in fs/namespace.c refuses a target whose
     * d_is_dir() differs from the moved root's with EINVAL, not ENOTDIR); ELOOP when {@code to} lies
     * inside the moved tree. MOVE_FROM on the old parent, then MOVE_TO on the new one.
     */
    public Outcome moveMount(Credentials c, String from, String to) {
        return call(steps -> {
            PathPoint at = paths.resolve(to, c, false);
            Permissions.requireSysAdmin(c, "move mount");
            PathPoint source = paths.resolve(from, c, false);
            Mount m = requireMountRoot(source, from);
            if (m.isGlobalRoot()) {
                throw new ErrnoException(Errno.EINVAL, "'" + from + "' is the root of the namespace");
            }
            if (at.dentry().directory != m.root.directory) {
                throw new ErrnoException(Errno.EINVAL, "'" + to + "' is not a directory, and the mount at '" + from
                        + "' is rooted at one");
            }
            for (Mount p = at.mount(); ; p = p.parent) {
                if (p == m) {
                    throw new ErrnoException(Errno.ELOOP, "'" + to + "' lies inside the mount being moved");
                }
                if (p.isGlobalRoot()) {
                    break;
                }
            }
            notifier.notifyTopology(m.parent, m, MountNotify.NOTIFY_MOUNT_MOVE_FROM, 0, steps);
            ns.detach(m);
            ns.attach(m, at.mount(), at.dentry());
            notifier.notifyTopology(at.mount(), m, MountNotify.NOTIFY_MOUNT_MOVE_TO, 0, steps);
            return 0;
        });
    }

    // =====================================================================================
    // Attributes
    // =====================================================================================

    /**
     * A bind remount (MS_REMOUNT|MS_BIND) changing the attributes of the mount whose root
     * {@code path} is, by the option words of {@code options} applied to its current ones. EPERM;
     * EINVAL (no mount root, unknown word). As do_reconfigure_mnt() does: READONLY (IS_NOW_RO when
     * made read-only) if the read-only state changes, then SETATTR on every success, whose IS_NOW_RO
     * says whether the mount is now read-only (reproducing ver #5: whether it is nosuid).
     */
    public Outcome remount(Credentials c, String path, String options) {
        return call(steps -> {
            PathPoint at = paths.resolve(path, c, false);
            Permissions.requireSysAdmin(c, "remount");
            MountAttr.Change change = MountAttr.parse(options);
            Mount m = requireMountRoot(at, path);
            int attrs = change.applyTo(m.attrs);
            boolean wantReadOnly = (attrs & MountAttr.READONLY) != 0;
            if (wantReadOnly != m.isReadOnly()) {
                m.attrs = wantReadOnly ? m.attrs | MountAttr.READONLY : m.attrs & ~MountAttr.READONLY;
                notifier.notifyAttr(m, MountNotify.NOTIFY_MOUNT_READONLY,
                        wantReadOnly ? MountNotify.NOTIFY_MOUNT_IS_NOW_RO : 0, steps);
            }
            m.attrs = attrs;
            int roBit = bugs.has(V5Bug.SETATTR_FLAG_FROM_NOSUID) ? MountAttr.NOSUID : MountAttr.READONLY;
            notifier.notifyAttr(m, MountNotify.NOTIFY_MOUNT_SETATTR,
                    (attrs & roBit) != 0 ? MountNotify.NOTIFY_MOUNT_IS_NOW_RO : 0, steps);
            return 0;
        });
    }

    /**
     * Marks the mount whose root {@code path} is for expiry, as mark_mounts_for_expiry() does with
     * an automount: EPERM; EINVAL (no mount root, or the namespace's root); EBUSY while mounts sit
     * below it (the kernel skips a busy mount). Posts EXPIRY on the mount.
     */
    public Outcome expire(Credentials c, String path) {
        return call(steps -> {
            PathPoint at = paths.resolve(path, c, false);
            Permissions.requireSysAdmin(c, "expire");
            Mount m = requireMountRoot(at, path);
            if (m.isGlobalRoot()) {
                throw new ErrnoException(Errno.EINVAL, "'" + path + "' is the root of the namespace");
            }
            if (!m.children.isEmpty()) {
                throw new ErrnoException(Errno.EBUSY, "'" + path + "' has mounts below it");
            }
            m.expiryMark = true;
            notifier.notifyAttr(m, MountNotify.NOTIFY_MOUNT_EXPIRY, 0, steps);
            return 0;
        });
    }

    // =====================================================================================
    // Superblocks
    // =====================================================================================

    /**
     * reconfigure_super() of the superblock of the mount whose root {@code path} is: EPERM, EINVAL
     * (no mount root). Posts READONLY on the superblock on every success, with IS_NOW_RO only when
     * the superblock went from read-write to read-only: fs/super.c computes the flag from
     * {@code remount_ro = (fc->sb_flags & SB_RDONLY) && !sb_rdonly(sb)}, taken before the change, so a
     * read-only superblock made read-only again gets READONLY without it.
     */
    public Outcome sbRemount(Credentials c, String path, boolean readOnly) {
        return call(steps -> {
            PathPoint at = paths.resolve(path, c, false);
            Permissions.requireSysAdmin(c, "superblock remount");
            Superblock sb = requireMountRoot(at, path).sb;
            boolean remountRo = readOnly && !sb.readOnly;
            sb.readOnly = readOnly;
            notifier.notifySuperblock(sb, MountNotifier.superblockRecord(sb, SuperblockNotify.NOTIFY_SUPERBLOCK_READONLY,
                    remountRo ? SuperblockNotify.NOTIFY_SUPERBLOCK_IS_NOW_RO : 0), steps);
            return 0;
        });
    }

    /** The filesystem {@code path} is on reports error {@code errorNumber} (ERROR, cookie 0). */
    public Outcome sbError(Credentials c, String path, int errorNumber) {
        return call(steps -> {
            Superblock sb = paths.resolve(path, c, false).dentry().sb;
            notifier.notifySuperblock(sb, SuperblockNotify.error(sb.id, errorNumber), steps);
            return 0;
        });
    }

    /** The filesystem {@code path} is on reports a quota overrun (EDQUOT). */
    public Outcome sbEdquot(Credentials c, String path) {
        return sbEvent(c, path, SuperblockNotify.NOTIFY_SUPERBLOCK_EDQUOT);
    }

    /** The filesystem {@code path} is on reports a change of network status (NETWORK). */
    public Outcome sbNetwork(Credentials c, String path) {
        return sbEvent(c, path, SuperblockNotify.NOTIFY_SUPERBLOCK_NETWORK);
    }

    private Outcome sbEvent(Credentials c, String path, int subtype) {
        return call(steps -> {
            Superblock sb = paths.resolve(path, c, false).dentry().sb;
            notifier.notifySuperblock(sb, MountNotifier.superblockRecord(sb, subtype, 0), steps);
            return 0;
        });
    }

    // =====================================================================================
    // Queries and watches
    // =====================================================================================

    /** The fsinfo-style query of the mount {@code path} resolves in: its counters and its children's. */
    public MountInfo mountInfo(Credentials c, String path) {
        return info(paths.resolve(path, c, false).mount());
    }

    /**
     * The fsinfo-style query of the mount whose id is {@code mntId} (fsinfo() with
     * AT_FSINFO_MOUNTID_PATH): ENOENT when no mount has that id. The caller's namespace is the only
     * one, so no other check applies.
     */
    public MountInfo mountInfo(Credentials c, int mntId) {
        Mount m = ns.mount(mntId);
        if (m == null) {
            throw new ErrnoException(Errno.ENOENT, "no mount has id " + Integer.toUnsignedString(mntId));
        }
        return info(m);
    }

    private static MountInfo info(Mount m) {
        return new MountInfo(m.mntId, m.objectId, m.topologyChanges, m.attrChanges, m.subtreeNotifications,
                m.children.stream().map(k -> new MountInfo.Child(k.mntId, k.objectId, k.topologyChanges, k.attrChanges,
                        k.subtreeNotifications)).toList());
    }

    /**
     * watch_mount()'s own checks, in its order: the tag (-1..255) and the flags (EINVAL), the
     * lookup of a directory (the walk's errnos, ENOTDIR; an empty path only with AT_EMPTY_PATH),
     * search permission on it (EACCES). The watch goes on the mount the path resolved in, told apart
     * by the directory.
     */
    public WatchTarget watchMountTarget(Credentials c, String path, int atFlags, long tag) {
        checkWatchArgs(atFlags, tag);
        PathPoint at = paths.resolveDirectory(path, c, (atFlags & AT_EMPTY_PATH) != 0);
        Permissions.check(at.dentry(), Permissions.MAY_EXEC, c);
        return new WatchTarget(at.mount().objectId, MountIds.dentryWatchId(at.dentry(), bugs), at.mount().mntId);
    }

    /**
     * watch_sb()'s own checks: as watch_mount's, the superblock of the path's entry (reproducing
     * ver #5, the flags are the lookup flags: a file is found, an empty path never), then EIO for a
     * superblock no longer active.
     */
    public WatchTarget watchSbTarget(Credentials c, String path, int atFlags, long tag) {
        checkWatchArgs(atFlags, tag);
        PathPoint at = bugs.has(V5Bug.SB_AT_FLAGS_AS_LOOKUP_FLAGS) ? paths.resolve(path, c, false)
                : paths.resolveDirectory(path, c, (atFlags & AT_EMPTY_PATH) != 0);
        Permissions.check(at.dentry(), Permissions.MAY_EXEC, c);
        Superblock sb = at.dentry().sb;
        if (sb.activeMounts == 0) {
            throw new ErrnoException(Errno.EIO, "the superblock of '" + path + "' is no longer active");
        }
        return new WatchTarget(sb.id, sb.id, 0);
    }

    private static void checkWatchArgs(int atFlags, long tag) {
        WatchList.checkTag(tag);
        if ((atFlags & ~(AT_NO_AUTOMOUNT | AT_EMPTY_PATH)) != 0) {
            throw new ErrnoException(Errno.EINVAL, String.format("at_flags 0x%x has bits other than "
                    + "AT_NO_AUTOMOUNT (0x800) and AT_EMPTY_PATH (0x1000)", atFlags));
        }
    }

    /**
     * A watch was set on {@code target}: its directory is marked as watched (never unmarked), its
     * mount counts one more watch; a superblock's watch list now exists.
     */
    public void watchAdded(WatchTarget target) {
        if (target.mntId() == 0) {
            Superblock sb = ns.superblock(target.objectId());
            if (sb != null) {
                sb.everWatched = true;
            }
            return;
        }
        Mount m = ns.mount(target.mntId());
        Dentry d = ns.dentry(MountIds.dentryNumber(target.watchId(), bugs));
        if (m != null && m.objectId == target.objectId() && d != null) {
            m.watchCount++;
            d.mountWatched = true;
        }
    }

    /** A watch on {@code target} was removed explicitly: its mount counts one watch less. */
    public void watchRemoved(WatchTarget target) {
        Mount m = ns.mount(target.mntId());
        if (m != null && m.objectId == target.objectId() && m.watchCount > 0) {
            m.watchCount--;
        }
    }

    private static void requireDirectory(PathPoint at, String path) {
        if (!at.dentry().directory) {
            throw new ErrnoException(Errno.ENOTDIR, "'" + path + "' is not a directory");
        }
    }

    private static Mount requireMountRoot(PathPoint at, String path) {
        if (!at.isMountRoot()) {
            throw new ErrnoException(Errno.EINVAL, "'" + path + "' is not the root of a mount");
        }
        return at.mount();
    }
}
