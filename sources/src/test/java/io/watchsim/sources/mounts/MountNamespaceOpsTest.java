package io.watchsim.sources.mounts;

import io.watchsim.queues.Errno;
import io.watchsim.queues.ErrnoException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.watchsim.sources.mounts.MountFixture.ROOT;
import static io.watchsim.sources.mounts.MountFixture.ROOT_WITHOUT_ADMIN;
import static io.watchsim.sources.mounts.MountFixture.USER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The namespace's operations: what each changes and each errno, in the kernel's order. */
class MountNamespaceOpsTest {
    private final MountFixture f = new MountFixture();
    private final MountTable t = f.table;

    private static Errno errno(MountTable.Outcome o) {
        return o.result().errno();
    }

    @Test
    void theNamespaceStartsWithOneReadWriteRootMountNumberedOne() {
        assertThat(t.rootMountId()).isEqualTo(1);
        MountView root = f.view(1);
        assertThat(root.parentId()).isEqualTo(1);
        assertThat(root.sbReadOnly()).isFalse();
        assertThat(root.sbId()).isEqualTo(MountIds.FIRST_SUPERBLOCK_ID);
        assertThat(t.bootSteps()).hasSize(2).first().isInstanceOf(MountStep.CreateSuperblock.class);
    }

    @Test
    void mkdirAndTouchRefuseAsMkdirAndOpenWithOExclDo() {
        assertThat(errno(t.mkdir(ROOT, "/a"))).isNull();
        assertThat(errno(t.mkdir(ROOT, "/a"))).isEqualTo(Errno.EEXIST);
        assertThat(errno(t.mkdir(ROOT, "/"))).isEqualTo(Errno.EEXIST);
        assertThat(errno(t.mkdir(ROOT, "/x/y"))).isEqualTo(Errno.ENOENT);
        assertThat(errno(t.touch(ROOT, "/f"))).isNull();
        assertThat(errno(t.touch(ROOT, "/f"))).isEqualTo(Errno.EEXIST);
        assertThat(errno(t.mkdir(ROOT, "/f/g"))).isEqualTo(Errno.ENOTDIR);
        assertThat(errno(t.mkdir(USER, "/u"))).as("root's 0755 directory").isEqualTo(Errno.EACCES);
        assertThat(errno(t.mkdir(USER, "/a"))).as("EEXIST comes before the write permission").isEqualTo(Errno.EEXIST);
    }

    @Test
    void aReadOnlyMountOrSuperblockRefusesNewEntriesWithErofsAfterEexist() {
        f.mkdirs("/m", "/n");
        f.mount("/m", "ro");
        assertThat(errno(t.mkdir(ROOT, "/m/x"))).isEqualTo(Errno.EROFS);
        f.mount("/n");
        f.mkdirs("/n/d");
        f.ok(t.sbRemount(ROOT, "/n", true));
        assertThat(errno(t.mkdir(ROOT, "/n/d"))).isEqualTo(Errno.EEXIST);
        assertThat(errno(t.touch(ROOT, "/n/e"))).isEqualTo(Errno.EROFS);
    }

    @Test
    void mountLooksThePathUpThenChecksCapSysAdminThenOptionsThenTheDirectory() {
        f.mkdirs("/a");
        f.ok(t.touch(ROOT, "/f"));
        assertThat(errno(t.mount(ROOT_WITHOUT_ADMIN, "tmpfs", "/nope", "", null))).isEqualTo(Errno.ENOENT);
        assertThat(errno(t.mount(ROOT_WITHOUT_ADMIN, "tmpfs", "/a", "bogus", null))).isEqualTo(Errno.EPERM);
        assertThat(errno(t.mount(ROOT, "tmpfs", "/f", "bogus", null))).isEqualTo(Errno.EINVAL);
        assertThat(errno(t.mount(ROOT, "tmpfs", "/f", "", null))).isEqualTo(Errno.ENOTDIR);
        assertThat(t.mounts()).hasSize(1);
    }

    @Test
    void aNewMountHasTheNextIdANewSuperblockAndSitsOnThePathsMount() {
        f.mkdirs("/a");
        MountTable.Outcome o = f.ok(t.mount(ROOT, "ext4", "/a", "nosuid,noexec", null));
        int id = (int) o.result().value();
        MountView v = f.view(id);
        assertThat(id).isEqualTo(2);
        assertThat(v.parentId()).isEqualTo(1);
        assertThat(v.fsType()).isEqualTo("ext4");
        assertThat(v.attrs()).isEqualTo(MountAttr.NOSUID | MountAttr.NOEXEC);
        assertThat(v.sbId()).isGreaterThan(f.view(1).sbId());
        assertThat(o.steps()).extracting(s -> s.getClass().getSimpleName()).containsExactly("CreateSuperblock", "CreateMount");
        assertThat(t.mountAt(ROOT, "/a").mntId()).isEqualTo(id);
    }

    @Test
    void mountingOnAMountedDirectoryStacksOnTheTopMount() {
        f.mkdirs("/a");
        int first = f.mount("/a");
        int second = f.mount("/a");
        assertThat(f.view(second).parentId()).isEqualTo(first);
        assertThat(t.mountAt(ROOT, "/a").mntId()).isEqualTo(second);
    }

    @Test
    void superblockIdsStrictlyIncreaseAndAreNeverReused() {
        f.mkdirs("/a");
        long previous = f.view(1).sbId();
        for (int i = 0; i < 5; i++) {
            int id = f.mount("/a");
            long sb = f.view(id).sbId();
            assertThat(sb).isGreaterThan(previous);
            previous = sb;
            f.ok(t.umount(ROOT, "/a", false));
        }
    }

    @Test
    void mountIdsAreReusedLowestFirst() {
        f.mkdirs("/a", "/b", "/c");
        assertThat(List.of(f.mount("/a"), f.mount("/b"), f.mount("/c"))).containsExactly(2, 3, 4);
        f.ok(t.umount(ROOT, "/b", false));
        f.ok(t.umount(ROOT, "/a", false));
        f.mkdirs("/d", "/e", "/g");
        assertThat(List.of(f.mount("/d"), f.mount("/e"), f.mount("/g"))).containsExactly(2, 3, 5);
    }

    @Test
    void aBindMountSharesTheSuperblockIsRootedAtTheSourceAndKeepsItsAttributes() {
        f.mkdirs("/s", "/b");
        int s = f.mount("/s", "nodev");
        f.mkdirs("/s/t", "/s/t/x");
        MountTable.Outcome o = f.ok(t.bindMount(ROOT, "/s/t", "/b"));
        int b = (int) o.result().value();
        assertThat(f.view(b).sbId()).isEqualTo(f.view(s).sbId());
        assertThat(f.view(b).attrs()).isEqualTo(MountAttr.NODEV);
        assertThat(o.steps()).extracting(st -> st.getClass().getSimpleName()).containsExactly("CreateMount");
        assertThat(t.mountAt(ROOT, "/b/x").mntId()).isEqualTo(b);
        assertThat(errno(t.bindMount(ROOT, "/s/nope", "/b"))).isEqualTo(Errno.ENOENT);
        assertThat(errno(t.bindMount(ROOT_WITHOUT_ADMIN, "/s/t", "/b"))).isEqualTo(Errno.EPERM);
    }

    @Test
    void anAutomountIsASubmountAndNeedsNoCapability() {
        f.mkdirs("/auto");
        MountTable.Outcome o = f.ok(t.automount(ROOT_WITHOUT_ADMIN, "nfs", "/auto"));
        assertThat(f.view((int) o.result().value()).submount()).isTrue();
    }

    @Test
    void umountRefusesWhatIsNoMountRootTheRootAndABusyMountUnlessDetached() {
        f.mkdirs("/a");
        f.mount("/a");
        f.mkdirs("/a/b");
        f.mount("/a/b");
        assertThat(errno(t.umount(ROOT, "/nope", false))).isEqualTo(Errno.ENOENT);
        assertThat(errno(t.umount(ROOT_WITHOUT_ADMIN, "/a", false))).isEqualTo(Errno.EPERM);
        f.mkdirs("/c");
        assertThat(errno(t.umount(ROOT, "/c", false))).isEqualTo(Errno.EINVAL);
        assertThat(errno(t.umount(ROOT, "/", true))).isEqualTo(Errno.EBUSY);
        assertThat(errno(t.umount(ROOT, "/a", false))).isEqualTo(Errno.EBUSY);
        assertThat(errno(t.umount(ROOT, "/a", true))).isNull();
        assertThat(t.mounts()).extracting(MountView::mntId).containsExactly(1);
        assertThat(t.superblockCount()).isEqualTo(1);
    }

    @Test
    void aLazyDetachDestroysParentsFirstEachSuperblockAfterItsLastMount() {
        f.mkdirs("/a");
        int a = f.mount("/a");
        f.mkdirs("/a/b", "/a/d");
        int b = f.mount("/a/b");
        f.mkdirs("/a/b/c");
        int c = f.mount("/a/b/c");
        int d = f.mount("/a/d");
        MountTable.Outcome o = f.ok(t.umount(ROOT, "/a", true));
        List<Long> destroyed = o.steps().stream().filter(s -> s instanceof MountStep.Destroy)
                .map(s -> ((MountStep.Destroy) s).objectId()).toList();
        assertThat(destroyed).containsExactly(objectId(o, a), sbOf(o, a), objectId(o, b), sbOf(o, b),
                objectId(o, c), sbOf(o, c), objectId(o, d), sbOf(o, d));
    }

    /** Mount actors' ids: from 2^40 in creation order (root 0, then one per mount). */
    private static long objectId(MountTable.Outcome o, int mntId) {
        return MountIds.FIRST_MOUNT_OBJECT_ID + mntId - 1;
    }

    /** Superblock ids: from 2^32 in creation order (the root's first). */
    private static long sbOf(MountTable.Outcome o, int mntId) {
        return MountIds.FIRST_SUPERBLOCK_ID + mntId - 1;
    }

    @Test
    void aSuperblockGoesOnlyWithItsLastMount() {
        f.mkdirs("/s", "/b");
        int s = f.mount("/s");
        long sb = f.view(s).sbId();
        f.ok(t.bindMount(ROOT, "/s", "/b"));
        assertThat(f.ok(t.umount(ROOT, "/s", false)).steps()).doesNotContain(new MountStep.Destroy(sb));
        assertThat(f.ok(t.umount(ROOT, "/b", false)).steps()).endsWith(new MountStep.Destroy(sb));
        assertThat(t.superblockCount()).isEqualTo(1);
    }

    @Test
    void moveMountTakesTheSubtreeAndRefusesWhatTheKernelRefuses() {
        f.mkdirs("/p", "/q", "/r");
        int p = f.mount("/p");
        f.mkdirs("/p/m");
        int m = f.mount("/p/m");
        f.mkdirs("/p/m/x");
        int x = f.mount("/p/m/x");
        assertThat(errno(t.moveMount(ROOT, "/q", "/r"))).as("no mount root").isEqualTo(Errno.EINVAL);
        assertThat(errno(t.moveMount(ROOT, "/", "/r"))).as("the namespace root").isEqualTo(Errno.EINVAL);
        assertThat(errno(t.moveMount(ROOT, "/p/m", "/p/m/x"))).isEqualTo(Errno.ELOOP);
        assertThat(errno(t.moveMount(ROOT_WITHOUT_ADMIN, "/p/m", "/q"))).isEqualTo(Errno.EPERM);
        f.ok(t.touch(ROOT, "/file"));
        assertThat(errno(t.moveMount(ROOT, "/p/m", "/file"))).as("do_move_mount(): d_is_dir() differs")
                .isEqualTo(Errno.EINVAL);
        assertThat(errno(t.moveMount(ROOT, "/p/m", "/file/x"))).as("the walk's own ENOTDIR").isEqualTo(Errno.ENOTDIR);
        f.ok(t.moveMount(ROOT, "/p/m", "/q"));
        assertThat(f.view(m).parentId()).isEqualTo(1);
        assertThat(t.mountAt(ROOT, "/q/x").mntId()).isEqualTo(x);
        assertThat(t.mountAt(ROOT, "/p").mntId()).isEqualTo(p);
        assertThat(errno(t.mkdir(ROOT, "/p/m/y"))).as("/p/m is p's own directory again").isNull();
    }

    @Test
    void remountChangesTheAttributesWordByWord() {
        f.mkdirs("/m");
        int m = f.mount("/m", "nosuid,nodev");
        f.ok(t.remount(ROOT, "/m", "suid,noexec,ro"));
        assertThat(f.view(m).attrs()).isEqualTo(MountAttr.NODEV | MountAttr.NOEXEC | MountAttr.READONLY);
        assertThat(errno(t.remount(ROOT, "/m", "sideways"))).isEqualTo(Errno.EINVAL);
        f.mkdirs("/d");
        assertThat(errno(t.remount(ROOT, "/d", "ro"))).isEqualTo(Errno.EINVAL);
        assertThat(errno(t.remount(ROOT_WITHOUT_ADMIN, "/m", "rw"))).isEqualTo(Errno.EPERM);
    }

    @Test
    void expireRefusesWhatIsNoMountRootTheRootAndABusyMount() {
        f.mkdirs("/a", "/d");
        f.mount("/a");
        f.mkdirs("/a/b");
        assertThat(errno(t.expire(ROOT, "/d"))).isEqualTo(Errno.EINVAL);
        assertThat(errno(t.expire(ROOT, "/"))).isEqualTo(Errno.EINVAL);
        assertThat(errno(t.expire(ROOT_WITHOUT_ADMIN, "/a"))).isEqualTo(Errno.EPERM);
        f.mount("/a/b");
        assertThat(errno(t.expire(ROOT, "/a"))).isEqualTo(Errno.EBUSY);
        assertThat(errno(t.expire(ROOT, "/a/b"))).isNull();
    }

    @Test
    void dotDotAtAMountRootLeadsToTheMountpointsParent() {
        f.mkdirs("/a", "/a2");
        int a = f.mount("/a");
        f.mkdirs("/a/b");
        assertThat(t.mountAt(ROOT, "/a/b/..").mntId()).isEqualTo(a);
        assertThat(t.mountAt(ROOT, "/a/..").mntId()).isEqualTo(1);
        assertThat(t.mountAt(ROOT, "/a/../a2").mntId()).isEqualTo(1);
        assertThat(t.mountAt(ROOT, "/../..").mntId()).isEqualTo(1);
    }

    @Test
    void mountinfoGivesTheCountersOfAMountAndOfItsChildrenInAttachOrder() {
        f.mkdirs("/a");
        int a = f.mount("/a");
        f.mkdirs("/a/x", "/a/y");
        int y = f.mount("/a/y");
        int x = f.mount("/a/x");
        f.ok(t.remount(ROOT, "/a/x", "nodev"));
        MountInfo info = t.mountInfo(ROOT, "/a/x/..");
        assertThat(info.mntId()).isEqualTo(a);
        assertThat(info.topologyChanges()).as("its own NEW_MOUNT, then two on it").isEqualTo(3);
        assertThat(info.attrChanges()).isZero();
        assertThat(info.uniqueId()).isEqualTo(f.objectOf(a));
        assertThat(info.children()).containsExactly(new MountInfo.Child(y, f.objectOf(y), 1, 0, 0),
                new MountInfo.Child(x, f.objectOf(x), 1, 1, 0));
        assertThat(info.subtreeNotifications()).as("the remount of x, below a").isEqualTo(1);
        assertThat(t.mountInfo(ROOT, "/").subtreeNotifications()).as("the walks of the two mounts on a and the remount")
                .isEqualTo(3);
        assertThat(t.mountInfo(ROOT, "/").children()).as("a child's counters are the ones its own query gives")
                .containsExactly(new MountInfo.Child(a, f.objectOf(a), 3, 0, 1));
    }

    @Test
    void mountinfoByIdAsksTheMountWithThatIdAndTellsAReusedIdByItsUniqueId() {
        f.mkdirs("/a", "/b");
        int a = f.mount("/a");
        long first = f.objectOf(a);
        assertThat(t.mountInfo(ROOT, a)).isEqualTo(t.mountInfo(ROOT, "/a"));
        f.ok(t.umount(ROOT, "/a", false));
        assertThatThrownBy(() -> t.mountInfo(ROOT, a)).isInstanceOfSatisfying(ErrnoException.class,
                e -> assertThat(e.errno()).isEqualTo(Errno.ENOENT));
        int b = f.mount("/b");
        assertThat(b).as("the lowest free id again").isEqualTo(a);
        MountInfo reused = t.mountInfo(ROOT, b);
        assertThat(reused.uniqueId()).as("a new mount under the old id").isNotEqualTo(first);
        assertThat(reused.topologyChanges()).as("its own NEW_MOUNT").isEqualTo(1);
    }

    @Test
    void countersAreU32AndWrap() {
        MountTable wrapping = new MountTable(V5Bugs.none(), -2);   // every counter starts at 0xfffffffe
        f.ok(wrapping.mkdir(ROOT, "/a"));
        int a = (int) f.ok(wrapping.mount(ROOT, "tmpfs", "/a", "", null)).result().value();
        f.ok(wrapping.remount(ROOT, "/a", "nodev"));
        f.ok(wrapping.remount(ROOT, "/a", "dev"));
        MountInfo info = wrapping.mountInfo(ROOT, a);
        assertThat(Integer.toUnsignedString(info.topologyChanges())).isEqualTo("4294967295");
        assertThat(info.attrChanges()).as("0xfffffffe + 2 wraps to 0").isZero();
        assertThat(wrapping.mountInfo(ROOT, "/").subtreeNotifications()).as("two walks from a").isZero();
    }
}
