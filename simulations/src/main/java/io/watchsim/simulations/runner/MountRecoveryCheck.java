package io.watchsim.simulations.runner;

import io.watchsim.actors.Kernel;
import io.watchsim.policies.Credentials;
import io.watchsim.simulations.scenario.Metric;
import io.watchsim.simulations.scenario.QueueGroup;
import io.watchsim.simulations.scenario.Scenario;
import io.watchsim.simulations.scenario.WatchKind;
import io.watchsim.simulations.scenario.WatchRule;
import io.watchsim.sources.mounts.MountChangeTracker;
import io.watchsim.sources.mounts.MountChanges;
import io.watchsim.sources.mounts.Mounts;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Whether the readers that recover through mountinfo found every change. At the start (the world
 * built, nothing run yet) it learns every mount tree with a full walk of its own, the truth's
 * baseline, and gives each recovering reader its trackers (their first walks made then too). At
 * the end (the queues drained, every reader's last walk ended) it walks each tree in full again:
 * the mounts that appeared, went or changed over the run. Each recovering reader must know each of
 * the changes in the trees its queue watches, from a record it read (which names the mount's id)
 * or from a walk (which names its unique id); a reader whose queue a fault closed is not held to
 * it. The counts become the metrics {@code mounts.changes}, {@code mounts.missed},
 * {@code mounts.walks} and {@code mounts.info-calls}.
 */
final class MountRecoveryCheck {
    /** Missed changes kept as examples. */
    static final int EXAMPLES = 10;

    private final Kernel kernel;
    private final Map<Integer, MountChangeTracker> truth;
    private final Map<Long, List<MountChangeTracker>> readers;

    private MountRecoveryCheck(Kernel kernel, Map<Integer, MountChangeTracker> truth,
                               Map<Long, List<MountChangeTracker>> readers) {
        this.kernel = kernel;
        this.truth = truth;
        this.readers = readers;
    }

    /** What the check found. */
    record Outcome(long changes, long missed, long walks, long infoCalls, List<String> examples) {
        Outcome {
            examples = List.copyOf(examples);
        }
    }

    /**
     * Learns every tree of {@code world} (waits: call it from a plain thread, before the workload)
     * and makes the trackers of the queues whose readers recover through mountinfo.
     */
    static MountRecoveryCheck start(Scenario scenario, BuiltWorld world, Mounts mounts) {
        Map<Integer, MountChangeTracker> truth = new LinkedHashMap<>();
        Map<Long, List<MountChangeTracker>> readers = new LinkedHashMap<>();
        if (mounts == null) {
            return new MountRecoveryCheck(null, truth, readers);
        }
        MountChangeTracker.InfoSource source = MountChangeTracker.source(mounts, Credentials.root());
        for (BuiltMountTree t : world.mountTrees().values()) {
            truth.put(t.top().mntId(), mounts.kernel().await(MountChangeTracker.start(source, t.top().mntId())));
        }
        for (QueueGroup g : scenario.queues()) {
            if (!g.reader().mountinfo()) {
                continue;
            }
            Set<Integer> roots = new LinkedHashSet<>();
            for (WatchRule r : scenario.watches()) {
                if (r.kind() == WatchKind.MOUNT && r.queues().equals(g.name())) {
                    world.mountTree(r.objects()).ifPresent(t -> roots.add(t.top().mntId()));
                }
            }
            for (long q : world.queues(g.name())) {
                List<MountChangeTracker> trackers = new ArrayList<>();
                for (int root : roots) {
                    trackers.add(mounts.kernel().await(MountChangeTracker.start(source, root)));
                }
                readers.put(q, trackers);
            }
        }
        return new MountRecoveryCheck(mounts.kernel(), truth, readers);
    }

    /** The trackers of each recovering reader's queue, for {@link QueueReaders#start}. */
    Map<Long, List<MountChangeTracker>> readerTrackers() {
        return readers;
    }

    /** Whether any reader recovers through mountinfo (else the metrics are not measured). */
    boolean active() {
        return !readers.isEmpty();
    }

    /** Walks every tree in full and holds each recovering reader's findings against the changes. */
    Outcome finish(Map<Long, QueueReaders.Tally> tallies, FaultEffects effects) {
        Map<Integer, MountChanges> changes = new LinkedHashMap<>();
        truth.forEach((root, t) -> changes.put(root, kernel.await(t.rescan())));
        return judge(changes, tallies, effects);
    }

    /**
     * Each recovering reader (a tally with what it found) held against {@code changes}, the changes
     * of each tree over the run by its top's mount id; readers of closed queues are left out.
     */
    static Outcome judge(Map<Integer, MountChanges> changes, Map<Long, QueueReaders.Tally> tallies,
                         FaultEffects effects) {
        long total = 0;
        long missed = 0;
        long walks = 0;
        long calls = 0;
        List<String> examples = new ArrayList<>();
        for (Map.Entry<Long, QueueReaders.Tally> e : tallies.entrySet()) {
            MountRecovery.Found found = e.getValue().recovery();
            if (found == null || effects.closedQueues().contains(e.getKey())) {
                continue;
            }
            walks += found.walks();
            calls += found.infoCalls();
            for (int root : found.roots()) {
                for (MountChanges.Change c : changes.getOrDefault(root, MountChanges.NONE).changes()) {
                    total++;
                    if (!found.knows(c)) {
                        missed++;
                        if (examples.size() < EXAMPLES) {
                            examples.add("queue " + e.getKey() + " (" + found.walks() + " walks) did not learn: " + c);
                        }
                    }
                }
            }
        }
        return new Outcome(total, missed, walks, calls, examples);
    }

    /** The outcome as metrics (NaN when no reader recovers through mountinfo). */
    Map<Metric, Double> metrics(Outcome o) {
        Map<Metric, Double> m = new EnumMap<>(Metric.class);
        m.put(Metric.MOUNTS_CHANGES, active() ? o.changes() : Double.NaN);
        m.put(Metric.MOUNTS_MISSED, active() ? o.missed() : Double.NaN);
        m.put(Metric.MOUNTS_WALKS, active() ? o.walks() : Double.NaN);
        m.put(Metric.MOUNTS_INFO_CALLS, active() ? o.infoCalls() : Double.NaN);
        return m;
    }
}
