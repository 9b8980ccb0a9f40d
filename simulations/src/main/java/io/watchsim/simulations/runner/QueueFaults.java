package io.watchsim.simulations.runner;

import io.watchsim.queues.SysResult;
import io.watchsim.simulations.scenario.FaultAction;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The faults on queues and the watches feeding them. crash-watches makes a share of the watches
 * set on a queue group's queues fail ({@code Kernel.crashWatch}: no removal record, their object
 * drops them); close-queues closes both ends of a share of the group's queues
 * ({@code Kernel.closeQueue}: the watches go silently) and tells each queue's reader;
 * flood-queue posts {@link FloodRecords} straight into one queue of the group
 * ({@code Kernel.postToQueue}). What the kernel accepted is recorded in the run's
 * {@link FaultEffects}.
 */
final class QueueFaults {
    /** Posts made in one go before the flood yields its thread. */
    static final int FLOOD_CHUNK = 1024;

    private final RunContext ctx;

    QueueFaults(RunContext ctx) {
        this.ctx = ctx;
    }

    FaultWork crashWatches(ArmedFault armed, FaultAction.CrashWatches c) {
        List<BuiltWorld.WatchSet> group = armed.group(() -> watchesOn(c.queues()));
        List<BuiltWorld.WatchSet> picked = armed.pickFresh(group, c.share());
        return firing -> firing.each("crash watch", picked, QueueFaults::name,
                        w -> ctx.kernel().crashWatch(Integer.toUnsignedLong(w.serial()), w.queueId()),
                        (w, r) -> {
                            if (r.isOk()) {
                                ctx.effects().watchCrashed(w.queueId(), w.serial());
                            }
                        })
                .thenApply(v -> FaultWork.picked(c.queues(), "watches", picked, Shares.count(c.share(), group.size()),
                        group.size(), QueueFaults::name) + "; "
                        + firing.answers());
    }

    /** The watches set on the group's queues, in the order they were set. */
    private List<BuiltWorld.WatchSet> watchesOn(String queueGroup) {
        Set<Long> queues = new HashSet<>(ctx.world().queues(queueGroup));
        return ctx.world().watches().stream().filter(w -> queues.contains(w.queueId())).toList();
    }

    private static String name(BuiltWorld.WatchSet w) {
        return "queue " + w.queueId() + " on key " + w.serial();
    }

    FaultWork close(ArmedFault armed, FaultAction.CloseQueues c) {
        List<Long> group = ctx.world().queues(c.queues());
        List<Long> picked = armed.pickFresh(group, c.share());
        AtomicInteger told = new AtomicInteger();
        return firing -> firing.each("close", picked, q -> "queue " + q, q -> ctx.kernel().closeQueue(q),
                        (q, r) -> {
                            if (r.isOk()) {
                                ctx.effects().queueClosed(q);
                                if (ctx.readers().queueClosed(q)) {
                                    told.incrementAndGet();
                                }
                            }
                        })
                .thenApply(v -> FaultWork.picked(c.queues(), "queues", picked, Shares.count(c.share(), group.size()),
                        group.size(), q -> "queue " + q) + "; "
                        + firing.answers() + "; readers told: " + told.get());
    }

    FaultWork flood(ArmedFault armed, FaultAction.FloodQueue f) {
        List<Long> group = ctx.world().queues(f.queues());
        if (group.isEmpty()) {
            return firing -> CompletableFuture.completedFuture(f.queues() + ": no queues");
        }
        long queue = armed.pickOne(group);
        return firing -> {
            CompletableFuture<Void> done = new CompletableFuture<>();
            post(firing, queue, 0, f.records(), done);
            return done.thenApply(v -> f.queues() + ": queue " + queue + " (one of " + group.size() + "), "
                    + f.records() + " records; " + firing.answers());
        };
    }

    /** Posts records {@code from..total-1} a chunk at a time, each chunk after the last on the executor. */
    private void post(Firing firing, long queue, int from, int total, CompletableFuture<Void> done) {
        CallTally tally = firing.tally("post");
        if (firing.stopping()) {
            tally.add(CallTally.NOT_ISSUED, total - from);
            done.complete(null);
            return;
        }
        int end = (int) Math.min(total, (long) from + FLOOD_CHUNK);
        Map<String, Long> answers = new HashMap<>();
        for (int i = from; i < end; i++) {
            SysResult r = ctx.kernel().postToQueue(queue, FloodRecords.RECORD, FloodRecords.TAG);
            answers.merge(r.isOk() ? CallTally.OK : r.errno().name(), 1L, Long::sum);
        }
        answers.forEach(tally::add);
        if (end == total) {
            done.complete(null);
        } else {
            firing.executor().execute(() -> post(firing, queue, end, total, done));
        }
    }
}
