package io.watchsim.sources.mounts;

import io.watchsim.queues.Errno;
import io.watchsim.queues.record.MountNotify;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.watchsim.sources.mounts.MountFixture.ROOT;
import static io.watchsim.sources.mounts.MountFixture.posts;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rename that lands during the rootward walk of post_mount_notification(): ver #5's walk starts
 * again and re-posts ({@link V5Bug#RENAME_RETRY_DUPLICATES}), the intended walk posts once, on the
 * tree as the rename left it. Each case both ways.
 */
class MountRenameRaceTest {
    private static final V5Bugs V5 = V5Bugs.of(V5Bug.RENAME_RETRY_DUPLICATES);

    /** /p/a/b holds m1; watches on m1's root, /p/a, /p, /q and /; a mount under m1 walks m1, a, p, /. */
    private static final class World {
        final MountFixture f;
        final int m1;
        final long onM1;
        final long onA;
        final long onP;
        final long onQ;
        final long onRoot;

        World(V5Bugs bugs) {
            f = new MountFixture(bugs);
            f.mkdirs("/p", "/q", "/u", "/p/a", "/p/a/b");
            m1 = f.mount("/p/a/b");
            f.mkdirs("/p/a/b/z");
            onM1 = f.watch("/p/a/b").watchId();
            onA = f.watch("/p/a").watchId();
            onP = f.watch("/p").watchId();
            onQ = f.watch("/q").watchId();
            onRoot = f.watch("/").watchId();
        }

        MountTable.Raced mountUnderM1(RacingRename race) {
            return f.table.racing(ROOT, race, () -> f.table.mount(ROOT, "tmpfs", "/p/a/b/z", "", null));
        }

        List<Long> watchIds(MountTable.Raced r) {
            return posts(f.ok(r.call())).stream().map(MountFixture.Posted::watchId).toList();
        }
    }

    @Test
    void aRenameAboveTheCursorMakesVer5PostTheFirstPassThenTheWholeWalkAgain() {
        for (V5Bugs bugs : List.of(V5Bugs.none(), V5)) {
            World w = new World(bugs);
            // lands once the walk has posted to m1's root, /p/a and /p: it goes on from /p, whose parent is still /
            MountTable.Raced r = w.mountUnderM1(new RacingRename("/p/a", "/q/a", 3));
            assertThat(r.race().rename().isOk()).isTrue();
            assertThat(r.race().landing()).isEqualTo(RacingRename.Landing.DURING_WALK);
            List<Long> second = List.of(w.onM1, w.onA, w.onQ, w.onRoot);   // the tree as the rename left it
            if (bugs.has(V5Bug.RENAME_RETRY_DUPLICATES)) {
                List<Long> first = List.of(w.onM1, w.onA, w.onP, w.onRoot);
                assertThat(w.watchIds(r)).containsExactlyElementsOf(concat(first, second));
            } else {
                assertThat(w.watchIds(r)).containsExactlyElementsOf(second);
            }
        }
    }

    @Test
    void theSecondPassStartsAtTheTriggersRootWithoutInSubtreeAgain() {
        World w = new World(V5);
        List<MountFixture.Posted> got = posts(w.mountUnderM1(new RacingRename("/u", "/v", 1)).call());
        assertThat(got).extracting(p -> (p.record().info() & MountNotify.NOTIFY_MOUNT_IN_SUBTREE) != 0)
                .containsExactly(false, true, true, true, false, true, true, true);
        assertThat(got).extracting(p -> MountNotify.topologyChanges(p.record())).containsOnly(2);   // one event, one count
    }

    @Test
    void anyRenameMovesRenameLocksSequenceSoAnUnrelatedOneDuplicatesEverythingInVer5() {
        for (V5Bugs bugs : List.of(V5Bugs.none(), V5)) {
            World w = new World(bugs);
            MountTable.Raced r = w.mountUnderM1(new RacingRename("/u", "/v", 0));
            List<Long> once = List.of(w.onM1, w.onA, w.onP, w.onRoot);
            assertThat(w.watchIds(r)).containsExactlyElementsOf(bugs == V5 ? concat(once, once) : once);
        }
    }

    @Test
    void ver5CountsTheSubtreeNotificationsOfBothPasses() {
        for (V5Bugs bugs : List.of(V5Bugs.none(), V5)) {
            World w = new World(bugs);
            int before = w.f.table.mountInfo(ROOT, "/").subtreeNotifications();
            w.f.ok(w.mountUnderM1(new RacingRename("/u", "/v", 2)).call());
            assertThat(w.f.table.mountInfo(ROOT, "/").subtreeNotifications() - before).isEqualTo(bugs == V5 ? 2 : 1);
        }
    }

    @Test
    void aRenameThatFailsOrMovesNothingLeavesTheSequenceAloneAndTheWalkPostsOnce() {
        for (V5Bugs bugs : List.of(V5Bugs.none(), V5)) {
            World w = new World(bugs);
            List<Long> once = List.of(w.onM1, w.onA, w.onP, w.onRoot);
            MountTable.Raced busy = w.mountUnderM1(new RacingRename("/p/a/b", "/q/b", 1));   // b is m1's mountpoint
            assertThat(busy.race().rename().errno()).isEqualTo(Errno.EBUSY);
            assertThat(busy.race().landing()).isEqualTo(RacingRename.Landing.DURING_WALK);
            assertThat(w.watchIds(busy)).containsExactlyElementsOf(once);
            w.f.ok(w.f.table.umount(ROOT, "/p/a/b/z", false));
            MountTable.Raced self = w.mountUnderM1(new RacingRename("/u", "/u", 1));
            assertThat(self.race().rename().isOk()).isTrue();
            assertThat(w.watchIds(self)).containsExactlyElementsOf(once);
        }
    }

    @Test
    void aRenameLandsAfterAWalkThatReachesFewerWatchedDirectoriesOrAfterACallThatMakesNone() {
        for (V5Bugs bugs : List.of(V5Bugs.none(), V5)) {
            World w = new World(bugs);
            MountTable.Raced late = w.mountUnderM1(new RacingRename("/p/a", "/q/a", 5));
            assertThat(late.race().landing()).isEqualTo(RacingRename.Landing.AFTER_WALK);
            assertThat(w.watchIds(late)).containsExactly(w.onM1, w.onA, w.onP, w.onRoot);
            assertThat(w.f.table.mountAt(ROOT, "/q/a/b").mntId()).isEqualTo(w.m1);   // it did land
            MountTable.Raced none = w.f.table.racing(ROOT, new RacingRename("/q/a", "/p/a", 0),
                    () -> w.f.table.mkdir(ROOT, "/u/x"));
            assertThat(none.race().landing()).isEqualTo(RacingRename.Landing.AFTER_CALL);
            assertThat(none.race().rename().isOk()).isTrue();
            MountTable.Raced failed = w.f.table.racing(ROOT, new RacingRename("/p/a", "/q/a", 0),
                    () -> w.f.table.umount(ROOT, "/nope", false));
            assertThat(failed.call().result().errno()).isEqualTo(Errno.ENOENT);
            assertThat(failed.race().landing()).isEqualTo(RacingRename.Landing.AFTER_CALL);
        }
    }

    @Test
    void onlyTheCallsFirstWalkMeetsTheRename() {
        World w = new World(V5);
        w.f.mkdirs("/q/t");
        // MOVE_FROM and MOVE_TO are both charged to the root mount, so each walks from / alone:
        // the first walk meets the rename and posts twice, the second once
        MountTable.Raced r = w.f.table.racing(ROOT, new RacingRename("/u", "/v", 0),
                () -> w.f.table.moveMount(ROOT, "/p/a/b", "/q/t"));
        assertThat(posts(w.f.ok(r.call()))).extracting(p -> p.record().subtype()).containsExactly(
                MountNotify.NOTIFY_MOUNT_MOVE_FROM, MountNotify.NOTIFY_MOUNT_MOVE_FROM, MountNotify.NOTIFY_MOUNT_MOVE_TO);
        assertThat(w.watchIds(r)).containsOnly(w.onRoot);
    }

    @Test
    void aRenameThatTakesThePathOutFromUnderABindMountsRootMakesTheWalkEscapeAndStop() {
        for (V5Bugs bugs : List.of(V5Bugs.none(), V5)) {
            MountFixture f = new MountFixture(bugs);
            f.mkdirs("/s", "/b");
            f.mount("/s");
            f.mkdirs("/s/a", "/s/a/d", "/s/a/d/x");
            f.ok(f.table.bindMount(ROOT, "/s/a", "/b"));    // rooted at a
            f.mount("/b/d/x");
            f.mkdirs("/b/d/x/y");
            long onM3 = f.watch("/b/d/x").watchId();
            long onBind = f.watch("/b").watchId();
            long onRoot = f.watch("/").watchId();
            MountTable.Outcome plain = f.table.mount(ROOT, "tmpfs", "/b/d/x/y", "", null);
            assertThat(posts(f.ok(plain))).extracting(MountFixture.Posted::watchId).containsExactly(onM3, onBind, onRoot);
            f.ok(f.table.umount(ROOT, "/b/d/x/y", false));
            // d leaves a (through the first mount of the filesystem): from m3's mountpoint x the walk climbs
            // to the filesystem's root, which is not the bind mount's root, and stops there
            MountTable.Raced r = f.table.racing(ROOT, new RacingRename("/s/a/d", "/s/e", 1),
                    () -> f.table.mount(ROOT, "tmpfs", "/b/d/x/y", "", null));
            assertThat(r.race().rename().isOk()).isTrue();
            assertThat(posts(f.ok(r.call()))).extracting(MountFixture.Posted::watchId)
                    .containsExactlyElementsOf(bugs == V5 ? List.of(onM3, onM3) : List.of(onM3));
        }
    }

    private static List<Long> concat(List<Long> a, List<Long> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
