package io.watchsim.sources.mounts;

import io.watchsim.queues.record.MountNotify;
import io.watchsim.queues.record.WatchNotification;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.watchsim.sources.mounts.MountFixture.ROOT;
import static io.watchsim.sources.mounts.MountFixture.posts;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rootward walk of ver #5's post_mount_notification(): which watched directories a mount
 * record reaches, in which order, with which IN_SUBTREE flag, and the subtree counters it moves.
 */
class MountPropagationTest {
    private final MountFixture f = new MountFixture();
    private final MountTable t = f.table;

    private static boolean inSubtree(MountFixture.Posted p) {
        return (p.record().info() & MountNotify.NOTIFY_MOUNT_IN_SUBTREE) != 0;
    }

    @Test
    void theTriggersRootGetsItWithoutInSubtreeItsAncestorsWithInWalkOrder() {
        f.mkdirs("/x");
        int m1 = f.mount("/x");
        f.mkdirs("/x/y");
        int m2 = f.mount("/x/y");
        f.mkdirs("/x/y/z");
        WatchTarget onRoot = f.watch("/");
        WatchTarget onX = f.watch("/x");        // m1's root: the path resolves in the mounted filesystem
        WatchTarget onXy = f.watch("/x/y");     // m2's root
        assertThat(List.of(onX.mntId(), onXy.mntId())).containsExactly(m1, m2);

        List<MountFixture.Posted> got = posts(f.ok(t.mount(ROOT, "tmpfs", "/x/y/z", "", null)));

        assertThat(got).extracting(MountFixture.Posted::objectId, MountFixture.Posted::watchId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(onXy.objectId(), onXy.watchId()),
                        org.assertj.core.groups.Tuple.tuple(onX.objectId(), onX.watchId()),
                        org.assertj.core.groups.Tuple.tuple(onRoot.objectId(), onRoot.watchId()));
        assertThat(got).extracting(MountPropagationTest::inSubtree).containsExactly(false, true, true);
        assertThat(got).extracting(p -> MountNotify.triggeredOn(p.record())).containsOnly(m2);
        assertThat(got).extracting(p -> p.record().subtype()).containsOnly(MountNotify.NOTIFY_MOUNT_NEW_MOUNT);
    }

    @Test
    void aWatchOnTheMountpointInTheParentDoesNotSeeTheNewMountsRecordWhichStartsAtTheParentsRoot() {
        f.mkdirs("/a", "/a/b");
        WatchTarget onB = f.watch("/a/b");
        List<MountFixture.Posted> got = posts(f.ok(t.mount(ROOT, "tmpfs", "/a/b", "", null)));
        assertThat(got).isEmpty();
        assertThat(onB.mntId()).isEqualTo(1);
    }

    @Test
    void aDirectoryOnTheWayUpWithAWatchGetsTheRecordWithInSubtree() {
        f.mkdirs("/a", "/a/b");
        WatchTarget onA = f.watch("/a");
        int m = f.mount("/a/b");
        List<MountFixture.Posted> got = posts(f.ok(t.remount(ROOT, "/a/b", "ro")));
        assertThat(got).extracting(MountFixture.Posted::watchId).containsOnly(onA.watchId());
        assertThat(got).extracting(p -> p.record().subtype())
                .containsExactly(MountNotify.NOTIFY_MOUNT_READONLY, MountNotify.NOTIFY_MOUNT_SETATTR);
        assertThat(got).allMatch(MountPropagationTest::inSubtree);
        assertThat(got).extracting(p -> MountNotify.triggeredOn(p.record())).containsOnly(m);
    }

    @Test
    void eachWatchedDirectoryIsOneStepEvenWithSeveralWatchesOnIt() {
        f.mkdirs("/a");
        WatchTarget first = f.watch("/");
        WatchTarget second = f.watch("/");
        assertThat(second).isEqualTo(first);
        assertThat(posts(f.ok(t.mount(ROOT, "tmpfs", "/a", "", null)))).hasSize(1);
    }

    @Test
    void aMountWithNoWatchesIsCrossedStraightToItsRootButItsSubtreeCounterStillMoves() {
        f.mkdirs("/x");
        int m1 = f.mount("/x");
        f.mkdirs("/x/d", "/x/d/e");
        int m6 = f.mount("/x/d/e");
        WatchTarget onD = f.watch("/x/d");
        List<MountFixture.Posted> watched = posts(f.ok(t.remount(ROOT, "/x/d/e", "nodev")));
        assertThat(watched).extracting(MountFixture.Posted::watchId).containsExactly(onD.watchId());
        assertThat(watched).allMatch(MountPropagationTest::inSubtree);

        t.watchRemoved(onD);     // the directory stays marked, but the mount has no watch left
        int before = t.mountInfo(ROOT, "/x").subtreeNotifications();
        assertThat(posts(f.ok(t.remount(ROOT, "/x/d/e", "dev")))).isEmpty();
        assertThat(t.mountInfo(ROOT, "/x").subtreeNotifications()).isEqualTo(before + 1);
        assertThat(m6).isNotEqualTo(m1);
    }

    @Test
    void aBindMountsEventsWalkThroughTheBindMountNotThroughTheMountItCameFrom() {
        f.mkdirs("/s", "/b");
        int s = f.mount("/s");
        f.mkdirs("/s/t");
        int b = (int) f.ok(t.bindMount(ROOT, "/s/t", "/b")).result().value();
        WatchTarget viaBind = f.watch("/b");
        WatchTarget viaSource = f.watch("/s/t");
        assertThat(viaBind.watchId()).as("the same directory").isEqualTo(viaSource.watchId());

        List<MountFixture.Posted> got = posts(f.ok(t.mount(ROOT, "tmpfs", "/b", "", null)));

        assertThat(got).extracting(MountFixture.Posted::objectId).containsExactly(f.objectOf(b));
        assertThat(got).noneMatch(MountPropagationTest::inSubtree);
        assertThat(f.objectOf(s)).isNotEqualTo(f.objectOf(b));
    }

    @Test
    void aMovedMountsRecordsReachTheOldTreeThenTheNewAndLaterEventsOnlyTheNew() {
        f.mkdirs("/p", "/q");
        int p = f.mount("/p");
        int q = f.mount("/q");
        f.mkdirs("/p/m", "/q/n");
        int m = f.mount("/p/m");
        WatchTarget onP = f.watch("/p");
        WatchTarget onQ = f.watch("/q");

        List<MountFixture.Posted> moved = posts(f.ok(t.moveMount(ROOT, "/p/m", "/q/n")));

        assertThat(moved).extracting(MountFixture.Posted::watchId).containsExactly(onP.watchId(), onQ.watchId());
        assertThat(moved).extracting(x -> x.record().subtype())
                .containsExactly(MountNotify.NOTIFY_MOUNT_MOVE_FROM, MountNotify.NOTIFY_MOUNT_MOVE_TO);
        assertThat(moved).noneMatch(MountPropagationTest::inSubtree);
        assertThat(moved).extracting(x -> MountNotify.triggeredOn(x.record())).containsExactly(p, q);
        assertThat(moved).extracting(x -> MountNotify.auxiliaryMount(x.record())).containsOnly(m);

        List<MountFixture.Posted> later = posts(f.ok(t.expire(ROOT, "/q/n")));
        assertThat(later).extracting(MountFixture.Posted::watchId).containsExactly(onQ.watchId());
        assertThat(later).allMatch(MountPropagationTest::inSubtree);
    }

    @Test
    void aLazyDetachPostsOneUnmountPerMountChildrenFirstEachOnItsParent() {
        f.mkdirs("/a");
        int a = f.mount("/a");
        f.mkdirs("/a/b", "/a/d");
        int b = f.mount("/a/b");
        f.mkdirs("/a/b/c");
        int c = f.mount("/a/b/c");
        int d = f.mount("/a/d");
        f.watch("/");
        f.watch("/a");
        f.watch("/a/b");

        List<MountFixture.Posted> got = posts(f.ok(t.umount(ROOT, "/a", true)));

        // d (on a: a's root, then /), c (on b: b's root, a's root, /), b (on a), a (on the root mount)
        assertThat(got).extracting(x -> MountNotify.auxiliaryMount(x.record()))
                .containsExactly(d, d, c, c, c, b, b, a);
        assertThat(got).extracting(x -> MountNotify.triggeredOn(x.record()))
                .as("every copy of one record names the same trigger").containsExactly(a, a, b, b, b, a, a, 1);
        assertThat(got).extracting(MountPropagationTest::inSubtree)
                .containsExactly(false, true, false, true, true, false, true, false);
        assertThat(got).allMatch(x -> x.record().subtype() == MountNotify.NOTIFY_MOUNT_UNMOUNT);
    }

    @Test
    void theRecordsOfAWalkDifferOnlyInTheInSubtreeFlag() {
        f.mkdirs("/a");
        f.mount("/a");
        f.mkdirs("/a/b");
        f.watch("/");
        f.watch("/a");
        List<MountFixture.Posted> got = posts(f.ok(t.mount(ROOT, "tmpfs", "/a/b", "", null)));
        assertThat(got).hasSize(2);
        byte[] atRoot = got.get(0).record().toBytes();
        byte[] above = got.get(1).record().toBytes();
        assertThat(above[6] ^ atRoot[6]).isEqualTo(MountNotify.NOTIFY_MOUNT_IN_SUBTREE >>> 16);
        above[6] = atRoot[6];
        assertThat(above).isEqualTo(atRoot);
        assertThat(WatchNotification.lengthOf(got.get(0).record().info())).isEqualTo(MountNotify.LENGTH);
    }
}
