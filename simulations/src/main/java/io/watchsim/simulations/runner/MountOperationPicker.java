package io.watchsim.simulations.runner;

import io.watchsim.queues.Errno;
import io.watchsim.simulations.scenario.Generator;
import io.watchsim.simulations.scenario.MountOperation;
import io.watchsim.sources.mounts.MountOp;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A mount generator's operations, drawn one at a time from its weighted mix with its own random
 * stream, as {@link OperationPicker} draws key operations: the operation, then its targets, each
 * uniformly from what was built for the generator's mount tree. Nothing else decides a draw, so two
 * runs with one seed draw the same sequence. Not thread-safe.
 *
 * <p>Targets: a tree mount (its root directory) for remount, reconfigure and the superblock
 * events; a spare directory for mount, bind (of a tree mount), move (from one spare directory to
 * another) and lazy detach; a spare directory or an automount point for automount, umount and
 * expire. What is mounted on a spare directory changes with the workload, so many draws meet
 * nothing there, or a busy mount, and are answered with an errno (EINVAL, EBUSY), counted as
 * such; the tree mounts themselves are never unmounted by the workload (a spare directory is never
 * a tree mount's root).
 */
final class MountOperationPicker implements OperationSource<MountOp> {
    private final List<String> treeMounts;
    private final List<String> spares;
    private final List<String> spareOrAutomount;
    private final WeightedMix<MountOperation> mix;
    private final SplittableRandom random;

    MountOperationPicker(Generator generator, BuiltMountTree tree, SplittableRandom random) {
        this.random = random;
        this.treeMounts = tree.mounts().stream().map(BuiltMountTree.TreeMount::path).toList();
        this.spares = tree.spares();
        List<String> both = new ArrayList<>(tree.spares());
        both.addAll(tree.automountPoints());
        this.spareOrAutomount = List.copyOf(both);
        this.mix = WeightedMix.of(generator.mountMix());
        List<MountOperation> ops = mix.operations();
        if (ops.isEmpty()) {
            throw new IllegalArgumentException("workload." + generator.name() + ".mix: no operation with a weight above 0");
        }
        if (spares.isEmpty() && ops.stream().anyMatch(MountOperationPicker::onSpare)) {
            throw new IllegalArgumentException("workload." + generator.name() + ".mix: mount tree " + tree.name()
                    + " has no spare directories (spares = 1 or more) for " + ops.stream()
                    .filter(MountOperationPicker::onSpare).map(MountOperation::keyword).toList());
        }
    }

    private static boolean onSpare(MountOperation op) {
        return switch (op) {
            case MOUNT, BIND, AUTOMOUNT, UMOUNT, UMOUNT_LAZY, MOVE, EXPIRE -> true;
            default -> false;
        };
    }

    @Override
    public MountOp next() {
        return switch (mix.draw(random)) {
            case MOUNT -> new MountOp.Mount(MountWorldBuilder.FS_TYPE, pick(spares), "", null);
            case BIND -> new MountOp.BindMount(pick(treeMounts), pick(spares));
            case AUTOMOUNT -> new MountOp.Automount(MountWorldBuilder.FS_TYPE, pick(spareOrAutomount));
            case UMOUNT -> new MountOp.Umount(pick(spareOrAutomount), false);
            case UMOUNT_LAZY -> new MountOp.Umount(pick(spares), true);
            case MOVE -> new MountOp.MoveMount(pick(spares), pick(spares));
            case REMOUNT -> new MountOp.Remount(pick(treeMounts), random.nextBoolean() ? "noatime" : "atime");
            case RECONFIGURE -> new MountOp.SbRemount(pick(treeMounts), random.nextBoolean());
            case EXPIRE -> new MountOp.Expire(pick(spareOrAutomount));
            case SB_ERROR -> new MountOp.SbError(pick(treeMounts), Errno.EIO.number());
            case SB_EDQUOT -> new MountOp.SbEdquot(pick(treeMounts));
            case SB_NETWORK -> new MountOp.SbNetwork(pick(treeMounts));
        };
    }

    private String pick(List<String> from) {
        return from.get(random.nextInt(from.size()));
    }

    /** One operation as a line of a report: {@code umount -l /t/m0/s1}. */
    static String describe(MountOp op) {
        if (op instanceof MountOp.Mount m) {
            return "mount " + m.fsType() + " " + m.path();
        } else if (op instanceof MountOp.BindMount b) {
            return "bind " + b.from() + " " + b.to();
        } else if (op instanceof MountOp.Automount a) {
            return "automount " + a.fsType() + " " + a.path();
        } else if (op instanceof MountOp.Umount u) {
            return "umount " + (u.detach() ? "-l " : "") + u.path();
        } else if (op instanceof MountOp.MoveMount m) {
            return "move " + m.from() + " " + m.to();
        } else if (op instanceof MountOp.Remount r) {
            return "remount " + r.path() + " " + r.options();
        } else if (op instanceof MountOp.SbRemount r) {
            return "reconfigure " + r.path() + (r.readOnly() ? " ro" : " rw");
        } else if (op instanceof MountOp.Expire e) {
            return "expire " + e.path();
        } else if (op instanceof MountOp.SbError e) {
            return "sb-error " + e.path() + " " + e.errorNumber();
        } else if (op instanceof MountOp.SbEdquot e) {
            return "sb-edquot " + e.path();
        } else if (op instanceof MountOp.SbNetwork n) {
            return "sb-network " + n.path();
        }
        return op.toString();
    }
}
