package io.watchsim.sources.mounts;

import io.watchsim.queues.SysResult;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;

import static io.watchsim.sources.mounts.MountFixture.ROOT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The recovery walk against a full scan, over random mount storms on the mount table (rounds of
 * mounts, bind mounts, automounts, unmounts and lazy detaches, moves, remounts, expiries, superblock
 * remounts), with the counters starting at 0 or just below their wrap: after each round, the walk
 * reports exactly what comparing two full scans finds (by unique id: appeared, gone, topology or
 * attribute counter changed), a full rescan by the same tracker reports the same, and the walk never
 * asks more than the rescan, which asks once per mount.
 */
class MountChangeTrackerPropertyTest {
    @Provide
    Arbitrary<List<List<Integer>>> rounds() {
        return Arbitraries.integers().between(0, 1 << 20).list().ofMinSize(90).ofMaxSize(300).list().ofMinSize(1).ofMaxSize(4);
    }

    @Provide
    Arbitrary<Integer> counterStarts() {
        return Arbitraries.of(0, -1, -2, -7, -60, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    @Property(tries = 400)
    void theWalkReportsExactlyWhatTwoScansDifferInAndAsksNoMoreThanARescan(
            @ForAll("rounds") List<List<Integer>> rounds, @ForAll("counterStarts") int counterStart) {
        MountTable t = new MountTable(V5Bugs.none(), counterStart);
        MountChangeTracker.InfoSource source = MountStorm.source(t, ROOT);
        MountChangeTracker walker = MountChangeTracker.start(source, t.rootMountId()).toCompletableFuture().join();
        MountChangeTracker rescanner = MountChangeTracker.start(source, t.rootMountId()).toCompletableFuture().join();
        Map<Long, MountScan.Entry> before = MountScan.scan(t);
        MountStorm storm = new MountStorm();
        for (List<Integer> round : rounds) {
            IntSupplier choice = MountStorm.choices(round);
            for (int i = 0; i < round.size() / 3; i++) {
                MountOp op = storm.next(choice);
                SysResult r = MountStorm.apply(t, ROOT, op);
                if (r.isOk()) {
                    storm.succeeded(op);
                }
            }
            Map<Long, MountScan.Entry> after = MountScan.scan(t);
            List<MountChanges.Change> expected = MountScan.changes(before, after);

            MountChanges walked = walker.recover().toCompletableFuture().join();
            MountChanges rescanned = rescanner.rescan().toCompletableFuture().join();
            assertThat(walked.changes()).as("the walk against two scans").isEqualTo(expected);
            assertThat(rescanned.changes()).as("a full rescan against two scans").isEqualTo(expected);
            assertThat(walked.raced()).isFalse();
            assertThat(rescanned.infoCalls()).as("a rescan asks once per mount").isEqualTo(after.size());
            assertThat(walked.infoCalls()).as("the walk asks no more than a rescan")
                    .isBetween(1, rescanned.infoCalls());
            assertThat(walker.mountCount()).isEqualTo(after.size());
            Statistics.label("changes").collect(expected.isEmpty() ? "none" : expected.size() < 5 ? "1-4" : "5+");
            Statistics.label("asked less than a rescan").collect(walked.infoCalls() < rescanned.infoCalls());
            int n = after.size();
            Statistics.label("mounts").collect(n < 10 ? "1-9" : n < 30 ? "10-29" : n < 60 ? "30-59" : "60+");
            double share = (double) walked.infoCalls() / rescanned.infoCalls();
            Statistics.label("queries of the walk / of a rescan").collect(share <= 0.25 ? "<= 25%"
                    : share <= 0.5 ? "26-50%" : share < 1 ? "51-99%" : "100%");
            before = after;
        }
        // The storms are big enough to matter: most rounds change several mounts, and the walk
        // usually spares queries.
        Statistics.label("changes").coverage(c -> c.check("5+").percentage(p -> p > 25));
        Statistics.label("asked less than a rescan").coverage(c -> c.check(true).percentage(p -> p > 20));
    }

    /**
     * A few changes in a big tree, where the counters pay: on the balanced tree of 85 mounts (/aI,
     * /aI/bJ, /aI/bJ/cK), a short storm on its mounts; the walk against two scans and a rescan.
     */
    @Property(tries = 150)
    void aFewChangesInABigTreeAreFoundWithFewQueries(@ForAll("fewChanges") List<Integer> choices) {
        MountTable t = new MountTable(V5Bugs.none());
        List<String> paths = new java.util.ArrayList<>();   // parents before children
        for (int i = 0; i < 4; i++) {
            paths.add("/a" + i);
            for (int j = 0; j < 4; j++) {
                paths.add("/a" + i + "/b" + j);
                for (int k = 0; k < 4; k++) {
                    paths.add("/a" + i + "/b" + j + "/c" + k);
                }
            }
        }
        for (String p : paths) {
            assertThat(t.mkdir(ROOT, p).result().isOk()).isTrue();
            assertThat(t.mount(ROOT, "tmpfs", p, "", null).result().isOk()).isTrue();
        }
        MountChangeTracker.InfoSource source = MountStorm.source(t, ROOT);
        MountChangeTracker walker = MountChangeTracker.start(source, t.rootMountId()).toCompletableFuture().join();
        Map<Long, MountScan.Entry> before = MountScan.scan(t);
        assertThat(before).hasSize(85);
        MountStorm storm = new MountStorm(paths, paths);
        IntSupplier choice = MountStorm.choices(choices);
        for (int i = 0; i < choices.size() / 3; i++) {
            MountOp op = storm.next(choice);
            if (MountStorm.apply(t, ROOT, op).isOk()) {
                storm.succeeded(op);
            }
        }
        Map<Long, MountScan.Entry> after = MountScan.scan(t);
        MountChanges walked = walker.recover().toCompletableFuture().join();
        assertThat(walked.changes()).isEqualTo(MountScan.changes(before, after));
        assertThat(walked.infoCalls()).isBetween(1, after.size());
        double share = (double) walked.infoCalls() / after.size();
        Statistics.label("queries of the walk / of a rescan").collect(share <= 0.1 ? "<= 10%"
                : share <= 0.25 ? "11-25%" : share <= 0.5 ? "26-50%" : "51-100%");
        Statistics.label("queries of the walk / of a rescan").coverage(c -> c.check("<= 10%").percentage(p -> p > 20));
    }

    @Provide
    Arbitrary<List<Integer>> fewChanges() {
        return Arbitraries.integers().between(0, 1 << 20).list().ofMinSize(3).ofMaxSize(36);
    }
}
