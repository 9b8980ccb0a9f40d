package io.watchsim.sources.mounts;

import io.watchsim.actors.Kernel;
import io.watchsim.actors.KernelSettings;
import io.watchsim.actors.QueueHandle;
import io.watchsim.policies.Credentials;
import io.watchsim.queues.SysResult;
import io.watchsim.queues.record.MetaNotify;
import io.watchsim.queues.record.Notification;
import io.watchsim.queues.record.WatchNotification;
import io.watchsim.queues.ring.ReadResult;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.statistics.Statistics;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A reader on a running kernel whose queue is too small for the storm: a watch on {@code /} feeds a
 * 32-note queue, random mount storms run while the reader does not read, then the reader drains the
 * queue and, at the loss record, lets the {@link MountChangeTracker} walk the tree. What it reports
 * must be exactly what two full scans (one at the previous walk, one now) differ in, and it must ask
 * no more than a full rescan would.
 */
class MountRecoveryAfterLossPropertyTest {
    static final ActorTestKit testKit = ActorTestKit.create();
    static final Credentials ROOT = Credentials.root();
    static int kernels;

    @AfterContainer
    static void cleanup() {
        testKit.shutdownTestKit();
    }

    private static <T> T await(CompletionStage<T> s) {
        return s.toCompletableFuture().orTimeout(30, TimeUnit.SECONDS).join();
    }

    @Provide
    Arbitrary<List<List<Integer>>> rounds() {
        return Arbitraries.integers().between(0, 1 << 20).list().ofMinSize(450).ofMaxSize(900).list().ofMinSize(1)
                .ofMaxSize(3);
    }

    @Property(tries = 12)
    void atEachLossRecordTheWalkReportsExactlyWhatAScanFinds(@ForAll("rounds") List<List<Integer>> rounds) {
        Kernel kernel = Kernel.start(testKit.system(), "recovery-" + (++kernels), KernelSettings.DEFAULT.withHosts(2));
        Mounts mounts = Mounts.start(kernel, "recovery-mounts-" + kernels, V5Bugs.none());
        try {
            QueueHandle q = await(kernel.createQueue());
            assertThat(await(kernel.setQueueSize(q.id(), 32)).isOk()).isTrue();
            assertThat(await(mounts.call(ROOT, new MountOp.WatchMount("/", 0, q.id(), 7))).isOk()).isTrue();
            MountChangeTracker.InfoSource source = MountChangeTracker.source(mounts, ROOT);
            MountChangeTracker tracker = await(MountChangeTracker.start(source, 1));
            Map<Long, MountScan.Entry> atLastWalk = scan(mounts, source);
            MountStorm storm = new MountStorm();
            for (List<Integer> round : rounds) {
                IntSupplier choice = MountStorm.choices(round);
                for (int i = 0; i < round.size() / 3; i++) {
                    MountOp op = storm.next(choice);
                    SysResult r = await(mounts.call(ROOT, op));
                    if (r.isOk()) {
                        storm.succeeded(op);
                    }
                }
                boolean lost = false;
                for (Notification n : drain(kernel, q)) {
                    MountChanges changes = await(tracker.onRecord(n));
                    if (MetaNotify.isMeta(n) && n.subtype() == WatchNotification.WATCH_META_LOSS_NOTIFICATION) {
                        lost = true;
                        Map<Long, MountScan.Entry> now = scan(mounts, source);
                        assertThat(changes.changes()).as("the walk at the loss record against two scans")
                                .isEqualTo(MountScan.changes(atLastWalk, now));
                        assertThat(changes.raced()).as("nothing changes while the reader walks").isFalse();
                        assertThat(changes.infoCalls()).as("no more queries than a rescan's one per mount")
                                .isBetween(1, now.size());
                        Statistics.label("queries of a walk, against a rescan's")
                                .collect(changes.infoCalls() < now.size() ? "fewer" : "as many");
                        atLastWalk = now;
                    } else {
                        assertThat(changes).isSameAs(MountChanges.NONE);
                    }
                }
                Statistics.label("the round lost records").collect(lost);
            }
        } finally {
            await(mounts.stop());
            await(kernel.stop());
        }
        Statistics.label("the round lost records").coverage(c -> c.check(true).percentage(p -> p > 40));
    }

    private static Map<Long, MountScan.Entry> scan(Mounts mounts, MountChangeTracker.InfoSource source) {
        return MountScan.scan(await(mounts.mounts()).stream().map(MountView::mntId).toList(), source);
    }

    /** Every record the queue holds, and the loss record where read() makes it. */
    private static List<Notification> drain(Kernel kernel, QueueHandle q) {
        List<Notification> seen = new ArrayList<>();
        for (ReadResult r = await(kernel.readQueue(q.id(), 4096)); !r.isError() && !r.isEof();
             r = await(kernel.readQueue(q.id(), 4096))) {
            byte[] d = r.data();
            for (int off = 0; off < d.length; ) {
                Notification n = Notification.decode(d, off, d.length - off);
                seen.add(n);
                off += n.length();
            }
        }
        return seen;
    }
}
