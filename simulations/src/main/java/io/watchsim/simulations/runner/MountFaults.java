package io.watchsim.simulations.runner;

import io.watchsim.policies.Credentials;
import io.watchsim.simulations.scenario.FaultAction;
import io.watchsim.sources.mounts.MountOp;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The faults on a mount tree, through the mount sources' public calls as root. detach-mounts
 * lazily detaches busy subtrees (umount2 with MNT_DETACH): an UNMOUNT per mount of each subtree,
 * then each mount's watches send their removal records (recorded in {@link FaultEffects} for every
 * tree mount of the subtree). expire-automounts is a storm of expiries: each automount point picked
 * is marked for expiry (EXPIRY) and then unmounted, as the expiry pass unmounts a marked automount
 * (UNMOUNT). crash-objects on a tree crashes the actors of a share of its mounts below the top
 * ({@code Kernel.crash}; the top is spared, so that the watches on it still see the tree); their
 * watches send removal records, and the mount stays in the namespace with nobody to tell.
 */
final class MountFaults {
    private final RunContext ctx;

    MountFaults(RunContext ctx) {
        this.ctx = ctx;
    }

    /**
     * The busy mounts below the top (those with tree mounts under them), or, in a tree one level
     * deep, its leaves; none in a tree of its top alone.
     */
    static List<BuiltMountTree.TreeMount> detachable(BuiltMountTree tree) {
        List<BuiltMountTree.TreeMount> busy = tree.mounts().stream().filter(m -> m.level() > 0 && m.busy()).toList();
        return busy.isEmpty() ? tree.mounts().stream().filter(m -> m.level() > 0).toList() : busy;
    }

    FaultWork detach(ArmedFault armed, FaultAction.DetachMounts d) {
        BuiltMountTree tree = ctx.world().mountTree(d.mounts()).orElseThrow();
        List<BuiltMountTree.TreeMount> group = detachable(tree);
        List<BuiltMountTree.TreeMount> picked = armed.pickFresh(group, d.share());
        return firing -> firing.each("umount -l", picked, BuiltMountTree.TreeMount::path,
                        m -> ctx.mounts().call(Credentials.root(), new MountOp.Umount(m.path(), true)),
                        (m, r) -> {
                            if (r.isOk()) {
                                tree.mounts().stream().filter(x -> x.path().equals(m.path())
                                                || x.path().startsWith(m.path() + "/"))
                                        .forEach(x -> ctx.effects().mountEnded(x.objectId()));
                            }
                        })
                .thenApply(v -> FaultWork.picked(d.mounts(), "busy mounts", picked,
                        Shares.count(d.share(), group.size()), group.size(), BuiltMountTree.TreeMount::path) + "; "
                        + firing.answers());
    }

    FaultWork expire(ArmedFault armed, FaultAction.ExpireAutomounts e) {
        BuiltMountTree tree = ctx.world().mountTree(e.mounts()).orElseThrow();
        List<String> group = tree.automountPoints();
        List<String> picked = armed.pickAny(group, e.share());
        Credentials root = Credentials.root();
        return firing -> firing.each("expire", picked, p -> p,
                        p -> ctx.mounts().call(root, new MountOp.Expire(p)), (p, r) -> { })
                .thenCompose(v -> firing.each("umount", picked, p -> p,
                        p -> ctx.mounts().call(root, new MountOp.Umount(p, false)), (p, r) -> { }))
                .thenApply(v -> FaultWork.picked(e.mounts(), "automount points", picked,
                        Shares.count(e.share(), group.size()), group.size(), p -> p) + "; " + firing.answers());
    }

    FaultWork crash(ArmedFault armed, FaultAction.CrashObjects c) {
        BuiltMountTree tree = ctx.world().mountTree(c.objects()).orElseThrow();
        List<BuiltMountTree.TreeMount> group = tree.mounts().subList(1, tree.mounts().size());
        List<BuiltMountTree.TreeMount> picked = armed.pickFresh(group, c.share());
        return firing -> firing.each("crash", picked, BuiltMountTree.TreeMount::path,
                        m -> CompletableFuture.completedFuture(ctx.kernel().crash(m.objectId())),
                        (m, r) -> {
                            if (r.isOk()) {
                                ctx.effects().mountEnded(m.objectId());
                            }
                        })
                .thenApply(v -> FaultWork.picked(c.objects(), "mounts", picked, Shares.count(c.share(), group.size()),
                        group.size(), BuiltMountTree.TreeMount::path) + "; " + firing.answers());
    }
}
