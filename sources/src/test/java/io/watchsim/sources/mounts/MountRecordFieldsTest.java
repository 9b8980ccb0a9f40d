package io.watchsim.sources.mounts;

import io.watchsim.queues.record.MountNotify;
import io.watchsim.queues.record.Notification;
import io.watchsim.queues.record.SuperblockNotify;
import io.watchsim.queues.record.WatchNotification;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.watchsim.sources.mounts.MountFixture.ROOT;
import static io.watchsim.sources.mounts.MountFixture.posts;
import static org.assertj.core.api.Assertions.assertThat;

/** Every field of every mount and superblock record each operation posts, counters included. */
class MountRecordFieldsTest {
    private final MountFixture f = new MountFixture();
    private final MountTable t = f.table;

    /** The record the watch on "/" gets. */
    private Notification atRootWatch(MountTable.Outcome o) {
        List<MountFixture.Posted> got = posts(f.ok(o));
        assertThat(got).isNotEmpty();
        return got.get(got.size() - 1).record();
    }

    private static void assertMount(Notification n, int subtype, int flags, int trigger, int aux, int topology, int attr,
                                    int auxTopology) {
        assertThat(n.type()).isEqualTo(WatchNotification.WATCH_TYPE_MOUNT_NOTIFY);
        assertThat(n.subtype()).isEqualTo(subtype);
        assertThat(n.length()).isEqualTo(MountNotify.LENGTH);
        assertThat(n.info()).isEqualTo(MountNotify.LENGTH | flags);
        assertThat(List.of(MountNotify.triggeredOn(n), MountNotify.auxiliaryMount(n), MountNotify.topologyChanges(n),
                MountNotify.attrChanges(n), MountNotify.auxTopologyChanges(n)))
                .containsExactly(trigger, aux, topology, attr, auxTopology);
    }

    @Test
    void newMountCarriesParentNewMountAndBothTopologyCounters() {
        f.mkdirs("/a", "/b", "/c");
        f.watch("/");
        assertMount(atRootWatch(t.mount(ROOT, "tmpfs", "/a", "", null)), MountNotify.NOTIFY_MOUNT_NEW_MOUNT, 0,
                1, 2, 1, 0, 1);
        assertMount(atRootWatch(t.mount(ROOT, "tmpfs", "/b", "ro", null)), MountNotify.NOTIFY_MOUNT_NEW_MOUNT,
                MountNotify.NOTIFY_MOUNT_IS_NOW_RO, 1, 3, 2, 0, 1);
        assertMount(atRootWatch(t.automount(ROOT, "nfs", "/c")), MountNotify.NOTIFY_MOUNT_NEW_MOUNT,
                MountNotify.NOTIFY_MOUNT_IS_SUBMOUNT, 1, 4, 3, 0, 1);
    }

    @Test
    void aBindMountOfAReadOnlySubmountsSuperblockSaysBoth() {
        f.mkdirs("/c", "/b");
        f.ok(t.automount(ROOT, "nfs", "/c"));
        f.ok(t.sbRemount(ROOT, "/c", true));
        f.watch("/");
        assertMount(atRootWatch(t.bindMount(ROOT, "/c", "/b")), MountNotify.NOTIFY_MOUNT_NEW_MOUNT,
                MountNotify.NOTIFY_MOUNT_IS_NOW_RO | MountNotify.NOTIFY_MOUNT_IS_SUBMOUNT, 1, 3, 2, 0, 1);
    }

    @Test
    void unmountCarriesTheParentTheMountAndTheirCountersAfterIt() {
        f.mkdirs("/a");
        f.mount("/a");
        f.watch("/");
        assertMount(atRootWatch(t.umount(ROOT, "/a", false)), MountNotify.NOTIFY_MOUNT_UNMOUNT, 0, 1, 2, 2, 0, 2);
    }

    @Test
    void attributeRecordsCarryTheMountNoAuxiliaryAndTheNewAttributeCounter() {
        f.mkdirs("/a");
        f.mount("/a");
        f.watch("/a");
        List<MountFixture.Posted> ro = posts(f.ok(t.remount(ROOT, "/a", "ro")));
        assertMount(ro.get(0).record(), MountNotify.NOTIFY_MOUNT_READONLY, MountNotify.NOTIFY_MOUNT_IS_NOW_RO,
                2, 0, 1, 1, 0);
        assertMount(ro.get(1).record(), MountNotify.NOTIFY_MOUNT_SETATTR, MountNotify.NOTIFY_MOUNT_IS_NOW_RO,
                2, 0, 1, 2, 0);
        List<MountFixture.Posted> rw = posts(f.ok(t.remount(ROOT, "/a", "rw")));
        assertMount(rw.get(0).record(), MountNotify.NOTIFY_MOUNT_READONLY, 0, 2, 0, 1, 3, 0);
        assertMount(rw.get(1).record(), MountNotify.NOTIFY_MOUNT_SETATTR, 0, 2, 0, 1, 4, 0);
        List<MountFixture.Posted> same = posts(f.ok(t.remount(ROOT, "/a", "rw,noatime")));
        assertThat(same).as("no read-only change: SETATTR alone").hasSize(1);
        assertMount(same.get(0).record(), MountNotify.NOTIFY_MOUNT_SETATTR, 0, 2, 0, 1, 5, 0);
        assertMount(posts(f.ok(t.expire(ROOT, "/a"))).get(0).record(), MountNotify.NOTIFY_MOUNT_EXPIRY, 0,
                2, 0, 1, 6, 0);
    }

    @Test
    void aMoveWithinOneParentMovesItsTopologyCounterByTwo() {
        f.mkdirs("/a", "/b");
        int a = f.mount("/a");
        f.watch("/");
        List<MountFixture.Posted> got = posts(f.ok(t.moveMount(ROOT, "/a", "/b")));
        assertMount(got.get(0).record(), MountNotify.NOTIFY_MOUNT_MOVE_FROM, 0, 1, a, 2, 0, 2);
        assertMount(got.get(1).record(), MountNotify.NOTIFY_MOUNT_MOVE_TO, 0, 1, a, 3, 0, 3);
    }

    @Test
    void countersMoveWithNobodyWatchingAndWrapAtTwoToTheThirtyTwo() {
        f.mkdirs("/a");
        int a = f.mount("/a");
        t.namespace().mount(a).attrChanges = 0xFFFF_FFFE;
        t.namespace().mount(1).topologyChanges = -1;
        assertThat(posts(f.ok(t.expire(ROOT, "/a")))).isEmpty();
        assertThat(t.mountInfo(ROOT, "/a").attrChanges()).isEqualTo(0xFFFF_FFFF);
        f.watch("/");
        assertMount(atRootWatch(t.umount(ROOT, "/a", false)), MountNotify.NOTIFY_MOUNT_UNMOUNT, 0, 1, a, 0, 0, 2);
        assertThat(t.mountInfo(ROOT, "/").topologyChanges()).isZero();
    }

    @Test
    void superblockRecordsGoToTheSuperblockOnlyOnceItWasWatched() {
        f.mkdirs("/m");
        int m = f.mount("/m");
        long sb = f.view(m).sbId();
        assertThat(posts(f.ok(t.sbRemount(ROOT, "/m", false)))).as("no watch list yet").isEmpty();
        f.watchSb("/m");
        List<MountFixture.Posted> ro = posts(f.ok(t.sbRemount(ROOT, "/m", true)));
        assertThat(ro).singleElement().satisfies(p -> {
            assertThat(p.objectId()).isEqualTo(sb);
            assertThat(p.watchId()).isEqualTo(sb);
            assertSb(p.record(), SuperblockNotify.NOTIFY_SUPERBLOCK_READONLY, SuperblockNotify.NOTIFY_SUPERBLOCK_IS_NOW_RO,
                    SuperblockNotify.LENGTH, sb);
        });
        assertSb(posts(f.ok(t.sbRemount(ROOT, "/m", true))).get(0).record(), SuperblockNotify.NOTIFY_SUPERBLOCK_READONLY,
                0, SuperblockNotify.LENGTH, sb);   // already read-only: reconfigure_super()'s remount_ro is false
        assertSb(posts(f.ok(t.sbRemount(ROOT, "/m", false))).get(0).record(), SuperblockNotify.NOTIFY_SUPERBLOCK_READONLY,
                0, SuperblockNotify.LENGTH, sb);
        assertSb(posts(f.ok(t.sbEdquot(ROOT, "/m"))).get(0).record(), SuperblockNotify.NOTIFY_SUPERBLOCK_EDQUOT, 0,
                SuperblockNotify.LENGTH, sb);
        assertSb(posts(f.ok(t.sbNetwork(ROOT, "/m"))).get(0).record(), SuperblockNotify.NOTIFY_SUPERBLOCK_NETWORK, 0,
                SuperblockNotify.LENGTH, sb);
        Notification error = posts(f.ok(t.sbError(ROOT, "/m", 5))).get(0).record();
        assertSb(error, SuperblockNotify.NOTIFY_SUPERBLOCK_ERROR, 0, SuperblockNotify.ERROR_LENGTH, sb);
        assertThat(SuperblockNotify.errorNumber(error)).isEqualTo(5);
        assertThat(error.u32(20)).as("error_cookie").isZero();
        assertThat(posts(f.ok(t.mount(ROOT, "tmpfs", "/m", "", null)))).as("no mount record on a superblock watch").isEmpty();
    }

    private static void assertSb(Notification n, int subtype, int flags, int length, long sb) {
        assertThat(n.type()).isEqualTo(WatchNotification.WATCH_TYPE_SB_NOTIFY);
        assertThat(n.subtype()).isEqualTo(subtype);
        assertThat(n.info()).isEqualTo(length | flags);
        assertThat(SuperblockNotify.sbId(n)).isEqualTo(sb);
    }
}
