package io.watchsim.simulations.script;

import io.watchsim.actors.Kernel;
import io.watchsim.policies.selinux.SelinuxModule;
import io.watchsim.queues.SysResult;
import io.watchsim.sources.keys.Keys;
import io.watchsim.sources.mounts.Mounts;
import io.watchsim.sources.mounts.V5Bugs;

import java.io.Flushable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * Runs a kernel script against one simulated kernel and prints what a real kernel's probe
 * prints ({@code docs/SCRIPT-LANGUAGE.md}). Ordinary pipes are modelled in place;
 * notification pipes, objects and watches live in the given {@link Kernel}, whose policy is the
 * Smack-style engine, as on a kernel booted with Smack, or the SELinux-style engine when the script
 * begins with {@code lsm selinux}. The whole script is parsed and checked
 * before the first op runs. Use a fresh kernel for each script.
 *
 * <p>Each op is run by the call its entry in the op table names: {@link PipeCalls} for the
 * system calls on pipes, {@link SpliceCalls} for splice and tee, {@link KeyCalls} for key calls,
 * {@link IdentityCalls} for the process's ids, capabilities and its LSM, {@link MountCalls} for mounts
 * and superblocks; this class runs the
 * script line by line and prints each op's line before it runs.
 */
public final class ScriptRunner {
    /** RLIMIT_NOFILE's default soft limit. */
    public static final int DEFAULT_NOFILE = FileTable.DEFAULT_NOFILE;
    /** The most RLIMIT_NOFILE can be: /proc/sys/fs/nr_open's default. */
    public static final int MAX_NOFILE = FileTable.NR_OPEN;

    /** What runs one op: it appends the op's result lines to {@code out}. */
    @FunctionalInterface
    private interface OpCall {
        void run(ScriptLine line, StringBuilder out);
    }

    private final Kernel kernel;
    private final FileTable files;
    private final KeyNames names = new KeyNames();
    private final MountNames mountNames = new MountNames();
    private final V5Bugs bugs;
    private final ScriptProcess process = new ScriptProcess();
    private Keys keys;
    private Mounts mounts;
    private ScriptClock clock;

    /**
     * A runner on {@code kernel}; running a script sets the kernel's policy to an empty Smack rule set
     * (or, for a script that begins with {@code lsm selinux}, an empty SELinux-style policy).
     */
    public ScriptRunner(Kernel kernel) {
        this(kernel, DEFAULT_NOFILE);
    }

    /**
     * A runner whose process has RLIMIT_NOFILE {@code nofile}: its descriptors are all below it.
     *
     * @throws IllegalArgumentException unless 0 &lt;= nofile &lt;= {@link #MAX_NOFILE}
     */
    public ScriptRunner(Kernel kernel, int nofile) {
        this(kernel, nofile, V5Bugs.none());
    }

    /**
     * The same, with mount and superblock sources that reproduce the ver #5 bugs {@code bugs}
     * selects ({@code --v5-bugs}: all of them).
     */
    public ScriptRunner(Kernel kernel, int nofile, V5Bugs bugs) {
        this.kernel = kernel;
        this.files = new FileTable(nofile);
        this.bugs = bugs;
    }

    /** Reads, checks and runs a script file; output goes to {@code out} line by line. */
    public static void runFile(Kernel kernel, Path file, Appendable out) {
        runFile(kernel, file, DEFAULT_NOFILE, out);
    }

    /** The same, for a process whose RLIMIT_NOFILE is {@code nofile}. */
    public static void runFile(Kernel kernel, Path file, int nofile, Appendable out) {
        new ScriptRunner(kernel, nofile).run(file.toString(), ScriptText.read(file, "script"), out);
    }

    /**
     * Checks and runs the text of a script named {@code source}. Each op's line ({@code > OP}) is
     * written and flushed before the op runs, its result after, so a slow or failing op shows
     * which op it is.
     */
    public void run(String source, String text, Appendable out) {
        List<ScriptLine> lines = ScriptParser.parse(source, text);
        Map<Op, OpCall> ops = start(lines.stream().filter(l -> l.op() != Op.ECHO).findFirst()
                .filter(l -> l.op() == Op.LSM).orElse(null));
        for (ScriptLine line : lines) {
            if (line.op() != Op.ECHO) {
                emit(out, "> " + line.display() + "\n");
            }
            StringBuilder result = new StringBuilder();
            ops.get(line.op()).run(line, result);
            emit(out, result);
        }
        emit(out, "end\n");
    }

    /**
     * Stops the key subsystem the script started (the kernel is the caller's to stop); the stage
     * completes once it has stopped, at once when no script ran.
     */
    public CompletionStage<Void> stop() {
        CompletionStage<Void> k = keys == null ? CompletableFuture.completedFuture(null) : keys.stop();
        return mounts == null ? k : k.thenCompose(v -> mounts.stop());
    }

    /** Simulated milliseconds that have passed (sleep, poll timeouts). */
    public long clockMillis() {
        return clock == null ? 0 : clock.millis();
    }

    private static void emit(Appendable out, CharSequence text) {
        try {
            out.append(text);
            if (out instanceof Flushable f) {
                f.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts the script's process as a kernel booted with Smack has it (or, when the script begins
     * with {@code lsm selinux}, with the SELinux-style engine): no rules, a key subsystem, and the
     * process just joined a new anonymous session keyring. Answers the op table: every op the
     * parser accepts (repeat is expanded there) with the call that runs it.
     */
    private Map<Op, OpCall> start(ScriptLine lsm) {
        IdentityCalls identity = new IdentityCalls(kernel, process);
        if (lsm != null && lsm.arg(0).equals("selinux")) {
            identity.bootSelinux(lsm.argCount() == 2 && lsm.arg(1).equals("strict") ? SelinuxModule.Mode.STRICT
                    : SelinuxModule.Mode.EXTENDED);
        } else {
            identity.bootSmack();
        }
        keys = Keys.start(kernel, kernel.name() + "-keys", 1);
        clock = new ScriptClock(kernel, keys);
        KeyCalls key = new KeyCalls(kernel, keys, process, names, files);
        key.joinNewSession();
        mounts = Mounts.start(kernel, kernel.name() + "-mounts", bugs);
        MountCalls mount = new MountCalls(kernel, mounts, process, mountNames, files);
        PipeCalls pipe = new PipeCalls(kernel, files, process, clock, new RecordFormatter(names, mountNames));
        SpliceCalls splice = new SpliceCalls(files);

        Map<Op, OpCall> ops = new EnumMap<>(Op.class);
        ops.put(Op.ECHO, (l, out) -> out.append("## ").append(String.join(" ", l.args())).append('\n'));
        ops.put(Op.SLEEP, answering(l -> {
            // The process sleeps, however briefly: the key garbage collector's pending work runs.
            clock.pass(l.number(0));
            return SysResult.ok();
        }));
        // Pipes.
        ops.put(Op.QUEUE, pipe::queue);
        ops.put(Op.PIPE, pipe::pipe);
        ops.put(Op.PIPE2RAW, answering(pipe::pipe2raw));
        ops.put(Op.SETSIZE, answering(pipe::setSize));
        ops.put(Op.FILTER, answering(pipe::filter));
        ops.put(Op.READ, pipe::read);
        ops.put(Op.READONE, pipe::readOne);
        ops.put(Op.POLL, pipe::poll);
        ops.put(Op.FIONREAD, pipe::fionread);
        ops.put(Op.GETPIPESZ, answering(pipe::getPipeSize));
        ops.put(Op.SETPIPESZ, answering(pipe::setPipeSize));
        ops.put(Op.WRITE, answering(pipe::write));
        ops.put(Op.CLOSE, answering(pipe::close));
        ops.put(Op.POST, answering(pipe::post));
        ops.put(Op.SPLICE, answering(splice::splice));
        ops.put(Op.TEE, answering(splice::tee));
        // Keys.
        ops.put(Op.ADD, key::add);
        ops.put(Op.NEWRING, key::newRing);
        ops.put(Op.REQUEST, key::request);
        ops.put(Op.REQUESTW, key::requestWatched);
        ops.put(Op.BIND, key::bind);
        ops.put(Op.NEWSESSION, key::newSession);
        ops.put(Op.UPDATE, answering(key::update));
        ops.put(Op.LINK, answering(key::link));
        ops.put(Op.UNLINK, answering(key::unlink));
        ops.put(Op.MOVE, answering(key::move));
        ops.put(Op.REVOKE, answering(key::revoke));
        ops.put(Op.INVALIDATE, answering(key::invalidate));
        ops.put(Op.CLEAR, answering(key::clear));
        ops.put(Op.SETPERM, answering(key::setPerm));
        ops.put(Op.CHOWN, answering(key::chown));
        ops.put(Op.TIMEOUT, answering(key::timeout));
        ops.put(Op.RESTRICT, answering(key::restrict));
        ops.put(Op.WATCH, answering(key::watch));
        ops.put(Op.UNWATCH, answering(key::unwatch));
        ops.put(Op.GCDELAY, answering(key::gcDelay));
        ops.put(Op.DESCRIBE, key::describe);
        ops.put(Op.READKEY, key::readKey);
        ops.put(Op.KEYLABEL, key::keyLabel);
        // The process's identity and Smack.
        ops.put(Op.SETUID, answering(identity::setuid));
        ops.put(Op.SETGID, answering(identity::setgid));
        ops.put(Op.CAPDROP, answering(identity::capDrop));
        ops.put(Op.SMACKLABEL, answering(identity::smackLabel));
        ops.put(Op.SMACKRULE, answering(identity::smackRule));
        // The LSM was chosen at boot (start); the SELinux ops.
        ops.put(Op.LSM, answering(l -> SysResult.ok()));
        ops.put(Op.TEALLOW, answering(identity::teAllow));
        ops.put(Op.SECONTEXT, answering(identity::seContext));
        // Mounts and superblocks.
        for (Op op : MountCalls.ANSWERING) {
            ops.put(op, answering(l -> mount.answer(op, l)));
        }
        ops.put(Op.MOUNT, mount::mount);
        ops.put(Op.BINDMOUNT, mount::bindMount);
        ops.put(Op.AUTOMOUNT, mount::automount);
        ops.put(Op.MOUNTINFO, mount::mountInfo);
        ops.put(Op.RENAMERACE, (l, out) -> mount.renameRace(l, out, (call, o) -> ops.get(call.op()).run(call, o)));
        for (Op op : Op.values()) {
            if (op != Op.REPEAT && !ops.containsKey(op)) {
                throw new IllegalStateException("op " + op + " passes the parser but has no call in the op table");
            }
        }
        return ops;
    }

    /** An op that prints its call's result alone: {@code = VALUE} or {@code = -1 ENAME (errno N)}. */
    private static OpCall answering(Function<ScriptLine, SysResult> call) {
        return (l, out) -> OpOutput.result(out, call.apply(l));
    }
}
