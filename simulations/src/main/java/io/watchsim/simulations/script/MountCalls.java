package io.watchsim.simulations.script;

import io.watchsim.actors.Kernel;
import io.watchsim.queues.Errno;
import io.watchsim.queues.SysResult;
import io.watchsim.sources.mounts.MountInfo;
import io.watchsim.sources.mounts.MountOp;
import io.watchsim.sources.mounts.MountService;
import io.watchsim.sources.mounts.MountView;
import io.watchsim.sources.mounts.Mounts;
import io.watchsim.sources.mounts.RacingRename;

import java.util.Collections;
import java.util.EnumSet;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The script ops of mounts and superblocks (ver #5's watch_mount and watch_sb, the mount calls that
 * post records, the filesystem events, the fsinfo-style query), made as the script's process, and
 * how their results print: an op that makes a mount binds its NAME (and {@code NAME.sb} to a new
 * superblock) and prints it. Single-threaded, owned by the script runner.
 */
final class MountCalls {
    /** The watch calls' queue id for a descriptor that is no open notification pipe. */
    private static final long NO_QUEUE = -1;

    private final Kernel kernel;
    private final Mounts mounts;
    private final ScriptProcess process;
    private final MountNames names;
    private final FileTable files;
    /** The rename a renamerace line's op is to race with, until its mount call takes it. */
    private RacingRename racing;
    /** What that call and its rename did. */
    private RacingRename.Outcome raced;

    MountCalls(Kernel kernel, Mounts mounts, ScriptProcess process, MountNames names, FileTable files) {
        this.kernel = kernel;
        this.mounts = mounts;
        this.process = process;
        this.names = names;
        this.files = files;
        MountView root = kernel.await(mounts.mounts()).get(0);
        names.bindMount(root.mntId(), MountNames.ROOT);
        names.bindSuperblock(root.sbId(), MountNames.ROOT);
    }

    /** An errno for {@code sberror}: a name (EIO) or a number 0..4095, as the kernel's errnos run. */
    static OptionalInt errorNumber(String arg) {
        java.util.Optional<Errno> named = Errno.parse(arg);
        if (named.isPresent()) {
            return OptionalInt.of(named.get().number());
        }
        java.util.OptionalLong n = CNumber.parse(arg);
        return n.isPresent() && n.getAsLong() >= 0 && n.getAsLong() <= 4095 ? OptionalInt.of((int) n.getAsLong())
                : OptionalInt.empty();
    }

    /** {@code mount NAME FSTYPE PATH [OPTS]}. */
    void mount(ScriptLine l, StringBuilder out) {
        returningMount(out, l.arg(0), true, call(new MountOp.Mount(l.arg(1), l.arg(2),
                l.argCount() == 4 ? l.arg(3) : "", null)));
    }

    /** {@code bindmount NAME FROM TO}: the new mount shares a superblock that already has its name. */
    void bindMount(ScriptLine l, StringBuilder out) {
        returningMount(out, l.arg(0), false, call(new MountOp.BindMount(l.arg(1), l.arg(2))));
    }

    /** {@code automount NAME FSTYPE PATH}. */
    void automount(ScriptLine l, StringBuilder out) {
        returningMount(out, l.arg(0), true, call(new MountOp.Automount(l.arg(1), l.arg(2))));
    }

    /**
     * The ops that make one mount call from their line's words and print only its result: each op's
     * call is in {@link #callOf}.
     */
    static final Set<Op> ANSWERING = Collections.unmodifiableSet(EnumSet.of(Op.MKDIR, Op.TOUCH, Op.UMOUNT,
            Op.MOVEMOUNT, Op.REMOUNT, Op.SBREMOUNT, Op.EXPIRE, Op.WATCHMOUNT, Op.UNWATCHMOUNT, Op.WATCHSB,
            Op.UNWATCHSB, Op.SBERROR, Op.SBEDQUOT, Op.SBNETWORK, Op.RENAME));

    /**
     * One of the {@link #ANSWERING} ops: its call, as the script's process. A watch_mount names the
     * directory it watches first ({@code dentry:PATH}), for its removal record.
     */
    SysResult answer(Op op, ScriptLine l) {
        if (op == Op.WATCHMOUNT || op == Op.UNWATCHMOUNT) {
            nameDirectory(l.arg(1));
        }
        return call(callOf(op, l));
    }

    /**
     * The mount call of a line: {@code umount PATH [-l]}, {@code sbremount PATH ro|rw},
     * {@code watchmount FD PATH TAG [FLAGS]} (the tag and flags are C ints, cut to 32 bits; an
     * unwatch is tag -1), and so on as docs/SCRIPT-LANGUAGE.md lists them.
     */
    private MountOp callOf(Op op, ScriptLine l) {
        return switch (op) {
            case MKDIR -> new MountOp.Mkdir(l.arg(0));
            case TOUCH -> new MountOp.Touch(l.arg(0));
            case UMOUNT -> new MountOp.Umount(l.arg(0), l.argCount() == 2);
            case MOVEMOUNT -> new MountOp.MoveMount(l.arg(0), l.arg(1));
            case REMOUNT -> new MountOp.Remount(l.arg(0), l.arg(1));
            case SBREMOUNT -> new MountOp.SbRemount(l.arg(0), l.arg(1).equals("ro"));
            case EXPIRE -> new MountOp.Expire(l.arg(0));
            case WATCHMOUNT -> new MountOp.WatchMount(l.arg(1), flags(l), queueIdOf(l.arg(0)), (int) l.number(2));
            case UNWATCHMOUNT -> new MountOp.WatchMount(l.arg(1), 0, queueIdOf(l.arg(0)), -1);
            case WATCHSB -> new MountOp.WatchSb(l.arg(1), flags(l), queueIdOf(l.arg(0)), (int) l.number(2));
            case UNWATCHSB -> new MountOp.WatchSb(l.arg(1), 0, queueIdOf(l.arg(0)), -1);
            case SBERROR -> new MountOp.SbError(l.arg(0), errorNumber(l.arg(1)).orElseThrow());
            case SBEDQUOT -> new MountOp.SbEdquot(l.arg(0));
            case SBNETWORK -> new MountOp.SbNetwork(l.arg(0));
            case RENAME -> new MountOp.Rename(l.arg(0), l.arg(1));
            default -> throw new IllegalArgumentException("op " + op + " is not a mount call that answers alone");
        };
    }

    /** {@code mountinfo PATH}: the mount's counters, then one line per child. */
    void mountInfo(ScriptLine l, StringBuilder out) {
        MountService.InfoAnswer a = kernel.await(mounts.info(process.credentials(), l.arg(0)));
        if (!a.result().isOk()) {
            OpOutput.result(out, a.result());
            return;
        }
        MountInfo i = a.info();
        OpOutput.value(out, "0 mount=" + names.mount(i.mntId()) + " topology=" + Integer.toUnsignedString(i.topologyChanges())
                + " attr=" + Integer.toUnsignedString(i.attrChanges())
                + " subtree=" + Integer.toUnsignedString(i.subtreeNotifications()));
        for (MountInfo.Child c : i.children()) {
            out.append("    child ").append(names.mount(c.mntId())).append(" topology=")
                    .append(Integer.toUnsignedString(c.topologyChanges())).append(" attr=")
                    .append(Integer.toUnsignedString(c.attrChanges())).append('\n');
        }
    }

    /**
     * {@code renamerace N FROM TO OP ARGS...}: runs the op (through {@code run}, as its own line would
     * run) with a rename of FROM to TO by the script's process landing once the op's first walk has
     * reached N watched directories; prints the rename's line, then the op's own.
     */
    void renameRace(ScriptLine l, StringBuilder out, java.util.function.BiConsumer<ScriptLine, StringBuilder> run) {
        racing = new RacingRename(l.arg(1), l.arg(2), (int) l.number(0));
        StringBuilder opOut = new StringBuilder();
        try {
            run.accept(l.racedCall(), opOut);
        } finally {
            racing = null;
        }
        RacingRename.Outcome o = raced;
        raced = null;
        if (o == null) {
            throw new IllegalStateException("renamerace's op " + l.arg(3) + " made no mount call");
        }
        out.append("  rename(").append(l.arg(1)).append(", ").append(l.arg(2)).append(") = ")
                .append(o.rename().isOk() ? "0" : "-1 " + o.rename().errno().display()).append(' ')
                .append(switch (o.landing()) {
                    case DURING_WALK -> "during the walk";
                    case AFTER_WALK -> "after the walk";
                    case AFTER_CALL -> "after the call";
                }).append('\n');
        out.append(opOut);
    }

    // ------------------------------------------------------------------ helpers

    /** The mount call of a renamerace line's op takes its rename with it; the outcome waits in {@link #raced}. */
    private SysResult call(MountOp op) {
        if (racing != null) {
            RacingRename race = racing;
            racing = null;
            raced = kernel.await(mounts.callRacingRename(process.credentials(), op, race));
            return raced.result();
        }
        return kernel.await(mounts.call(process.credentials(), op));
    }

    private static int flags(ScriptLine l) {
        return l.argCount() == 4 ? (int) l.number(3) : 0;
    }

    /** The directory PATH names gets the name {@code dentry:PATH}, for the removal record of its watch. */
    private void nameDirectory(String path) {
        MountService.PlaceAnswer a = kernel.await(mounts.place(process.credentials(), path));
        if (a.result().isOk()) {
            names.bindDirectory(a.directoryWatchId(), path);
        }
    }

    private long queueIdOf(String fdArg) {
        QueuePipe q = files.notificationPipe(fdArg);
        return q != null ? q.id() : NO_QUEUE;
    }

    /** An op that makes a mount: bind NAME to it (and NAME.sb to a new superblock), print NAME. */
    private void returningMount(StringBuilder out, String name, boolean newSuperblock, SysResult r) {
        if (!r.isOk()) {
            OpOutput.result(out, r);
            return;
        }
        int mntId = (int) r.value();
        names.bindMount(mntId, name);
        if (newSuperblock) {
            kernel.await(mounts.mounts()).stream().filter(m -> m.mntId() == mntId).findFirst()
                    .ifPresent(m -> names.bindSuperblock(m.sbId(), name));
        }
        OpOutput.value(out, name);
    }
}
