package io.watchsim.simulations.runner;

import io.watchsim.actors.Kernel;
import io.watchsim.actors.QueueHandle;
import io.watchsim.policies.Credentials;
import io.watchsim.policies.SecurityModule;
import io.watchsim.queues.SysResult;
import io.watchsim.simulations.scenario.Coverage;
import io.watchsim.simulations.scenario.MountTree;
import io.watchsim.simulations.scenario.WatchKind;
import io.watchsim.simulations.scenario.ObjectGroup;
import io.watchsim.simulations.scenario.QueueGroup;
import io.watchsim.simulations.scenario.Scenario;
import io.watchsim.simulations.scenario.Shape;
import io.watchsim.simulations.scenario.WatchRule;
import io.watchsim.sources.keys.KeyOp;
import io.watchsim.sources.keys.KeyTable;
import io.watchsim.sources.keys.KeyType;
import io.watchsim.sources.keys.Keys;
import io.watchsim.sources.mounts.Mounts;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

/**
 * Builds a scenario's world through the kernel's public API, in the order Linux would need it:
 * the garbage collector's delay, the object groups (keyrings before the keys linked into them;
 * a tree's keyrings level by level from its root), the mount trees ({@link MountWorldBuilder}), the queues (sized, filtered), then the
 * scenario's policy is loaded and the watches are set under it (KEYCTL_WATCH_KEY through the key
 * subsystem, with each rule's setter: the watch hook applies). Objects and queues are made
 * before the policy, as a system's setup is made before its policy is loaded; a key still takes
 * its creator's label. Calls go out in batches
 * so that a million objects never wait on one another's answers all at once. A call the kernel
 * refuses stops the build with a {@link WorldException} naming the call and the errno: a world
 * the scenario describes but the kernel will not build is a mistake in the scenario.
 */
final class WorldBuilder {
    /** Calls outstanding at once while building. */
    static final int BATCH = 2000;
    /** The build's phases, as {@link #phases} names them: the object groups (add_key), the queues, the policy, the watches. */
    static final String PHASE_OBJECTS = "objects";
    static final String PHASE_QUEUES = "queues";
    static final String PHASE_POLICY = "policy";
    static final String PHASE_WATCHES = "watches";

    private final Scenario scenario;
    private final Kernel kernel;
    private final Keys keys;
    private final Mounts mounts;
    private final Map<String, BuiltMountTree> mountTrees = new LinkedHashMap<>();
    private final List<BuiltWorld.MountWatchSet> mountWatches = new ArrayList<>();
    private final Map<String, List<Integer>> objects = new LinkedHashMap<>();
    private final Map<String, List<Integer>> innerRings = new LinkedHashMap<>();
    private final Map<String, List<Long>> queues = new LinkedHashMap<>();
    private final List<BuiltWorld.WatchSet> watches = new ArrayList<>();
    private final Map<String, Double> phases = new LinkedHashMap<>();

    /** A scenario's world that the kernel refused to build. */
    static final class WorldException extends RuntimeException {
        WorldException(String message) {
            super(message, null, false, false);
        }
    }

    WorldBuilder(Scenario scenario, Kernel kernel, Keys keys) {
        this(scenario, kernel, keys, null);
    }

    /** With {@code mounts}, the mount sources the scenario's mount trees are built on (null when it has none). */
    WorldBuilder(Scenario scenario, Kernel kernel, Keys keys, Mounts mounts) {
        this.scenario = scenario;
        this.kernel = kernel;
        this.keys = keys;
        this.mounts = mounts;
    }

    /** Builds everything, loading {@code policy} before the watches; returns the world by name. */
    BuiltWorld build(SecurityModule policy) {
        long t = System.nanoTime();
        checked("gc_delay", kernel.await(keys.setGcDelay(scenario.world().gcDelay().toSeconds())));
        for (ObjectGroup g : inLinkOrder(scenario.world().groups())) {
            buildGroup(g);
        }
        for (MountTree tree : scenario.world().mounts()) {
            mountTrees.put(tree.name(), MountWorldBuilder.build(mounts, tree));
        }
        t = phase(PHASE_OBJECTS, t);
        for (QueueGroup q : scenario.queues()) {
            buildQueues(q);
        }
        t = phase(PHASE_QUEUES, t);
        kernel.await(kernel.reloadPolicy(policy));
        t = phase(PHASE_POLICY, t);
        for (WatchRule rule : scenario.watches()) {
            if (rule.kind() == WatchKind.KEY) {
                buildWatches(rule);
            } else {
                mountWatches.addAll(MountWorldBuilder.watch(mounts, rule, mountTrees.get(rule.objects()),
                        queues.getOrDefault(rule.queues(), List.of())));
            }
        }
        phase(PHASE_WATCHES, t);
        return new BuiltWorld(objects, innerRings, queues, watches, mountTrees, mountWatches);
    }

    /** The build's phases, in order: name to seconds (filled by {@link #build}). */
    Map<String, Double> phases() {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(phases));
    }

    private long phase(String name, long since) {
        long now = System.nanoTime();
        phases.put(name, (now - since) / 1e9);
        return now;
    }

    // ------------------------------------------------------------------ objects

    /** Groups with the groups they are linked into first (the validator refused cycles). */
    static List<ObjectGroup> inLinkOrder(List<ObjectGroup> groups) {
        Map<String, ObjectGroup> byName = new LinkedHashMap<>();
        groups.forEach(g -> byName.put(g.name(), g));
        List<ObjectGroup> out = new ArrayList<>();
        Map<String, Boolean> placed = new HashMap<>();
        for (ObjectGroup g : groups) {
            place(g, byName, placed, out);
        }
        return out;
    }

    private static void place(ObjectGroup g, Map<String, ObjectGroup> byName, Map<String, Boolean> placed,
                              List<ObjectGroup> out) {
        if (placed.containsKey(g.name())) {
            return;
        }
        placed.put(g.name(), Boolean.TRUE);
        g.linkedInto().map(byName::get).ifPresent(parent -> place(parent, byName, placed, out));
        out.add(g);
    }

    private void buildGroup(ObjectGroup g) {
        List<Integer> parents = g.linkedInto().map(objects::get).orElse(null);
        IntFunction<Integer> ringOf = i -> parents == null || parents.isEmpty() ? KeyTable.SESSION
                : parents.get(i % parents.size());
        if (g.shape() instanceof Shape.Tree tree) {
            buildTree(g, tree, ringOf.apply(0));
            return;
        }
        int count = g.shape() instanceof Shape.Hot ? 1 : g.count();
        objects.put(g.name(), addAll(g, count, i -> g.name() + sep(g.type()) + i, ringOf, g.type(), g.payload()));
    }

    /**
     * A tree of keyrings of the group's depth, its root linked into {@code rootRing}: level by
     * level from the root, each keyring holding up to F children, the leaves (the group's
     * objects) under the deepest level.
     */
    private void buildTree(ObjectGroup g, Shape.Tree tree, int rootRing) {
        int fanout = tree.fanout(g.count());
        List<Integer> level = addAll(g, 1, i -> g.name() + ".root", i -> rootRing, KeyType.KEYRING, 0);
        List<Integer> rings = new ArrayList<>(level);
        for (int depth = 1; depth < tree.depth(); depth++) {
            long needed = Math.max(1, ceilDiv(g.count(), pow(fanout, tree.depth() - depth)));
            List<Integer> parents = level;
            int d = depth;
            level = addAll(g, (int) needed, i -> g.name() + ".ring" + d + "." + i, i -> parents.get(i / fanout),
                    KeyType.KEYRING, 0);
            rings.addAll(level);
        }
        List<Integer> leafParents = level;
        objects.put(g.name(), addAll(g, g.count(), i -> g.name() + sep(g.type()) + i,
                i -> leafParents.get(Math.min(leafParents.size() - 1, i / fanout)), g.type(), g.payload()));
        innerRings.put(g.name(), List.copyOf(rings));
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }

    private static long pow(long base, int exp) {
        long r = 1;
        for (int i = 0; i < exp; i++) {
            r = Math.multiplyExact(r, base);
        }
        return r;
    }

    /** A logon key's description must have a ':' (logon_vet_description()); the others take '-'. */
    private static String sep(KeyType type) {
        return type == KeyType.LOGON ? ":" : "-";
    }

    /** add_key of {@code count} objects, {@link #BATCH} at a time, with the group's owner and mask. */
    private List<Integer> addAll(ObjectGroup g, int count, IntFunction<String> description, IntFunction<Integer> ring,
                                 KeyType type, int payloadSize) {
        Credentials owner = g.owner();
        byte[] payload = type == KeyType.KEYRING ? null : new byte[payloadSize];
        List<Integer> serials = inBatches(count, i -> keys.callAsync(RunContext.PID, owner,
                        new KeyOp.Add(type.typeName(), description.apply(i), payload, ring.apply(i))),
                "add_key of " + type.typeName() + " in group " + g.name())
                .stream().map(r -> (int) r.value()).toList();
        if (g.perm().isPresent()) {
            long perm = Integer.toUnsignedLong(g.perm().getAsInt());
            inBatches(serials.size(), i -> keys.callAsync(RunContext.PID, owner, new KeyOp.SetPerm(serials.get(i), perm)),
                    "setperm of group " + g.name());
        }
        return serials;
    }

    // ------------------------------------------------------------------ queues and watches

    private void buildQueues(QueueGroup q) {
        List<Long> ids = new ArrayList<>();
        for (int from = 0; from < q.count(); from += BATCH) {
            List<CompletableFuture<QueueHandle>> batch = new ArrayList<>();
            for (int i = from; i < Math.min(q.count(), from + BATCH); i++) {
                batch.add(kernel.createQueue().toCompletableFuture());
            }
            for (CompletableFuture<QueueHandle> f : batch) {
                ids.add(kernel.await(f).id());
            }
        }
        inBatches(ids.size(), i -> kernel.setQueueSize(ids.get(i), q.size()), "IOC_WATCH_QUEUE_SET_SIZE of " + q.name());
        q.filter().ifPresent(filter -> inBatches(ids.size(), i -> kernel.setFilter(ids.get(i), filter.toRequest()),
                "IOC_WATCH_QUEUE_SET_FILTER of " + q.name()));
        queues.put(q.name(), List.copyOf(ids));
    }

    private void buildWatches(WatchRule rule) {
        List<Long> qs = queues.getOrDefault(rule.queues(), List.of());
        List<Integer> os = objects.getOrDefault(rule.objects(), List.of());
        List<BuiltWorld.WatchSet> planned = plan(rule, qs, os);
        inBatches(planned.size(), i -> {
            BuiltWorld.WatchSet w = planned.get(i);
            return keys.call(RunContext.PID, rule.setter(), new KeyOp.Watch(w.serial(), w.queueId(), w.tag()));
        }, "KEYCTL_WATCH_KEY of rule " + rule.name());
        watches.addAll(planned);
    }

    /** The watches a rule sets, in order: which queue watches which object with which tag. */
    static List<BuiltWorld.WatchSet> plan(WatchRule rule, List<Long> qs, List<Integer> os) {
        List<BuiltWorld.WatchSet> out = new ArrayList<>();
        int span = rule.tags().last() - rule.tags().first() + 1;
        if (qs.isEmpty() || os.isEmpty()) {
            return out;
        }
        if (rule.coverage() instanceof Coverage.Spread spread) {
            for (int i = 0; i < os.size(); i++) {
                for (int j = 0; j < spread.perObject(); j++) {
                    long q = qs.get((int) (((long) i * spread.perObject() + j) % qs.size()));
                    out.add(new BuiltWorld.WatchSet(rule.name(), q, os.get(i), rule.tags().first() + out.size() % span));
                }
            }
        } else {
            for (long q : qs) {
                for (int o : os) {
                    out.add(new BuiltWorld.WatchSet(rule.name(), q, o, rule.tags().first() + out.size() % span));
                }
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ calls

    /**
     * Calls {@code call} for 0 to {@code n - 1}, at most {@link #BATCH} outstanding at once (the
     * next call goes out as soon as one is answered, so the kernel never idles between batches);
     * every answer must be a success. Waits on this plain thread ({@link CallWindow}).
     */
    static List<SysResult> inBatches(int n, IntFunction<CompletionStage<SysResult>> call, String what) {
        SysResult[] answers = new SysResult[n];
        AtomicReference<Throwable> failed = new AtomicReference<>();
        CallWindow window = new CallWindow(BATCH);
        for (int i = 0; i < n && failed.get() == null; i++) {
            window.enter();
            int at = i;
            // each call's stage is bounded by the kernel's call timeout: it fails rather than hangs
            call.apply(i).whenComplete((r, t) -> {
                if (t != null) {
                    failed.compareAndSet(null, t);
                } else {
                    answers[at] = r;
                }
                window.leave();
            });
        }
        // every call answered (or failed); the window's lock publishes the answers
        window.awaitAll();
        Throwable t = failed.get();
        if (t != null) {
            Throwable cause = t instanceof java.util.concurrent.CompletionException c && c.getCause() != null
                    ? c.getCause() : t;
            throw cause instanceof RuntimeException r ? r : new io.watchsim.actors.KernelFault(what + " failed: " + cause,
                    cause);
        }
        List<SysResult> out = new ArrayList<>(n);
        for (SysResult r : answers) {
            out.add(checked(what, r));
        }
        return out;
    }

    private static SysResult checked(String what, SysResult r) {
        if (!r.isOk()) {
            throw new WorldException("building the world: " + what + " failed: " + r.errno().display()
                    + (r.detail().isEmpty() ? "" : " (" + r.detail() + ")"));
        }
        return r;
    }
}
