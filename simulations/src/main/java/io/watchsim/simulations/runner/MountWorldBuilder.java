package io.watchsim.simulations.runner;

import io.watchsim.policies.Credentials;
import io.watchsim.simulations.scenario.MountTree;
import io.watchsim.simulations.scenario.WatchKind;
import io.watchsim.simulations.scenario.WatchRule;
import io.watchsim.simulations.scenario.WatchScope;
import io.watchsim.sources.mounts.MountOp;
import io.watchsim.sources.mounts.MountView;
import io.watchsim.sources.mounts.Mounts;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Builds a scenario's mount trees through the mount sources' public calls, as root: the tree's
 * top ({@code mkdir /NAME}, a tmpfs on it), then level by level the directories {@code m0, m1, ...}
 * of each mount and a tmpfs on each, the spare directories of every tree mount, the bind mounts
 * in the top and the automounts on the leaves; and sets the watch rules' watch_mount and watch_sb
 * watches. A call the kernel refuses stops the build ({@link WorldBuilder.WorldException}). Each
 * level's calls go out {@link WorldBuilder#BATCH} at a time; the mount calls of a level follow its
 * mkdirs through the same lane, so they find their directories.
 */
final class MountWorldBuilder {
    /** The filesystem every tree mount, workload mount and automount is. */
    static final String FS_TYPE = "tmpfs";

    private MountWorldBuilder() {
    }

    /** Builds {@code tree} on {@code mounts} and returns its mounts and directories. */
    static BuiltMountTree build(Mounts mounts, MountTree tree) {
        Credentials root = Credentials.root();
        List<String> levelPaths = List.of(tree.top());
        mkdirs(mounts, levelPaths, "the top of mount tree " + tree.name());
        List<Integer> levelIds = mountAll(mounts, levelPaths, p -> new MountOp.Mount(FS_TYPE, p, "", null),
                "mount of tree " + tree.name());
        List<String> paths = new ArrayList<>(levelPaths);
        List<Integer> ids = new ArrayList<>(levelIds);
        List<Integer> levels = new ArrayList<>(List.of(0));
        for (int d = 1; d <= tree.depth(); d++) {
            List<String> next = new ArrayList<>();
            for (String parent : levelPaths) {
                for (int i = 0; i < tree.fanout(); i++) {
                    next.add(parent + "/m" + i);
                }
            }
            mkdirs(mounts, next, "level " + d + " of mount tree " + tree.name());
            levelIds = mountAll(mounts, next, p -> new MountOp.Mount(FS_TYPE, p, "", null),
                    "mount of level " + d + " of tree " + tree.name());
            paths.addAll(next);
            ids.addAll(levelIds);
            for (int i = 0; i < next.size(); i++) {
                levels.add(d);
            }
            levelPaths = next;
        }
        List<String> spares = new ArrayList<>();
        for (String p : paths) {
            for (int i = 0; i < tree.spares(); i++) {
                spares.add(p + "/s" + i);
            }
        }
        mkdirs(mounts, spares, "the spare directories of mount tree " + tree.name());
        List<String> binds = new ArrayList<>();
        List<String> bindSources = new ArrayList<>();
        for (int i = 0; i < tree.binds(); i++) {
            binds.add(tree.top() + "/b" + i);
            bindSources.add(paths.get(paths.size() == 1 ? 0 : 1 + i % (paths.size() - 1)));
        }
        mkdirs(mounts, binds, "the bind mount points of mount tree " + tree.name());
        WorldBuilder.inBatches(binds.size(), i -> mounts.call(root, new MountOp.BindMount(bindSources.get(i),
                binds.get(i))), "bind mount of tree " + tree.name());
        List<String> leaves = levelPaths;
        List<String> automounts = new ArrayList<>();
        for (int i = 0; i < tree.automounts(); i++) {
            automounts.add(leaves.get(i % leaves.size()) + "/a" + i);
        }
        mkdirs(mounts, automounts, "the automount points of mount tree " + tree.name());
        WorldBuilder.inBatches(automounts.size(), i -> mounts.call(root, new MountOp.Automount(FS_TYPE,
                automounts.get(i))), "automount of tree " + tree.name());
        Map<Integer, MountView> views = new HashMap<>();
        mounts.kernel().await(mounts.mounts()).forEach(v -> views.put(v.mntId(), v));
        List<BuiltMountTree.TreeMount> treeMounts = new ArrayList<>();
        for (int i = 0; i < paths.size(); i++) {
            int id = ids.get(i);
            treeMounts.add(new BuiltMountTree.TreeMount(paths.get(i), id, views.get(id).objectId(), levels.get(i),
                    levels.get(i) < tree.depth()));
        }
        return new BuiltMountTree(tree.name(), treeMounts, spares, binds, automounts);
    }

    private static void mkdirs(Mounts mounts, List<String> paths, String what) {
        WorldBuilder.inBatches(paths.size(), i -> mounts.call(Credentials.root(), new MountOp.Mkdir(paths.get(i))),
                "mkdir of " + what);
    }

    private static List<Integer> mountAll(Mounts mounts, List<String> paths, Function<String, MountOp> op,
                                          String what) {
        return WorldBuilder.inBatches(paths.size(), i -> mounts.call(Credentials.root(), op.apply(paths.get(i))), what)
                .stream().map(r -> (int) r.value()).toList();
    }

    /**
     * The watches of a mount or superblock rule: watch_mount (watch_sb) on the root directory of the
     * tree's top or of every tree mount, per the rule's coverage and tags, as the rule's setter.
     */
    static List<BuiltWorld.MountWatchSet> watch(Mounts mounts, WatchRule rule, BuiltMountTree tree, List<Long> queues) {
        List<BuiltMountTree.TreeMount> watched = rule.scope() == WatchScope.TOP ? List.of(tree.top()) : tree.mounts();
        Map<Integer, BuiltMountTree.TreeMount> byId = new HashMap<>();
        watched.forEach(m -> byId.put(m.mntId(), m));
        boolean superblock = rule.kind() == WatchKind.SUPERBLOCK;
        List<BuiltWorld.MountWatchSet> planned = WorldBuilder.plan(rule, queues,
                        watched.stream().map(BuiltMountTree.TreeMount::mntId).toList()).stream()
                .map(w -> new BuiltWorld.MountWatchSet(rule.name(), tree.name(), w.queueId(), byId.get(w.serial()),
                        superblock, w.tag()))
                .toList();
        WorldBuilder.inBatches(planned.size(), i -> {
            BuiltWorld.MountWatchSet w = planned.get(i);
            MountOp op = superblock ? new MountOp.WatchSb(w.mount().path(), 0, w.queueId(), w.tag())
                    : new MountOp.WatchMount(w.mount().path(), 0, w.queueId(), w.tag());
            return mounts.call(rule.setter(), op);
        }, (superblock ? "watch_sb" : "watch_mount") + " of rule " + rule.name());
        return planned;
    }
}
