package io.watchsim.simulations.runner;

import io.watchsim.queues.record.WatchNotification;
import io.watchsim.simulations.scenario.Fault;
import io.watchsim.simulations.scenario.FaultAction;
import io.watchsim.simulations.scenario.FilterEntry;
import io.watchsim.simulations.scenario.Generator;
import io.watchsim.simulations.scenario.Injection;
import io.watchsim.simulations.scenario.MountOperation;
import io.watchsim.simulations.scenario.MountTree;
import io.watchsim.simulations.scenario.QueueFilter;
import io.watchsim.simulations.scenario.QueueGroup;
import io.watchsim.simulations.scenario.Scenario;
import io.watchsim.simulations.scenario.ScenarioBuilder;
import io.watchsim.simulations.scenario.WatchKind;
import io.watchsim.simulations.scenario.WatchRule;
import io.watchsim.simulations.scenario.WatchScope;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Small mount worlds run end to end: the mount operations of a workload post through the rootward
 * walk (one record per watched directory a walk passes, each checked per watch by the history), an
 * operation that does not fit is an errno counted and never fatal, the mount faults post and
 * remove what they should, and {@code world.v5-bugs} reaches the kernel.
 */
class MountRunTest {
    private static RunResult run(Scenario s) {
        return ScenarioRunner.run(s, ScenarioRunner.Options.standard().withHistory(null));
    }

    /** The run of {@code s}, which must pass (its summary is the failure's message). */
    private static RunResult passing(Scenario s) {
        RunResult r = run(s);
        assertThat(r.passed()).as(ResultWriter.summary(r)).isTrue();
        assertThat(r.history().overrun()).isNull();
        return r;
    }

    private static double metric(RunResult r, String name) {
        return r.metrics().get(name);
    }

    @Test
    void anEventBelowNestedWatchesReachesTheQueueOncePerWatchedDirectoryItsWalkPasses() {
        // a chain of three mounts (/t, /t/m0, /t/m0/m0), each watched at its root by the one queue;
        // each mount lands on a spare directory of one of them: one, two or three records
        Scenario s = Scenario.builder("nested").seed(3).duration("1500ms")
                .mountTree(MountTree.of("t", 2, 1).withSpares(1))
                .queues(QueueGroup.of("q", 1).withSize(512))
                .watch(WatchRule.mounts("every", "q", "t").withScope(WatchScope.EVERY).withTag(7))
                .generator(Generator.of("mounts", "t", Injection.constant("40/s")).with(MountOperation.MOUNT, 1))
                .assertion("invariants.all")
                .build();
        RunResult r = passing(s);
        String summary = ResultWriter.summary(r);
        double answered = metric(r, "operations.answered");
        assertThat(answered).as(summary).isPositive();
        assertThat(metric(r, "operations.errors")).as("a mount on a directory never fails").isZero();
        assertThat(metric(r, "records.delivered")).as(summary)
                .isGreaterThan(answered).isLessThanOrEqualTo(3 * answered);
        assertThat(metric(r, "records.lost")).isZero();
        assertThat(r.world().watches()).isEqualTo(3);
    }

    @Test
    void anOperationThatMeetsNothingIsAnErrnoCountedAndTheRunGoesOn() {
        // nothing is ever mounted on the spare directories: every umount is EINVAL, every expire too
        Scenario s = Scenario.builder("errnos").seed(4).duration("1s")
                .mountTree(MountTree.of("t", 1, 2))
                .queues(QueueGroup.of("q", 1))
                .watch(WatchRule.mounts("top", "q", "t"))
                .generator(Generator.of("misses", "t", Injection.constant("50/s")).with(MountOperation.UMOUNT, 1)
                        .with(MountOperation.EXPIRE, 1))
                .assertion("invariants.all")
                .assertion("operations.error-rate == 1")
                .build();
        RunResult r = passing(s);
        assertThat(metric(r, "operations.errors")).isPositive().isEqualTo(metric(r, "operations.answered"));
        assertThat(metric(r, "records.posted")).as("no call posted anything").isZero();
    }

    @Test
    void aLazyDetachOfBusySubtreesEndsEveryWatchBelowWithOneRemovalRecord() {
        // /t with m0 and m1, each with two mounts: the two busy mounts go with their four leaves
        Scenario s = Scenario.builder("detach").seed(5).duration("1s")
                .mountTree(MountTree.of("t", 2, 2))
                .queues(QueueGroup.of("q", 1).withSize(256))
                .watch(WatchRule.mounts("every", "q", "t").withScope(WatchScope.EVERY))
                .fault(Fault.at("detach", "200ms", new FaultAction.DetachMounts("t", 1)))
                .assertion("invariants.all")
                .build();
        RunResult r = passing(s);
        String summary = ResultWriter.summary(r);
        assertThat(metric(r, "records.removals")).as(summary).isEqualTo(6);
        // an UNMOUNT per detached mount: a leaf's reaches its parent's and the top's watches, a busy
        // mount's the top's: 4 x 2 + 2
        assertThat(metric(r, "records.delivered")).as(summary).isEqualTo(10);
        assertThat(r.invariants()).filteredOn(v -> v.name().equals("removal")).singleElement()
                .satisfies(v -> assertThat(v.detail()).startsWith("6 watches on ended objects"));
        assertThat(r.faults()).singleElement().satisfies(f -> assertThat(f.detail())
                .isEqualTo("t: 2 of 2 busy mounts (/t/m0, /t/m1); umount -l: 2 ok"));
    }

    @Test
    void anExpiryStormMarksThenUnmountsEachAutomount() {
        Scenario s = Scenario.builder("expiry").seed(6).duration("1s")
                .mountTree(MountTree.of("t", 0, 1).withAutomounts(3))
                .queues(QueueGroup.of("q", 1).withSize(64))
                .watch(WatchRule.mounts("top", "q", "t"))
                .fault(Fault.at("storm", "200ms", new FaultAction.ExpireAutomounts("t", 1)))
                .assertion("invariants.all")
                .build();
        RunResult r = passing(s);
        String summary = ResultWriter.summary(r);
        // EXPIRY on each automount and UNMOUNT on the top, both reaching the top's watch
        assertThat(metric(r, "records.delivered")).as(summary).isEqualTo(6);
        assertThat(r.faults()).singleElement().satisfies(f -> assertThat(f.detail())
                .isEqualTo("t: 3 of 3 automount points (/t/a0, /t/a1, /t/a2); expire: 3 ok; umount: 3 ok"));
    }

    /** Superblock errors watched with tag 3, on a queue that takes only superblock records with tag 3. */
    private static ScenarioBuilder taggedSuperblocks() {
        return Scenario.builder("sb-tags").seed(7).duration("1s")
                .mountTree(MountTree.of("t", 0, 1))
                .queues(QueueGroup.of("q", 1).withFilter(QueueFilter.of(
                        FilterEntry.all(WatchNotification.WATCH_TYPE_SB_NOTIFY).withTag(3))))
                .watch(WatchRule.of("sb", "q", "t").withKind(WatchKind.SUPERBLOCK).withTag(3))
                .generator(Generator.of("errors", "t", Injection.constant("50/s")).with(MountOperation.SB_ERROR, 1))
                .assertion("invariants.all");
    }

    @Test
    void theV5BugsSettingReachesTheKernel() {
        RunResult meant = passing(taggedSuperblocks().build());
        assertThat(metric(meant, "records.delivered")).as("the tag in bits 8..15 passes the filter").isPositive();
        assertThat(metric(meant, "records.filtered")).isZero();

        RunResult v5 = passing(taggedSuperblocks().v5Bugs(true).build());
        assertThat(metric(v5, "records.filtered")).as("ver #5 puts the tag in the top byte: the filter takes none")
                .isPositive().isEqualTo(metric(v5, "records.posted"));
        assertThat(metric(v5, "records.delivered")).isZero();
    }
}
