package io.watchsim.sources.mounts;

import io.watchsim.policies.Credentials;
import io.watchsim.queues.ErrnoException;
import io.watchsim.queues.SysResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntSupplier;

/**
 * Random mount storms for the tests of {@link MountChangeTracker}: each call of {@link #next} makes
 * one mount operation (mkdir, mount, bind mount, automount, umount with or without detach, move,
 * remount, expire, superblock remount) on paths drawn from the directories made so far (and, for
 * the operations on a mount's root, from where mounts were made), from a stream of choices (so that
 * jqwik can shrink a storm). Many operations fail (a path hidden by a later mount or gone with an
 * unmounted one, a busy mount, a move into itself): a failure changes nothing, as in the kernel.
 */
final class MountStorm {
    private final List<String> dirs = new ArrayList<>(List.of("/"));
    /** Where mounts were made or moved to: the paths the ops that need a mount's root draw from. */
    private final List<String> roots = new ArrayList<>(List.of("/"));
    private int names;

    /** A storm on a namespace that holds only its root. */
    MountStorm() {
    }

    /** A storm on a namespace whose directories and mount roots are already these. */
    MountStorm(List<String> dirs, List<String> roots) {
        this.dirs.addAll(dirs);
        this.roots.addAll(roots);
    }

    /** The next operation, its kind and paths drawn from {@code choice}. */
    MountOp next(IntSupplier choice) {
        int kind = choice.getAsInt() % 100;
        String at = pick(dirs, choice);
        if (kind < 22) {
            return new MountOp.Mkdir(child(at, "d" + names++));
        } else if (kind < 42) {
            return new MountOp.Mount("tmpfs", at, choice.getAsInt() % 4 == 0 ? "ro" : "", null);
        } else if (kind < 47) {
            return new MountOp.BindMount(pick(dirs, choice), at);
        } else if (kind < 52) {
            return new MountOp.Automount("autofs", at);
        }
        String root = pick(roots, choice);
        if (kind < 59) {
            return new MountOp.Umount(root, choice.getAsInt() % 3 == 0);
        } else if (kind < 68) {
            return new MountOp.MoveMount(root, at);
        } else if (kind < 86) {
            String[] words = {"ro", "rw", "nosuid", "suid", "nodev", "noexec", "noatime"};
            return new MountOp.Remount(root, words[choice.getAsInt() % words.length]);
        } else if (kind < 94) {
            return new MountOp.Expire(root);
        }
        return new MountOp.SbRemount(root, choice.getAsInt() % 2 == 0);
    }

    /** Learns what a successful operation made: a new directory is a place for later ones. */
    void succeeded(MountOp op) {
        if (op instanceof MountOp.Mkdir m) {
            dirs.add(m.path());
        } else if (op instanceof MountOp.Mount m) {
            roots.add(m.path());
        } else if (op instanceof MountOp.BindMount b) {
            roots.add(b.to());
        } else if (op instanceof MountOp.Automount a) {
            roots.add(a.path());
        } else if (op instanceof MountOp.MoveMount m) {
            roots.add(m.to());
        }
    }

    private static String pick(List<String> from, IntSupplier choice) {
        return from.get(choice.getAsInt() % from.size());
    }

    private static String child(String dir, String name) {
        return dir.equals("/") ? "/" + name : dir + "/" + name;
    }

    /** Choices from a list, then zeros: a storm is as long as its caller asks. */
    static IntSupplier choices(List<Integer> values) {
        int[] at = {0};
        return () -> at[0] < values.size() ? Math.abs(values.get(at[0]++)) : 0;
    }

    /** One operation on a table, as the mount service would dispatch it. */
    static SysResult apply(MountTable t, Credentials c, MountOp op) {
        MountTable.Outcome o;
        if (op instanceof MountOp.Mkdir m) {
            o = t.mkdir(c, m.path());
        } else if (op instanceof MountOp.Mount m) {
            o = t.mount(c, m.fsType(), m.path(), m.options(), m.label());
        } else if (op instanceof MountOp.BindMount b) {
            o = t.bindMount(c, b.from(), b.to());
        } else if (op instanceof MountOp.Automount a) {
            o = t.automount(c, a.fsType(), a.path());
        } else if (op instanceof MountOp.Umount u) {
            o = t.umount(c, u.path(), u.detach());
        } else if (op instanceof MountOp.MoveMount m) {
            o = t.moveMount(c, m.from(), m.to());
        } else if (op instanceof MountOp.Remount r) {
            o = t.remount(c, r.path(), r.options());
        } else if (op instanceof MountOp.Expire e) {
            o = t.expire(c, e.path());
        } else if (op instanceof MountOp.SbRemount r) {
            o = t.sbRemount(c, r.path(), r.readOnly());
        } else {
            throw new IllegalArgumentException("the storm makes no " + op);
        }
        return o.result();
    }

    /** The fsinfo-style query of a table, answered at once. */
    static MountChangeTracker.InfoSource source(MountTable t, Credentials c) {
        return mntId -> {
            try {
                return CompletableFuture.completedFuture(Optional.of(t.mountInfo(c, mntId)));
            } catch (ErrnoException e) {
                return CompletableFuture.completedFuture(Optional.empty());
            }
        };
    }
}
