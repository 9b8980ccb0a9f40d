package io.watchsim.sources.mounts;

import io.watchsim.queues.record.MetaNotify;
import io.watchsim.queues.record.MountNotify;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import static io.watchsim.sources.mounts.MountChanges.Kind.APPEARED;
import static io.watchsim.sources.mounts.MountChanges.Kind.CHANGED;
import static io.watchsim.sources.mounts.MountChanges.Kind.GONE;
import static io.watchsim.sources.mounts.MountFixture.ROOT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The reader's recovery after a loss, case by case, on the mount table itself: what it reports, and
 * which mounts it asks about (the queries it makes, against a full rescan's one per mount).
 */
class MountChangeTrackerTest {
    private final MountFixture f = new MountFixture();
    private final MountTable t = f.table;
    /** The mount ids the tracker asked about, in order. */
    private final List<Integer> asked = new ArrayList<>();
    private final MountChangeTracker.InfoSource counting = id -> {
        asked.add(id);
        return MountStorm.source(t, ROOT).info(id);
    };

    private MountChangeTracker start(int root) {
        MountChangeTracker tracker = MountChangeTracker.start(counting, root).toCompletableFuture().join();
        asked.clear();
        return tracker;
    }

    private static MountChanges recover(MountChangeTracker tracker) {
        return tracker.recover().toCompletableFuture().join();
    }

    private Map<Long, MountScan.Entry> scan() {
        return MountScan.scan(t);
    }

    /** / with /a (holding /a/x, /a/y) and /b (holding /b/z): six mounts. */
    private int[] tree() {
        f.mkdirs("/a", "/b");
        int a = f.mount("/a");
        int b = f.mount("/b");
        f.mkdirs("/a/x", "/a/y", "/b/z");
        return new int[] {a, b, f.mount("/a/x"), f.mount("/a/y"), f.mount("/b/z")};
    }

    @Test
    void theFirstWalkAsksAboutEveryMountAndANewWalkWithNothingChangedOnlyAboutTheRoot() {
        tree();
        MountChangeTracker tracker = MountChangeTracker.start(counting, t.rootMountId()).toCompletableFuture().join();
        assertThat(asked).hasSize(6);
        assertThat(tracker.mountCount()).isEqualTo(6);
        asked.clear();
        MountChanges none = recover(tracker);
        assertThat(none.changes()).isEmpty();
        assertThat(none.infoCalls()).isEqualTo(1);
        assertThat(asked).containsExactly(t.rootMountId());
        assertThat(tracker.infoCalls()).isEqualTo(7);
    }

    @Test
    void anAttributeChangeDeepDownIsFoundByAskingOnlyAlongItsPath() {
        int[] m = tree();
        MountChangeTracker tracker = start(t.rootMountId());
        Map<Long, MountScan.Entry> before = scan();
        f.ok(t.remount(ROOT, "/b/z", "nodev"));
        MountChanges c = recover(tracker);
        assertThat(c.changes()).isEqualTo(MountScan.changes(before, scan()));
        assertThat(c.changes()).singleElement().satisfies(ch -> {
            assertThat(ch.kind()).isEqualTo(CHANGED);
            assertThat(ch.mntId()).isEqualTo(m[4]);
            assertThat(ch.after().attrChanges() - ch.before().attrChanges()).isEqualTo(1);
        });
        assertThat(asked).as("/, then b (its subtree counter moved); z's own entry in b's answer shows the change")
                .containsExactly(t.rootMountId(), m[1]);
    }

    @Test
    void aNewMountAndTheMountItWasAttachedToAreReportedAndTheUntouchedBranchIsNotAskedAbout() {
        int[] m = tree();
        MountChangeTracker tracker = start(t.rootMountId());
        Map<Long, MountScan.Entry> before = scan();
        f.mkdirs("/a/x/deep");
        int deep = f.mount("/a/x/deep");
        MountChanges c = recover(tracker);
        assertThat(c.changes()).isEqualTo(MountScan.changes(before, scan()));
        assertThat(c.of(APPEARED)).extracting(MountChanges.Change::mntId).containsExactly(deep);
        assertThat(c.of(CHANGED)).extracting(MountChanges.Change::mntId).containsExactly(m[2]);
        assertThat(asked).containsExactly(t.rootMountId(), m[0], m[2], deep);
        assertThat(asked).doesNotContain(m[1], m[3], m[4]);
    }

    /** A balanced tree: / with /aI, each with /aI/bJ, each with /aI/bJ/cK, I, J, K in 0..3: 85 mounts. */
    private void balancedTree() {
        for (int i = 0; i < 4; i++) {
            String a = "/a" + i;
            f.mkdirs(a);
            f.mount(a);
            for (int j = 0; j < 4; j++) {
                String b = a + "/b" + j;
                f.mkdirs(b);
                f.mount(b);
                for (int k = 0; k < 4; k++) {
                    f.mkdirs(b + "/c" + k);
                    f.mount(b + "/c" + k);
                }
            }
        }
    }

    @Test
    void onABalancedTreeOfEightyFiveMountsAWalkAsksOnlyAlongThePathsToWhatChanged() {
        balancedTree();
        MountChangeTracker tracker = start(t.rootMountId());
        assertThat(tracker.mountCount()).as("what a rescan asks").isEqualTo(85);

        f.ok(t.remount(ROOT, "/a1/b2/c3", "nodev"));
        assertThat(recover(tracker).infoCalls()).as("/, a1, a1/b2: c3's change is in b2's answer").isEqualTo(3);

        f.ok(t.remount(ROOT, "/a0/b0/c0", "noexec"));
        f.ok(t.remount(ROOT, "/a3/b1/c2", "noexec"));
        f.ok(t.remount(ROOT, "/a3/b1/c0", "ro"));
        MountChanges three = recover(tracker);
        assertThat(three.of(CHANGED)).hasSize(3);
        assertThat(three.infoCalls()).as("/, a0, a0/b0, a3, a3/b1").isEqualTo(5);

        f.ok(t.umount(ROOT, "/a2/b0/c1", false));
        MountChanges gone = recover(tracker);
        assertThat(gone.of(GONE)).hasSize(1);
        assertThat(gone.of(CHANGED)).as("b0, whose child went").hasSize(1);
        assertThat(gone.infoCalls()).as("/, a2, a2/b0").isEqualTo(3);

        MountChanges all = tracker.rescan().toCompletableFuture().join();
        assertThat(all.changes()).isEmpty();
        assertThat(all.infoCalls()).isEqualTo(84);
    }

    @Test
    void aLazyDetachOfASubtreeReportsEveryMountOfItGoneAndItsParentChanged() {
        int[] m = tree();
        MountChangeTracker tracker = start(t.rootMountId());
        Map<Long, MountScan.Entry> before = scan();
        f.ok(t.umount(ROOT, "/a", true));
        MountChanges c = recover(tracker);
        assertThat(c.changes()).isEqualTo(MountScan.changes(before, scan()));
        assertThat(c.of(GONE)).extracting(MountChanges.Change::mntId).containsExactlyInAnyOrder(m[0], m[2], m[3]);
        assertThat(c.of(CHANGED)).extracting(MountChanges.Change::mntId).containsExactly(t.rootMountId());
        assertThat(tracker.mountCount()).isEqualTo(3);
    }

    @Test
    void aMovedMountIsChangedNotGoneAndItsSubtreeComesAlongUnasked() {
        int[] m = tree();
        MountChangeTracker tracker = start(t.rootMountId());
        Map<Long, MountScan.Entry> before = scan();
        f.mkdirs("/b/z/in");
        f.ok(t.moveMount(ROOT, "/a", "/b/z/in"));
        MountChanges c = recover(tracker);
        assertThat(c.changes()).isEqualTo(MountScan.changes(before, scan()));
        assertThat(c.of(GONE)).isEmpty();
        assertThat(c.of(CHANGED)).extracting(MountChanges.Change::mntId)
                .containsExactlyInAnyOrder(t.rootMountId(), m[0], m[4]);
        assertThat(c.of(CHANGED)).filteredOn(ch -> ch.mntId() == m[0]).singleElement()
                .satisfies(ch -> assertThat(ch.after().topologyChanges() - ch.before().topologyChanges())
                        .as("MOVE_FROM and MOVE_TO both count on the moved mount").isEqualTo(2));
        assertThat(tracker.mountCount()).as("x and y moved with a").isEqualTo(6);
        assertThat(recover(tracker).changes()).as("the next walk knows the new places").isEmpty();
    }

    @Test
    void aReusedMountIdIsOneMountGoneAndAnotherAppearedEvenWithTheSameCountersInTheSamePlace() {
        f.mkdirs("/a");
        int a = f.mount("/a");
        MountChangeTracker tracker = start(t.rootMountId());
        Map<Long, MountScan.Entry> before = scan();
        f.ok(t.umount(ROOT, "/a", false));
        int again = f.mount("/a");
        assertThat(again).isEqualTo(a);
        MountScan.Entry old = before.values().stream().filter(e -> e.mntId() == a).findFirst().orElseThrow();
        MountScan.Entry now = scan().values().stream().filter(e -> e.mntId() == a).findFirst().orElseThrow();
        assertThat(List.of(now.topology(), now.attr())).as("indistinguishable by its counters")
                .isEqualTo(List.of(old.topology(), old.attr()));
        MountChanges c = recover(tracker);
        assertThat(c.changes()).isEqualTo(MountScan.changes(before, scan()));
        assertThat(c.changes()).extracting(MountChanges.Change::kind, MountChanges.Change::mntId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(CHANGED, t.rootMountId()),
                        org.assertj.core.groups.Tuple.tuple(GONE, a), org.assertj.core.groups.Tuple.tuple(APPEARED, a));
    }

    @Test
    void countersThatWrapPastZeroStillReadAsMoved() {
        MountFixture wrapping = new MountFixture(new MountTable(V5Bugs.none(), -1));
        MountTable w = wrapping.table;
        wrapping.mkdirs("/a");
        int a = (int) wrapping.ok(w.mount(ROOT, "tmpfs", "/a", "", null)).result().value();
        MountChangeTracker tracker = MountChangeTracker.start(MountStorm.source(w, ROOT), w.rootMountId())
                .toCompletableFuture().join();
        assertThat(w.mountInfo(ROOT, a).topologyChanges()).as("0xffffffff + 1").isZero();
        wrapping.ok(w.remount(ROOT, "/a", "nodev"));
        MountChanges c = recover(tracker);
        assertThat(c.changes()).singleElement().satisfies(ch -> {
            assertThat(ch.mntId()).isEqualTo(a);
            assertThat(ch.before().attrChanges()).isEqualTo(-1);
            assertThat(ch.after().attrChanges()).isZero();
            assertThat(ch.toString()).contains("was topology=0 attr=4294967295 now topology=0 attr=0");
        });
    }

    @Test
    void aTrackedMountThatGoesIsReportedGoneWithEverythingBelowItAndThenNothingMore() {
        int[] m = tree();
        MountChangeTracker tracker = start(m[0]);
        assertThat(tracker.mountCount()).isEqualTo(3);
        f.ok(t.umount(ROOT, "/a", true));
        MountChanges c = recover(tracker);
        assertThat(c.of(GONE)).extracting(MountChanges.Change::mntId).containsExactlyInAnyOrder(m[0], m[2], m[3]);
        assertThat(tracker.rootGone()).isTrue();
        f.mount("/a");
        assertThat(recover(tracker)).isEqualTo(MountChanges.NONE);
    }

    @Test
    void startingOnAMountIdThatNoMountHasFails() {
        assertThatThrownBy(() -> MountChangeTracker.start(counting, 42).toCompletableFuture().join())
                .isInstanceOf(CompletionException.class).hasRootCauseInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no mount has id 42");
    }

    @Test
    void aLossRecordStartsAWalkAndAnyOtherRecordAsksNothing() {
        int[] m = tree();
        MountChangeTracker tracker = start(t.rootMountId());
        f.ok(t.remount(ROOT, "/a", "noexec"));
        MountChanges none = tracker.onRecord(MountNotify.of(MountNotify.NOTIFY_MOUNT_SETATTR, 0, m[0], 0, 1, 1, 0))
                .toCompletableFuture().join();
        assertThat(none).isSameAs(MountChanges.NONE);
        assertThat(tracker.onRecord(MetaNotify.removal(7)).toCompletableFuture().join()).isSameAs(MountChanges.NONE);
        assertThat(asked).isEmpty();
        MountChanges c = tracker.onRecord(MetaNotify.loss()).toCompletableFuture().join();
        assertThat(c.of(CHANGED)).extracting(MountChanges.Change::mntId).containsExactly(m[0]);
        assertThat(asked).containsExactly(t.rootMountId());
    }

    @Test
    void aMountGoneBetweenItsParentsAnswerAndItsOwnQueryMakesTheWalkRacedAndTheNextWalkSetsItRight() {
        int[] m = tree();
        boolean[] zGone = {false};
        MountChangeTracker tracker = MountChangeTracker.start(id -> zGone[0] && id == m[4]
                ? CompletableFuture.completedFuture(Optional.empty()) : counting.info(id), t.rootMountId())
                .toCompletableFuture().join();
        f.mkdirs("/b/z/q");
        int q = f.mount("/b/z/q");   // z's topology moves: the walk asks about b, then about z
        zGone[0] = true;               // as if z went right after b answered
        MountChanges r = recover(tracker);
        assertThat(r.raced()).isTrue();
        assertThat(r.changes()).extracting(MountChanges.Change::kind, MountChanges.Change::mntId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(GONE, m[4]));
        zGone[0] = false;
        MountChanges next = recover(tracker);
        assertThat(next.raced()).isFalse();
        assertThat(next.of(APPEARED)).extracting(MountChanges.Change::mntId).containsExactlyInAnyOrder(m[4], q);
    }

    @Test
    void oneWalkAtATime() {
        tree();
        CompletableFuture<Optional<MountInfo>> never = new CompletableFuture<>();
        boolean[] hold = {false};
        MountChangeTracker tracker = MountChangeTracker.start(id -> hold[0] ? never
                : MountStorm.source(t, ROOT).info(id), t.rootMountId()).toCompletableFuture().join();
        hold[0] = true;
        tracker.recover();
        assertThatThrownBy(tracker::recover).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("one walk at a time");
    }
}
