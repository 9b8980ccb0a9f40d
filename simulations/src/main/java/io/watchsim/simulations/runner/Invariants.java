package io.watchsim.simulations.runner;

import io.watchsim.queues.ring.QueueStatistics;
import io.watchsim.simulations.history.HistoryVerdict;
import io.watchsim.simulations.scenario.FaultAction;
import io.watchsim.simulations.scenario.Policy;
import io.watchsim.simulations.scenario.Scenario;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The invariants every run is checked against, from what was counted where each fate was decided
 * (the queues' rings: posted, inserted, filtered, denied, lost, dropped) and where each record was
 * read (the readers' tallies), with what the faults did. Each check reports its first violations
 * as examples. Checks that need what the runner does not record yet say so (UNCHECKED) rather than
 * pass.
 */
final class Invariants {
    /** Examples kept per violated invariant. */
    static final int EXAMPLES = 10;

    private Invariants() {
    }

    /** Every invariant's verdict, in the order the metrics list them, from the counts alone. */
    static List<RunResult.InvariantVerdict> check(Scenario scenario, BuiltWorld world, FaultEffects effects,
                                                 RunCounters counters, Map<Long, QueueStatistics> stats,
                                                 Map<Long, QueueReaders.Tally> tallies) {
        return check(scenario, world, effects, counters, stats, tallies, null, true);
    }

    /**
     * Every invariant's verdict, in the order the metrics list them: from the counts, joined with
     * the history's per-watch checks when a whole history was kept ({@code history} non-null and
     * not overrun).
     */
    static List<RunResult.InvariantVerdict> check(Scenario scenario, BuiltWorld world, FaultEffects effects,
                                                 RunCounters counters, Map<Long, QueueStatistics> stats,
                                                 Map<Long, QueueReaders.Tally> tallies, HistoryVerdict history,
                                                 boolean quiet) {
        HistoryVerdict h = history == null || history.overrun() != null ? null : history;
        return List.of(
                quiet ? withHistory(conservation(effects, stats, tallies), h, "per watch, every post has one fate at the "
                        + "watch's queue and the reader read what each queue kept, in its order") : notQuiet("conservation"),
                quiet ? withHistory(lossMarking(effects, stats, tallies), h, "each loss record right after the record "
                        + "the kernel flagged") : notQuiet("loss-marking"),
                h != null ? withHistory(null, h, "every record that passed the post hook was allowed by the policy "
                        + "in force when it was posted, and every denial refused by it") : security(scenario),
                withHistory(ordering(tallies), h, "per watch, records reached the queue in post order"),
                withHistory(removal(world, effects, stats, tallies), h, "per watch, one removal record after its "
                        + "last record when removed or its object ended"),
                liveness(counters));
    }

    /** An invariant that needs the queues' final counts, when the kernel was still delivering at the end. */
    private static RunResult.InvariantVerdict notQuiet(String name) {
        return new RunResult.InvariantVerdict(name, RunResult.Status.UNCHECKED, "not checked: the kernel was still "
                + "delivering when the run ended (it fell behind the intended load), so its counts were still moving",
                List.of());
    }

    /** {@code counted} (null: nothing counted) joined with the history's check of the same invariant. */
    private static RunResult.InvariantVerdict withHistory(RunResult.InvariantVerdict counted, HistoryVerdict h,
                                                          String perWatch) {
        if (h == null) {
            return counted;
        }
        String name = counted != null ? counted.name() : "security";
        HistoryVerdict.Check c = h.check(name);
        List<String> examples = new ArrayList<>();
        boolean violated = !c.held();
        String detail = (violated ? c.violations() + " violation(s) in the history; " : "") + "history: " + perWatch;
        if (counted != null) {
            examples.addAll(counted.examples());
            violated |= counted.status() == RunResult.Status.VIOLATED;
            detail = counted.detail() + "; " + detail;
        }
        examples.addAll(c.examples());
        return new RunResult.InvariantVerdict(name, violated ? RunResult.Status.VIOLATED : RunResult.Status.HELD,
                detail, examples.subList(0, Math.min(examples.size(), 2 * EXAMPLES)));
    }

    /**
     * Conservation, per queue: the ring gave every record it was handed exactly one fate, and the
     * reader read every record the ring kept. (Per watch needs a per-watch ledger: next.)
     */
    static RunResult.InvariantVerdict conservation(FaultEffects effects, Map<Long, QueueStatistics> stats,
                                                  Map<Long, QueueReaders.Tally> tallies) {
        List<String> bad = new ArrayList<>();
        int checked = 0;
        for (Map.Entry<Long, QueueStatistics> e : stats.entrySet()) {
            long q = e.getKey();
            QueueStatistics s = e.getValue();
            QueueReaders.Tally t = tallies.get(q);
            if (effects.closedQueues().contains(q) || t == null) {
                continue;
            }
            checked++;
            if (!s.isBalanced()) {
                bad.add("queue " + q + ": posted " + s.posted() + " != inserted " + s.inserted() + " + filtered "
                        + s.filtered() + " + denied " + s.denied() + " + lost " + s.lost() + " + dropped "
                        + s.droppedDefunct());
            } else if (s.inserted() != s.recordsRead() + s.queued()) {
                bad.add("queue " + q + ": " + s.inserted() + " records kept, " + s.recordsRead() + " read out and "
                        + s.queued() + " still queued");
            } else if (s.recordsRead() != t.records() + t.removals()) {
                bad.add("queue " + q + ": the ring gave out " + s.recordsRead() + " records, its reader counted "
                        + (t.records() + t.removals()) + " (" + t.records() + " records, " + t.removals() + " removals)");
            } else if (s.queued() != 0) {
                bad.add("queue " + q + ": " + s.queued() + " records never read");
            }
        }
        return verdict("conservation", bad, "per queue, " + checked + " queues: every record posted has one fate, "
                + "every record kept was read");
    }

    /**
     * Loss marking, per queue: a queue that lost records announced it with at least one loss
     * record and at most one per record lost; a queue that lost nothing never did.
     */
    static RunResult.InvariantVerdict lossMarking(FaultEffects effects, Map<Long, QueueStatistics> stats,
                                                 Map<Long, QueueReaders.Tally> tallies) {
        List<String> bad = new ArrayList<>();
        for (Map.Entry<Long, QueueStatistics> e : stats.entrySet()) {
            QueueReaders.Tally t = tallies.get(e.getKey());
            if (t == null || effects.closedQueues().contains(e.getKey())) {
                continue;
            }
            QueueStatistics s = e.getValue();
            // A loss while the ring is empty cannot be flagged on a record (lostUnreported): Linux
            // drops it unannounced too. Every other loss must be announced.
            long announceable = s.lost() - s.lostUnreported();
            if (announceable > 0 && t.lossMarks() == 0) {
                bad.add("queue " + e.getKey() + ": lost " + announceable + " records, read no loss record");
            } else if (t.lossMarks() > announceable) {
                bad.add("queue " + e.getKey() + ": read " + t.lossMarks() + " loss records, lost " + announceable);
            } else if (t.lossMarks() != s.lossRecordsRead()) {
                bad.add("queue " + e.getKey() + ": the ring gave out " + s.lossRecordsRead() + " loss records, its "
                        + "reader counted " + t.lossMarks());
            }
        }
        return verdict("loss-marking", bad, "per queue: losses announced, no loss record without a loss");
    }

    /**
     * Security needs the policy's verdict per record and watch at posting time; under the
     * permissive policy, never swapped, it forbids nothing and holds by construction.
     */
    static RunResult.InvariantVerdict security(Scenario scenario) {
        // Without a history (--history) the per-record verdicts are not kept.
        boolean permissive = scenario.policy().engines().equals(List.of(Policy.Engine.PERMISSIVE))
                && scenario.faults().faults().stream().noneMatch(f -> f.action() instanceof FaultAction.SwapPolicy);
        return permissive
                ? new RunResult.InvariantVerdict("security", RunResult.Status.HELD,
                "the permissive policy forbids nothing", List.of())
                : new RunResult.InvariantVerdict("security", RunResult.Status.UNCHECKED,
                "not checked: needs the policy's verdict per record and watch; run with a history (--history) to "
                        + "check it", List.of());
    }

    /**
     * Ordering, as the readers see it: per queue, each object's records were read in its post order
     * (every record carries its post number beside it). Records filtered, denied or lost leave gaps;
     * only a later post read before an earlier one is a violation.
     */
    static RunResult.InvariantVerdict ordering(Map<Long, QueueReaders.Tally> tallies) {
        List<String> bad = new ArrayList<>();
        tallies.values().forEach(t -> bad.addAll(t.orderViolations()));
        return verdict("ordering", bad, "per queue and object, records read in post order");
    }

    /**
     * Removal: every watch on an object a fault destroyed or crashed (a key, or a tree mount a
     * fault detached or crashed) gave exactly one removal record, unless its queue was closed, the
     * watch crashed, or the queue lost records (the removal may be among them); no watch ever gave
     * two, and no record followed a removal.
     */
    static RunResult.InvariantVerdict removal(BuiltWorld world, FaultEffects effects, Map<Long, QueueStatistics> stats,
                                             Map<Long, QueueReaders.Tally> tallies) {
        List<String> bad = new ArrayList<>();
        tallies.values().forEach(t -> bad.addAll(t.removalViolations()));
        Set<Integer> ended = new HashSet<>(effects.destroyedObjects());
        ended.addAll(effects.crashedObjects());
        Set<FaultEffects.WatchKey> crashedWatches = effects.crashedWatches();
        int owed = 0;
        for (BuiltWorld.WatchSet w : world.watches()) {
            if (ended.contains(w.serial())
                    && !crashedWatches.contains(new FaultEffects.WatchKey(w.queueId(), w.serial()))) {
                owed += owedOne(w.queueId(), Integer.toUnsignedLong(w.serial()), "object "
                        + Integer.toUnsignedLong(w.serial()), effects, stats, tallies, bad);
            }
        }
        Set<Long> endedMounts = effects.endedMounts();
        for (BuiltWorld.MountWatchSet w : world.mountWatches()) {
            if (!w.superblock() && endedMounts.contains(w.mount().objectId())) {
                // a mount's watches name it by its mount id in their removal records
                owed += owedOne(w.queueId(), w.mount().mntId(), "mount " + w.mount().mntId() + " ("
                        + w.mount().path() + ")", effects, stats, tallies, bad);
            }
        }
        return verdict("removal", bad, owed + " watches on ended objects each gave one removal record; "
                + "none gave two or a record after it");
    }

    /**
     * One watch on {@code queueId} whose object a fault ended owes one removal record naming
     * {@code removalId}: 1 when it is held to it (its queue neither closed nor lossy), else 0; a
     * count other than one is added to {@code bad}.
     */
    private static int owedOne(long queueId, long removalId, String what, FaultEffects effects,
                               Map<Long, QueueStatistics> stats, Map<Long, QueueReaders.Tally> tallies,
                               List<String> bad) {
        QueueReaders.Tally t = tallies.get(queueId);
        QueueStatistics s = stats.get(queueId);
        if (effects.closedQueues().contains(queueId) || t == null || (s != null && s.lost() > 0)) {
            return 0;
        }
        int seen = t.removalsByObject().getOrDefault(removalId, 0);
        if (seen != 1 && bad.size() < EXAMPLES) {
            bad.add("queue " + queueId + ": " + seen + " removal records for " + what + " that a fault ended");
        }
        return 1;
    }

    /** Liveness: every kernel call the generators and faults made was answered within its bound. */
    static RunResult.InvariantVerdict liveness(RunCounters counters) {
        long n = counters.unanswered.sum();
        return n == 0 ? new RunResult.InvariantVerdict("liveness", RunResult.Status.HELD,
                "every call was answered within its bound", List.of())
                : new RunResult.InvariantVerdict("liveness", RunResult.Status.VIOLATED,
                n + " calls were not answered within their bound", List.copyOf(counters.unansweredCalls));
    }

    private static RunResult.InvariantVerdict verdict(String name, List<String> bad, String what) {
        return bad.isEmpty() ? new RunResult.InvariantVerdict(name, RunResult.Status.HELD, what, List.of())
                : new RunResult.InvariantVerdict(name, RunResult.Status.VIOLATED, bad.size() + " violation(s); "
                + what, bad.subList(0, Math.min(EXAMPLES, bad.size())));
    }
}
