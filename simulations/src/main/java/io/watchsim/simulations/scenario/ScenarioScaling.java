package io.watchsim.simulations.scenario;

import java.util.List;

/**
 * A scenario at a fraction of its size ({@code watchsim run --scale F}, and the tests that run
 * every shipped scenario): every group's count (a hot object stays one), every queue group's
 * count and every flood's records times F (at least one of each; a flood that overfilled its
 * queues keeps at least twice their size, as queue sizes do not scale); each generator's rates and
 * closed clients times the factor its object group was scaled by, so that every object sees the
 * operations it saw at full size. A run keeps its shape (the same operations in the same mix,
 * the same times and faults) on a smaller machine or in CI. A watch rule that spreads each
 * object over k queues keeps k, within the scaled queue count. A mount tree keeps its depth and
 * gets the smallest fanout that keeps at least F of its mounts, and F of its bind mounts and
 * automount points (at least one of each it had). Assertions are kept as written:
 * absolute throughput targets rarely hold at a fraction of the size.
 */
public final class ScenarioScaling {
    private ScenarioScaling() {
    }

    /** {@code s} at {@code factor} (0 < factor <= 1) of its size; 1 gives {@code s} itself. */
    public static Scenario scale(Scenario s, double factor) {
        if (!(factor > 0 && factor <= 1)) {
            throw new IllegalArgumentException("scale " + factor + " is outside (0, 1]");
        }
        if (factor == 1) {
            return s;
        }
        List<ObjectGroup> groups = s.world().groups().stream()
                .map(g -> g.shape() instanceof Shape.Hot ? g : g.withCount(count(g.count(), factor))).toList();
        List<QueueGroup> queues = s.queues().stream().map(q -> q.withCount(count(q.count(), factor))).toList();
        List<WatchRule> watches = s.watches().stream().map(w -> w.coverage() instanceof Coverage.Spread spread
                ? w.withCoverage(Coverage.spread(Math.min(spread.perObject(), queueCount(queues, w.queues()))))
                : w).toList();
        List<MountTree> mounts = s.world().mounts().stream().map(t -> scale(t, factor)).toList();
        List<Generator> generators = s.workload().generators().stream()
                .map(g -> g.withInjection(scale(g.injection(), s.world().mountTree(g.objects()).isPresent()
                        ? treeFactor(s, mounts, g.objects()) : groupFactor(s, groups, g.objects())))).toList();
        List<Fault> faults = s.faults().faults().stream()
                .map(f -> f.action() instanceof FaultAction.FloodQueue flood
                        ? new Fault(f.name(), f.trigger(), new FaultAction.FloodQueue(flood.queues(),
                        floodRecords(flood, s.queues(), factor)))
                        : f).toList();
        return new Scenario(s.name(), s.seed(), s.duration(), new World(s.world().gcDelay(), groups, mounts,
                s.world().v5Bugs()), queues, watches,
                s.policy(), new Workload(generators), new FaultPlan(faults), s.assertions(), s.output());
    }

    /** How much the object group {@code name} shrank (1 for a hot object or an unknown group). */
    private static double groupFactor(Scenario s, List<ObjectGroup> scaled, String name) {
        int before = s.world().group(name).map(ObjectGroup::count).orElse(1);
        int after = scaled.stream().filter(g -> g.name().equals(name)).mapToInt(ObjectGroup::count).findFirst().orElse(before);
        return Math.min(1, (double) after / Math.max(1, before));
    }

    /** The tree at {@code factor}: the smallest fanout (same depth) keeping F of its mounts. */
    private static MountTree scale(MountTree t, double factor) {
        double wanted = t.treeMounts() * factor;
        MountTree out = t.withFanout(1);
        for (int f = 1; f <= t.fanout() && out.treeMounts() < wanted; f++) {
            out = t.withFanout(f);
        }
        return out.withBinds(t.binds() == 0 ? 0 : count(t.binds(), factor))
                .withAutomounts(t.automounts() == 0 ? 0 : count(t.automounts(), factor));
    }

    /** How much the mount tree {@code name} shrank. */
    private static double treeFactor(Scenario s, List<MountTree> scaled, String name) {
        long before = s.world().mountTree(name).map(MountTree::treeMounts).orElse(1L);
        long after = scaled.stream().filter(t -> t.name().equals(name)).mapToLong(MountTree::treeMounts).findFirst()
                .orElse(before);
        return Math.min(1, (double) after / Math.max(1, before));
    }

    /**
     * A flood's records at {@code factor}; a flood that overfills its queues at full size (more records
     * than a queue of its group holds) keeps at least twice that size, or all its records if fewer:
     * queue sizes do not scale, so it still overfills them at any scale (a scenario's losses, and its
     * assertions on them, keep their cause). A flood that did not overfill them scales as a count.
     */
    private static int floodRecords(FaultAction.FloodQueue flood, List<QueueGroup> queues, double factor) {
        int size = queues.stream().filter(q -> q.name().equals(flood.queues())).mapToInt(QueueGroup::size).findFirst()
                .orElse(0);
        int scaled = count(flood.records(), factor);
        return flood.records() > size ? Math.max(scaled, Math.min(flood.records(), 2 * size)) : scaled;
    }

    private static int queueCount(List<QueueGroup> queues, String group) {
        return queues.stream().filter(q -> q.name().equals(group)).mapToInt(QueueGroup::count).findFirst().orElse(1);
    }

    private static int count(int n, double factor) {
        return (int) Math.max(1, Math.round(n * factor));
    }

    private static Rate rate(Rate r, double factor) {
        return Rate.perSecond(r.perSecond() * factor);
    }

    private static Injection scale(Injection i, double factor) {
        if (i instanceof Injection.Constant c) {
            return new Injection.Constant(rate(c.rate(), factor));
        } else if (i instanceof Injection.Ramp r) {
            return new Injection.Ramp(rate(r.from(), factor), rate(r.to(), factor), r.over());
        } else if (i instanceof Injection.Stairs st) {
            return new Injection.Stairs(rate(st.start(), factor), rate(st.step(), factor), st.steps(), st.each());
        } else if (i instanceof Injection.Spike sp) {
            return new Injection.Spike(rate(sp.base(), factor), rate(sp.peak(), factor), sp.at(), sp.length());
        } else if (i instanceof Injection.Poisson p) {
            return new Injection.Poisson(rate(p.rate(), factor));
        } else if (i instanceof Injection.Closed c) {
            return new Injection.Closed(count(c.clients(), factor), c.think());
        }
        throw new IllegalArgumentException("unknown injection " + i);
    }
}
