package io.watchsim.sources.mounts;

import io.watchsim.queues.Errno;
import io.watchsim.queues.ErrnoException;
import io.watchsim.queues.record.MountNotify;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.watchsim.sources.mounts.MountFixture.ROOT;
import static io.watchsim.sources.mounts.MountFixture.posts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The ver #5 bugs the model reproduces on request, each both ways. */
class V5BugsModelTest {

    private static List<Integer> setattrIsNowRo(V5Bugs bugs, String options) {
        MountFixture f = new MountFixture(bugs);
        f.mkdirs("/a");
        f.mount("/a");
        f.watch("/a");
        return posts(f.ok(f.table.remount(ROOT, "/a", options))).stream()
                .filter(p -> p.record().subtype() == MountNotify.NOTIFY_MOUNT_SETATTR)
                .map(p -> p.record().info() & MountNotify.NOTIFY_MOUNT_IS_NOW_RO).toList();
    }

    @Test
    void setattrsIsNowRoSaysReadOnlyOrReproducingVer5Nosuid() {
        V5Bugs bug = V5Bugs.of(V5Bug.SETATTR_FLAG_FROM_NOSUID);
        assertThat(setattrIsNowRo(V5Bugs.none(), "nosuid")).containsExactly(0);
        assertThat(setattrIsNowRo(bug, "nosuid")).containsExactly(MountNotify.NOTIFY_MOUNT_IS_NOW_RO);
        assertThat(setattrIsNowRo(V5Bugs.none(), "ro")).containsExactly(MountNotify.NOTIFY_MOUNT_IS_NOW_RO);
        assertThat(setattrIsNowRo(bug, "ro")).containsExactly(0);
    }

    @Test
    void aDirectorysWatchIdIsANumberOrReproducingVer5AKernelAddress() {
        MountFixture meant = new MountFixture();
        MountFixture v5 = new MountFixture(V5Bugs.of(V5Bug.DENTRY_ADDRESS_IN_REMOVAL));
        for (MountFixture f : List.of(meant, v5)) {
            f.mkdirs("/a", "/a/b");
        }
        long id = meant.table.directoryWatchId(ROOT, "/a/b");
        long address = v5.table.directoryWatchId(ROOT, "/a/b");
        assertThat(id).isBetween(MountIds.FIRST_DENTRY_ID, MountIds.FIRST_DENTRY_ID + 10);
        assertThat(Long.toHexString(address)).startsWith("ffff8880");
        assertThat(address % MountIds.DENTRY_SIZE).isEqualTo(MountIds.DENTRY_ADDRESS_BASE % MountIds.DENTRY_SIZE);
        for (MountFixture f : List.of(meant, v5)) {
            WatchTarget w = f.watch("/a/b");
            assertThat(w.watchId()).isEqualTo(f.table.directoryWatchId(ROOT, "/a/b"));
            List<MountFixture.Posted> got = posts(f.ok(f.table.mount(ROOT, "tmpfs", "/a", "", null)));
            assertThat(got).isEmpty();
            f.mkdirs("/a/c");
            WatchTarget onMountRoot = f.watch("/a");
            assertThat(posts(f.ok(f.table.mount(ROOT, "tmpfs", "/a/c", "", null))))
                    .extracting(MountFixture.Posted::watchId).containsExactly(onMountRoot.watchId());
        }
    }

    @Test
    void watchSbLooksUpWithItsFlagsOrReproducingVer5WithAtFlagsAsLookupFlags() {
        MountFixture meant = new MountFixture();
        MountFixture v5 = new MountFixture(V5Bugs.of(V5Bug.SB_AT_FLAGS_AS_LOOKUP_FLAGS));
        for (MountFixture f : List.of(meant, v5)) {
            f.ok(f.table.touch(ROOT, "/file"));
        }
        assertErrno(() -> meant.table.watchSbTarget(ROOT, "/file", 0, 1), Errno.ENOTDIR);
        assertErrno(() -> v5.table.watchSbTarget(ROOT, "/file", 0, 1), Errno.EACCES);
        assertThat(meant.table.watchSbTarget(ROOT, "", MountTable.AT_EMPTY_PATH, 1).objectId())
                .isEqualTo(meant.view(1).sbId());
        assertErrno(() -> v5.table.watchSbTarget(ROOT, "", MountTable.AT_EMPTY_PATH, 1), Errno.ENOENT);
        for (MountFixture f : List.of(meant, v5)) {
            assertErrno(() -> f.table.watchMountTarget(ROOT, "/file", 0, 1), Errno.ENOTDIR);
            assertThat(f.table.watchMountTarget(ROOT, "", MountTable.AT_EMPTY_PATH, 1).mntId()).isEqualTo(1);
        }
    }

    @Test
    void watchArgumentsAreCheckedTagFirstThenFlagsThenThePath() {
        MountFixture f = new MountFixture();
        assertErrno(() -> f.table.watchMountTarget(ROOT, "/nope", 0x4, 256), Errno.EINVAL);
        assertErrno(() -> f.table.watchMountTarget(ROOT, "/nope", 0x4, 1), Errno.EINVAL);
        assertErrno(() -> f.table.watchMountTarget(ROOT, "/nope", MountTable.AT_NO_AUTOMOUNT, 1), Errno.ENOENT);
        assertErrno(() -> f.table.watchSbTarget(ROOT, "/nope", 0, -2), Errno.EINVAL);
        assertErrno(() -> f.table.watchMountTarget(ROOT, "", 0, 1), Errno.ENOENT);
        assertThat(f.table.watchMountTarget(ROOT, "/", MountTable.AT_NO_AUTOMOUNT | MountTable.AT_EMPTY_PATH, -1)
                .mntId()).isEqualTo(1);
    }

    private static void assertErrno(Runnable call, Errno errno) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ErrnoException.class, e -> assertThat(e.errno()).isEqualTo(errno));
    }
}
