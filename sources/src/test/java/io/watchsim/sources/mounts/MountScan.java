package io.watchsim.sources.mounts;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The oracle of the tracker's tests: a full scan (every mount of the namespace, each asked about by
 * id) and the changes between two scans, computed the plain way: by unique id, a mount in the second
 * scan only appeared, one in the first only went, one in both with another topology or attribute
 * counter changed.
 */
final class MountScan {
    private MountScan() {
    }

    /** One mount as a scan saw it. */
    record Entry(int mntId, long uniqueId, int topology, int attr) {
    }

    /** Every mount of {@code ids}, by unique id, as {@code source} answers now. */
    static Map<Long, Entry> scan(List<Integer> ids, MountChangeTracker.InfoSource source) {
        Map<Long, Entry> out = new HashMap<>();
        for (int id : ids) {
            MountInfo i = source.info(id).toCompletableFuture().join().orElseThrow();
            out.put(i.uniqueId(), new Entry(i.mntId(), i.uniqueId(), i.topologyChanges(), i.attrChanges()));
        }
        return out;
    }

    /** Every mount of a table. */
    static Map<Long, Entry> scan(MountTable t) {
        return scan(t.mounts().stream().map(MountView::mntId).toList(), MountStorm.source(t, MountFixture.ROOT));
    }

    static List<MountChanges.Change> changes(Map<Long, Entry> before, Map<Long, Entry> after) {
        List<MountChanges.Change> out = new ArrayList<>();
        for (Entry a : after.values()) {
            Entry b = before.get(a.uniqueId());
            if (b == null) {
                out.add(new MountChanges.Change(MountChanges.Kind.APPEARED, a.mntId(), a.uniqueId(), null, counters(a)));
            } else if (b.topology() != a.topology() || b.attr() != a.attr()) {
                out.add(new MountChanges.Change(MountChanges.Kind.CHANGED, a.mntId(), a.uniqueId(), counters(b),
                        counters(a)));
            }
        }
        for (Entry b : before.values()) {
            if (!after.containsKey(b.uniqueId())) {
                out.add(new MountChanges.Change(MountChanges.Kind.GONE, b.mntId(), b.uniqueId(), counters(b), null));
            }
        }
        return new MountChanges(out, 0, false).changes();   // in the report's order
    }

    private static MountChanges.Counters counters(Entry e) {
        return new MountChanges.Counters(e.topology(), e.attr());
    }
}
