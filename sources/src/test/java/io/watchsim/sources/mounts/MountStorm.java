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
 * remount, expire, superblock remount) on paths drawn from the directories made so far, from a
 * stream of choices (so that jqwik can shrink a storm). Many operations fail (a path hidden by a
 * later mount, a busy mount, a move into itself): a failure changes nothing, as in the kernel.
 */
final class MountStorm {
    private final List<String> dirs = new ArrayList<>(List.of("/"));
    private int names;

    /** The next operation, its kind and paths drawn from {@code choice}. */
    MountOp next(IntSupplier choice) {
        int kind = choice.getAsInt() % 100;
        String at = pick(choice);
        if (kind < 24) {
            return new MountOp.Mkdir(child(at, "d" + names++));
        } else if (kind < 42) {
            return new MountOp.Mount("tmpfs", at, choice.getAsInt() % 4 == 0 ? "ro" : "", null);
        } else if (kind < 47) {
            return new MountOp.BindMount(pick(choice), at);
        } else if (kind < 52) {
            return new MountOp.Automount("autofs", at);
        } else if (kind < 64) {
            return new MountOp.Umount(at, choice.getAsInt() % 2 == 0);
        } else if (kind < 72) {
            return new MountOp.MoveMount(at, pick(choice));
        } else if (kind < 88) {
            String[] words = {"ro", "rw", "nosuid", "suid", "nodev", "noexec", "noatime"};
            return new MountOp.Remount(at, words[choice.getAsInt() % words.length]);
        } else if (kind < 95) {
            return new MountOp.Expire(at);
        }
        return new MountOp.SbRemount(at, choice.getAsInt() % 2 == 0);
    }

    /** Learns what a successful operation made: a new directory is a place for later ones. */
    void succeeded(MountOp op) {
        if (op instanceof MountOp.Mkdir m) {
            dirs.add(m.path());
        }
    }

    private String pick(IntSupplier choice) {
        return dirs.get(choice.getAsInt() % dirs.size());
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
