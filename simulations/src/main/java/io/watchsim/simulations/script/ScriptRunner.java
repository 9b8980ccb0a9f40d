package io.watchsim.simulations.script;

import io.watchsim.queues.Errno;
import io.watchsim.queues.PipeEnd;
import io.watchsim.queues.SysResult;
import io.watchsim.queues.record.Notification;
import io.watchsim.queues.record.WatchNotification;
import io.watchsim.queues.ring.FilterRequest;
import io.watchsim.queues.ring.ReadResult;
import io.watchsim.actors.Kernel;
import io.watchsim.sources.keys.KeyOp;
import io.watchsim.sources.keys.KeyTable;
import io.watchsim.sources.keys.Keys;
import io.watchsim.policies.Capability;
import io.watchsim.policies.smack.SmackModule;
import io.watchsim.policies.smack.SmackRule;
import io.watchsim.policies.smack.SmackRules;
import io.watchsim.policies.smack.SmackWrites;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs a kernel script against one simulated kernel and prints what a real kernel's probe
 * prints ({@code docs/SCRIPT-LANGUAGE.md}). Ordinary pipes are modelled in place;
 * notification pipes, objects and watches live in the given {@link Kernel}, whose policy is the
 * Smack-style engine, as on a kernel booted with Smack. The whole script is parsed and checked
 * before the first op runs. Use a fresh kernel for each script.
 */
public final class ScriptRunner {
    static final int DEFAULT_BUFSZ = 4096;
    /** RLIMIT_NOFILE's default soft limit. */
    public static final int DEFAULT_NOFILE = FileTable.DEFAULT_NOFILE;
    /** The most RLIMIT_NOFILE can be: /proc/sys/fs/nr_open's default. */
    public static final int MAX_NOFILE = FileTable.NR_OPEN;
    private static final int O_NONBLOCK = 0x800;
    private static final int O_DIRECT = 0x4000;
    private static final int O_CLOEXEC = 0x80000;
    private static final int PIPE2_FLAGS = O_CLOEXEC | O_NONBLOCK | O_DIRECT | WatchNotification.O_NOTIFICATION_PIPE;
    /**
     * What poll() reports for a script's {@code poll}, which asks for POLLIN alone: do_pollfd()
     * masks the file's events with the ones asked for plus POLLERR and POLLHUP, so POLLRDNORM
     * never shows.
     */
    private static final int POLL_FILTER = PollBits.POLLIN | PollBits.POLLERR | PollBits.POLLHUP;

    /** The script's process id in the key subsystem. */
    private static final long PID = 1;

    private final Kernel kernel;
    private Keys keys;
    private final FileTable files;
    private final PipeUsers pipeUsers = new PipeUsers();
    private final KeyNames names = new KeyNames();
    private final RecordFormatter formatter = new RecordFormatter(names);
    private final ScriptProcess process = new ScriptProcess();
    private SmackModule smack = SmackModule.of(SmackRules.empty());
    private long clockMillis;

    /** A runner on {@code kernel}; running a script sets the kernel's policy to an empty Smack rule set. */
    public ScriptRunner(Kernel kernel) {
        this(kernel, DEFAULT_NOFILE);
    }

    /**
     * A runner whose process has RLIMIT_NOFILE {@code nofile}: its descriptors are all below it.
     *
     * @throws IllegalArgumentException unless 0 &lt;= nofile &lt;= {@link #MAX_NOFILE}
     */
    public ScriptRunner(Kernel kernel, int nofile) {
        this.kernel = kernel;
        this.files = new FileTable(nofile);
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
        kernel.await(kernel.reloadPolicy(smack));
        keys = Keys.start(kernel, kernel.name() + "-keys", 1);
        // The script's process has just joined a new anonymous session keyring.
        keyCall(new KeyOp.JoinSession(null));
        for (ScriptLine line : lines) {
            if (line.op() != Op.ECHO) {
                emit(out, "> " + line.display() + "\n");
            }
            emit(out, execute(line));
        }
        emit(out, "end\n");
    }

    /**
     * Stops the key subsystem the script started (the kernel is the caller's to stop); the stage
     * completes once it has stopped, at once when no script ran.
     */
    public java.util.concurrent.CompletionStage<Void> stop() {
        return keys == null ? java.util.concurrent.CompletableFuture.completedFuture(null) : keys.stop();
    }

    /** Simulated milliseconds that have passed (sleep, poll timeouts). */
    public long clockMillis() {
        return clockMillis;
    }

    private static void emit(Appendable out, CharSequence text) {
        try {
            out.append(text);
            if (out instanceof java.io.Flushable f) {
                f.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private CharSequence execute(ScriptLine l) {
        if (l.op() == Op.ECHO) {
            return "## " + String.join(" ", l.args()) + "\n";
        }
        // The op's own line was printed before it ran (run); this is its result.
        StringBuilder out = new StringBuilder();
        switch (l.op()) {
            case QUEUE -> createPipe(l, out, true);
            case PIPE -> createPipe(l, out, false);
            case PIPE2RAW -> result(out, pipe2raw(num(l, 0)));
            // The ioctl argument reaches watch_queue_set_size() as an unsigned int.
            case SETSIZE -> result(out, ioctl(l, pipe -> pipe.setQueueSize(num(l, 1) & 0xFFFF_FFFFL,
                    process.pipeUnprivileged())));
            case FILTER -> {
                FilterRequest request = FilterSpec.parse(l.args().subList(1, l.argCount()), IllegalStateException::new);
                result(out, ioctl(l, pipe -> pipe.setFilter(request)));
            }
            case READ -> read(l, out, true);
            case READONE -> read(l, out, false);
            case POLL -> poll(l, out);
            case FIONREAD -> fionread(l, out);
            case GETPIPESZ -> result(out, pipeFcntl(l, pipe -> SysResult.ok(pipe.pipeSizeBytes())));
            // Linux 6.1's pipe_fcntl() takes the fcntl's whole unsigned long argument.
            case SETPIPESZ -> result(out, pipeFcntl(l, pipe -> pipe.setPipeSize(num(l, 1),
                    process.capable(Capability.CAP_SYS_RESOURCE), process.pipeUnprivileged())));
            case WRITE -> result(out, write(l));
            case SPLICE -> result(out, splice(l));
            case TEE -> result(out, tee(l));
            case CLOSE -> result(out, close(l));
            case SLEEP -> {
                // The process sleeps, however briefly: the key garbage collector's pending work runs.
                passTime(num(l, 0));
                result(out, SysResult.ok());
            }
            case ADD -> keyReturning(out, l.arg(0), keyCall(new KeyOp.Add(l.arg(1), l.arg(2), data(l.arg(3)), key(l.arg(4)))));
            case NEWRING -> keyReturning(out, l.arg(0), keyCall(new KeyOp.Add("keyring", l.arg(1), null, key(l.arg(2)))));
            case REQUEST, REQUESTW -> request(l, out);
            case BIND -> bind(l, out);
            case UPDATE -> keyResult(out, keyCall(new KeyOp.Update(key(l.arg(0)), data(l.arg(1)))));
            case LINK -> keyResult(out, keyCall(new KeyOp.Link(key(l.arg(0)), key(l.arg(1)))));
            case UNLINK -> keyResult(out, keyCall(new KeyOp.Unlink(key(l.arg(0)), key(l.arg(1)))));
            case MOVE -> keyResult(out, keyCall(new KeyOp.Move(key(l.arg(0)), key(l.arg(1)), key(l.arg(2)),
                    l.argCount() > 3 ? num(l, 3) : 0)));
            case REVOKE -> keyResult(out, keyCall(new KeyOp.Revoke(key(l.arg(0)))));
            case INVALIDATE -> keyResult(out, keyCall(new KeyOp.Invalidate(key(l.arg(0)))));
            case CLEAR -> keyResult(out, keyCall(new KeyOp.Clear(key(l.arg(0)))));
            case SETPERM -> keyResult(out, keyCall(new KeyOp.SetPerm(key(l.arg(0)), num(l, 1))));
            case CHOWN -> keyResult(out, keyCall(new KeyOp.Chown(key(l.arg(0)), num(l, 1), num(l, 2))));
            case TIMEOUT -> keyResult(out, keyCall(new KeyOp.SetTimeout(key(l.arg(0)), num(l, 1))));
            case RESTRICT -> keyResult(out, keyCall(new KeyOp.Restrict(key(l.arg(0)), dashIsNull(l.arg(1)),
                    dashIsNull(l.arg(2)))));
            case DESCRIBE -> keyText(out, keyCall(new KeyOp.Describe(key(l.arg(0)))));
            case READKEY -> keyText(out, keyCall(new KeyOp.Read(key(l.arg(0)))));
            case KEYLABEL -> {
                SysResult r = keyCall(new KeyOp.GetSecurity(key(l.arg(0))));
                if (r.isOk()) {
                    out.append("  = ").append(new String(r.data(), StandardCharsets.UTF_8)).append('\n');
                } else {
                    keyResult(out, r);
                }
            }
            case WATCH -> keyResult(out, keyCall(new KeyOp.Watch(key(l.arg(1)), queueIdOf(l.arg(0)), num(l, 2))));
            case UNWATCH -> keyResult(out, keyCall(new KeyOp.Watch(key(l.arg(1)), queueIdOf(l.arg(0)), -1)));
            case GCDELAY -> keyResult(out, kernel.await(keys.setGcDelay(num(l, 0))));
            case NEWSESSION -> newSession(l, out);
            case POST -> result(out, post(l));
            case SETUID -> result(out, process.setuid(num(l, 0)));
            case SETGID -> result(out, process.setgid(num(l, 0)));
            case CAPDROP -> {
                process.drop(Capability.parse(l.arg(0)).orElseThrow());
                result(out, SysResult.ok());
            }
            case SMACKLABEL -> result(out, smackLabel(l.arg(0)));
            case SMACKRULE -> result(out, smackRule(l.arg(0), l.arg(1), l.arg(2)));
            default -> throw new IllegalStateException("op " + l.op() + " passed the parser but has no implementation");
        }
        return out;
    }

    private static long num(ScriptLine l, int i) {
        return CNumber.parse(l.arg(i)).orElseThrow();
    }

    private static void result(StringBuilder out, SysResult r) {
        result(out, r.value(), r.errno());
    }

    /** {@code = VALUE} or {@code = -1 ENAME (errno N)}. */
    private static void result(StringBuilder out, long value, Errno errno) {
        out.append("  = ");
        if (errno == null) {
            out.append(value);
        } else {
            out.append("-1 ").append(errno.display());
        }
        out.append('\n');
    }

    private static SysResult ebadf(String arg) {
        return SysResult.fail(Errno.EBADF, "descriptor " + arg + " is not open");
    }

    // ------------------------------------------------------------------ creation

    /**
     * pipe2(), as {@code __do_pipe_flags()} runs it: the pipe is made and charged to its user
     * ({@code alloc_pipe_info()}), then the two descriptors are taken; when they cannot both be had
     * (RLIMIT_NOFILE), the call is EMFILE and leaves nothing behind: no descriptor, no pipe, no
     * charge. The name is bound only on success.
     */
    private void createPipe(ScriptLine l, StringBuilder out, boolean notification) {
        PipeUsers.Charge charge = pipeUsers.open(process.realUid(), !process.pipeUnprivileged());
        if (!files.hasRoomForAPipe()) {
            charge.release();
            result(out, SysResult.fail(Errno.EMFILE, "no two descriptors free below RLIMIT_NOFILE"));
            return;
        }
        ScriptPipe pipe = notification
                ? new QueuePipe(kernel, kernel.await(kernel.createQueue((int) charge.pages())), charge)
                : new OrdinaryPipe(charge);
        FileTable.PipeFds fds = files.install(pipe);
        files.bind(l.arg(0), fds);
        out.append("  = 0 (rfd=").append(fds.readFd()).append(" wfd=").append(fds.writeFd()).append(")\n");
    }

    /** pipe2(FLAGS) followed by closing what it made: the flags check, then the two descriptors. */
    private SysResult pipe2raw(long flags) {
        if ((flags & ~PIPE2_FLAGS) != 0 || flags < 0 || flags > 0xFFFF_FFFFL) {
            return SysResult.fail(Errno.EINVAL, String.format("pipe2 flags 0x%x outside 0x%x", flags, PIPE2_FLAGS));
        }
        if (!files.hasRoomForAPipe()) {
            return SysResult.fail(Errno.EMFILE, "no two descriptors free below RLIMIT_NOFILE");
        }
        return SysResult.ok();
    }

    // ------------------------------------------------------------------ ioctl and fcntl

    private SysResult ioctl(ScriptLine l, java.util.function.Function<ScriptPipe, SysResult> call) {
        FileTable.OpenFile f = files.get(files.resolve(l.arg(0)));
        if (f == null) {
            return ebadf(l.arg(0));
        }
        if (!f.isPipe()) {
            return SysResult.fail(Errno.ENOTTY, "descriptor " + l.arg(0) + " is not a pipe");
        }
        return call.apply(f.pipe());
    }

    private SysResult pipeFcntl(ScriptLine l, java.util.function.Function<ScriptPipe, SysResult> call) {
        FileTable.OpenFile f = files.get(files.resolve(l.arg(0)));
        if (f == null || !f.isPipe()) {
            return f == null ? ebadf(l.arg(0)) : SysResult.fail(Errno.EBADF, "descriptor " + l.arg(0) + " is not a pipe");
        }
        return call.apply(f.pipe());
    }

    private void fionread(ScriptLine l, StringBuilder out) {
        SysResult r = ioctl(l, pipe -> SysResult.ok(pipe.bytesQueued()));
        if (r.isOk()) {
            out.append("  = 0 value=").append(r.value()).append('\n');
        } else {
            result(out, r);
        }
    }

    // ------------------------------------------------------------------ read, write, poll

    private void read(ScriptLine l, StringBuilder out, boolean loop) {
        int bufSize = l.argCount() > 1 ? (int) num(l, 1) : DEFAULT_BUFSZ;
        FileTable.OpenFile f = files.get(files.resolve(l.arg(0)));
        do {
            ReadResult r;
            if (f == null || !f.canRead()) {
                r = ReadResult.error(Errno.EBADF);
            } else if (!f.isPipe()) {
                r = ReadResult.EOF;
            } else {
                r = f.pipe().read(bufSize);
            }
            out.append("  read(").append(bufSize).append(") = ");
            if (r.errno() == Errno.EAGAIN) {
                out.append("-1 EAGAIN (queue empty)\n");
                return;
            }
            if (r.isError()) {
                out.append("-1 ").append(r.errno().display()).append('\n');
                return;
            }
            out.append(r.value()).append('\n');
            if (r.isEof()) {
                return;
            }
            formatter.format(out, r.data());
        } while (loop);
    }

    private SysResult write(ScriptLine l) {
        FileTable.OpenFile f = files.get(files.resolve(l.arg(0)));
        if (f == null || !f.canWrite()) {
            return f == null ? ebadf(l.arg(0)) : SysResult.fail(Errno.EBADF, "descriptor " + l.arg(0) + " is a read end");
        }
        byte[] data = l.arg(1).getBytes(StandardCharsets.UTF_8);
        return f.isPipe() ? f.pipe().write(data) : SysResult.ok(data.length);
    }

    /**
     * poll() for POLLIN with a timeout in simulated time. When nothing is ready and the timeout
     * is positive the process sleeps: the key garbage collector's pending work runs at once (a
     * deferred work item), then time passes up to the timeout, and a record that garbage
     * collection posts meanwhile (a removal record) wakes the poll early, as it would wake a
     * sleeping poll(). A timeout of 0 does not sleep, and runs nothing.
     */
    private void poll(ScriptLine l, StringBuilder out) {
        long fd = files.resolve(l.arg(0));
        int revents = revents(fd);
        long remaining = num(l, 1);
        if (revents == 0 && remaining > 0) {
            passTime(0);
            revents = revents(fd);
        }
        while (revents == 0 && remaining > 0) {
            long due = kernel.await(keys.nextGcTime()) - clockMillis;
            long step = due > 0 && due <= remaining ? due : remaining;
            passTime(step);
            remaining -= step;
            revents = revents(fd);
        }
        out.append("  = ").append(revents == 0 ? 0 : 1).append(" revents=0x").append(Integer.toHexString(revents))
                .append('\n');
    }

    private int revents(long fd) {
        FileTable.OpenFile f = files.get(fd);
        if (fd < 0) {
            return 0;
        } else if (f == null) {
            return PollBits.POLLNVAL;
        } else if (!f.isPipe()) {
            return PollBits.POLLIN;
        }
        return f.pipe().pollMask(f.end()) & POLL_FILTER;
    }

    private SysResult close(ScriptLine l) {
        FileTable.OpenFile f = files.remove(files.resolve(l.arg(0)));
        if (f == null) {
            return ebadf(l.arg(0));
        }
        if (f.isPipe()) {
            f.pipe().close(f.end());
        }
        return SysResult.ok();
    }

    // ------------------------------------------------------------------ splice and tee

    private SysResult splice(ScriptLine l) {
        int len = (int) Math.min(num(l, 2), Integer.MAX_VALUE);
        if (len == 0) {
            return SysResult.ok();
        }
        FileTable.OpenFile in = files.get(files.resolve(l.arg(0)));
        FileTable.OpenFile out = files.get(files.resolve(l.arg(1)));
        if (in == null || out == null) {
            return ebadf(in == null ? l.arg(0) : l.arg(1));
        }
        if (!in.canRead() || !out.canWrite()) {
            return SysResult.fail(Errno.EBADF, "splice needs a readable FROM and a writable TO");
        }
        OrdinaryPipe ipipe = asSplicePipe(in);
        OrdinaryPipe opipe = asSplicePipe(out);
        if (ipipe != null && opipe != null) {
            if (ipipe == opipe) {
                return SysResult.fail(Errno.EINVAL, "splice from a pipe to itself");
            }
            return movePipeToPipe(ipipe, opipe, len, true);
        }
        if (ipipe != null) {
            // iter_file_splice_write: waits for input, then write_iter on the output refuses.
            if (ipipe.isEmpty()) {
                return ipipe.isOpen(PipeEnd.WRITE) ? SysResult.fail(Errno.EAGAIN, "the input pipe is empty")
                        : SysResult.ok();
            }
            if (out.isPipe()) {
                return SysResult.fail(Errno.EXDEV, "a notification pipe cannot be written");
            }
            return SysResult.ok(consume(ipipe, len));
        }
        if (opipe != null) {
            // splice_file_to_pipe: waits for room, then the input has no splice_read.
            if (!opipe.isOpen(PipeEnd.READ)) {
                return SysResult.fail(Errno.EPIPE, "the output pipe has no reader");
            }
            if (opipe.isFull()) {
                return SysResult.fail(Errno.EAGAIN, "the output pipe is full");
            }
            return SysResult.fail(Errno.EINVAL, "a notification pipe cannot be spliced from");
        }
        return SysResult.fail(Errno.EINVAL, "neither side of the splice is a pipe");
    }

    private SysResult tee(ScriptLine l) {
        int len = (int) Math.min(num(l, 2), Integer.MAX_VALUE);
        if (len == 0) {
            return SysResult.ok();
        }
        FileTable.OpenFile in = files.get(files.resolve(l.arg(0)));
        FileTable.OpenFile out = files.get(files.resolve(l.arg(1)));
        if (in == null || out == null) {
            return ebadf(in == null ? l.arg(0) : l.arg(1));
        }
        if (!in.canRead() || !out.canWrite()) {
            return SysResult.fail(Errno.EBADF, "tee needs a readable FROM and a writable TO");
        }
        OrdinaryPipe ipipe = asSplicePipe(in);
        OrdinaryPipe opipe = asSplicePipe(out);
        if (ipipe == null || opipe == null || ipipe == opipe) {
            return SysResult.fail(Errno.EINVAL, "tee needs two different ordinary pipes");
        }
        return movePipeToPipe(ipipe, opipe, len, false);
    }

    /** An ordinary pipe as splice sees it; notification pipes and other files are not pipes there. */
    private static OrdinaryPipe asSplicePipe(FileTable.OpenFile f) {
        return f.isPipe() && f.pipe() instanceof OrdinaryPipe p ? p : null;
    }

    /** splice_pipe_to_pipe (consume) and link_pipe (tee), non-blocking. */
    private static SysResult movePipeToPipe(OrdinaryPipe in, OrdinaryPipe out, int len, boolean consume) {
        if (in.isEmpty() && in.isOpen(PipeEnd.WRITE)) {
            return SysResult.fail(Errno.EAGAIN, "the input pipe is empty");
        }
        if (out.isFull()) {
            return out.isOpen(PipeEnd.READ) ? SysResult.fail(Errno.EAGAIN, "the output pipe is full")
                    : SysResult.fail(Errno.EPIPE, "the output pipe has no reader");
        }
        if (!out.isOpen(PipeEnd.READ)) {
            return SysResult.fail(Errno.EPIPE, "the output pipe has no reader");
        }
        if (in.isEmpty()) {
            return SysResult.ok();
        }
        byte[] data = in.peek(len);
        SysResult written = out.write(data);
        if (written.isOk() && consume) {
            consume(in, (int) written.value());
        }
        return written;
    }

    private static int consume(OrdinaryPipe pipe, int len) {
        return pipe.read(len).data().length;
    }

    // ------------------------------------------------------------------ post

    private SysResult post(ScriptLine l) {
        FileTable.OpenFile f = files.get(files.resolve(l.arg(0)));
        if (f == null) {
            return ebadf(l.arg(0));
        }
        if (!f.isPipe() || !(f.pipe() instanceof QueuePipe queue)) {
            return SysResult.fail(Errno.EINVAL, "descriptor " + l.arg(0) + " is not a notification pipe");
        }
        long type = num(l, 1);
        long subtype = num(l, 2);
        long tag = num(l, 3);
        if (tag < 0 || tag > 255) {
            return SysResult.fail(Errno.EINVAL, "tag " + tag + " is out of range; allowed 0..255");
        }
        if (type < 0 || type > WatchNotification.MAX_TYPE || subtype < 0 || subtype > WatchNotification.MAX_SUBTYPE) {
            return SysResult.fail(Errno.EINVAL, "type " + type + " or subtype " + subtype
                    + " is out of range; allowed type 0..0xffffff, subtype 0..255");
        }
        int words = l.argCount() - 4;
        if (WatchNotification.HEADER_SIZE + 4 * words > WatchNotification.MAX_LENGTH) {
            return SysResult.fail(Errno.EINVAL, words + " words make a record longer than 127 bytes");
        }
        int[] payload = new int[words];
        for (int i = 0; i < words; i++) {
            payload[i] = (int) num(l, 4 + i);
        }
        return queue.post(Notification.ofWords((int) type, (int) subtype, 0, payload), (int) tag);
    }

    // ------------------------------------------------------------------ keys

    /**
     * Lets simulated time pass: the key garbage collector's pending work, expiry and collection
     * run. The clock stops where the key subsystem's does ({@link KeyTable#END_OF_TIME}).
     */
    private void passTime(long ms) {
        clockMillis += Math.min(ms, KeyTable.END_OF_TIME - clockMillis);
        kernel.await(keys.advance(ms));
    }

    /** A key call as the script's process; the special keyrings it has afterwards get their names. */
    private SysResult keyCall(KeyOp op) {
        SysResult r = kernel.await(keys.call(PID, process.credentials(), op));
        kernel.await(keys.specials(PID, process.credentials()))
                .forEach((id, serial) -> names.bind(serial, ScriptKeys.specialName(id)));
        return r;
    }

    /** A KEY argument: a bound name, a special keyring, a literal serial; an unbound name is 0. */
    private int key(String arg) {
        Integer special = ScriptKeys.SPECIALS.get(arg);
        if (special != null) {
            return special;
        }
        Integer bound = names.serialOf(arg);
        if (bound != null) {
            return bound;
        }
        return (int) CNumber.parse(arg).orElse(0);
    }

    private static byte[] data(String arg) {
        return arg.equals("-") ? null : arg.getBytes(StandardCharsets.UTF_8);
    }

    private static String dashIsNull(String arg) {
        return arg.equals("-") ? null : arg;
    }

    /** The queue id behind a descriptor, or -1 when it is not an open notification pipe. */
    private long queueIdOf(String fdArg) {
        FileTable.OpenFile f = files.get(files.resolve(fdArg));
        return f != null && f.pipe() instanceof QueuePipe q ? q.id() : -1;
    }

    private static void keyResult(StringBuilder out, SysResult r) {
        result(out, r.value(), r.errno());
    }

    /** An op that returns a key: bind NAME to it and print the key's (first) name. */
    private void keyReturning(StringBuilder out, String name, SysResult r) {
        if (!r.isOk() || r.value() == 0) {
            keyResult(out, r);
            return;
        }
        int serial = (int) r.value();
        names.bindName(name, serial);
        out.append("  = ").append(names.display(serial)).append('\n');
    }

    private void keyText(StringBuilder out, SysResult r) {
        if (!r.isOk()) {
            keyResult(out, r);
            return;
        }
        out.append("  = ").append(r.value()).append(" \"").append(printable(r.data())).append("\"\n");
    }

    private static String printable(byte[] data) {
        StringBuilder sb = new StringBuilder();
        for (byte b : data) {
            int c = b & 0xFF;
            if (c >= 0x20 && c < 0x7F) {
                sb.append((char) c);
            } else {
                sb.append(String.format("\\x%02x", c));
            }
        }
        return sb.toString();
    }

    private void bind(ScriptLine l, StringBuilder out) {
        Integer special = ScriptKeys.SPECIALS.get(l.arg(1));
        if (special != null) {
            keyReturning(out, l.arg(0), keyCall(new KeyOp.KeyringId(special, true)));
            return;
        }
        int serial = key(l.arg(1));
        names.bindName(l.arg(0), serial);
        out.append("  = ").append(names.display(serial)).append('\n');
    }

    /**
     * {@code newsession [NAME]}: KEYCTL_JOIN_SESSION_KEYRING with a null name, always, so the
     * process joins a new anonymous session keyring ({@code _ses}), which becomes {@code @s}.
     * NAME, when given, is bound to the new keyring (before the special names, so that records
     * print it as NAME) and printed; else the op prints {@code @s}.
     */
    private void newSession(ScriptLine l, StringBuilder out) {
        SysResult r = kernel.await(keys.call(PID, process.credentials(), new KeyOp.JoinSession(null)));
        String name = l.argCount() > 0 ? l.arg(0) : null;
        if (r.isOk() && name != null) {
            names.bindName(name, (int) r.value());
        }
        kernel.await(keys.specials(PID, process.credentials()))
                .forEach((id, serial) -> names.bind(serial, ScriptKeys.specialName(id)));
        if (!r.isOk()) {
            keyResult(out, r);
            return;
        }
        out.append("  = ").append(name != null ? name : "@s").append('\n');
    }

    /** request and requestw: the callout constructs the key as its words say. */
    private void request(ScriptLine l, StringBuilder out) {
        boolean watched = l.op() == Op.REQUESTW;
        int callout = watched ? 6 : 4;
        List<String> words = l.args().subList(callout, l.argCount());
        if (!words.isEmpty() && words.get(0).equals("waitwatch")) {
            words = words.subList(1, words.size());
        }
        Callout c = Callout.parse(words, msg -> new IllegalStateException(msg));
        long queueId = watched ? queueIdOf(l.arg(4)) : -1;
        int tag = watched ? (int) num(l, 5) : 0;
        keyReturning(out, l.arg(0), keyCall(new KeyOp.Request(l.arg(1), l.arg(2), key(l.arg(3)), c.payload(),
                c.timeoutSeconds(), c.errno(), watched ? Math.max(queueId, -1) : -1, tag)));
    }

    // ------------------------------------------------------------------ Smack

    /**
     * {@code smacklabel LABEL}: one write of LABEL to /proc/self/attr/current
     * ({@link SmackWrites#setProcAttr}); a whole write prints {@code = 0}.
     */
    private SysResult smackLabel(String text) {
        SmackWrites.LabelWrite w = SmackWrites.setProcAttr(text.getBytes(StandardCharsets.UTF_8),
                process.capable(Capability.CAP_MAC_ADMIN));
        if (!w.isOk()) {
            return SysResult.fail(w.errno(), w.detail());
        }
        process.setLabel(w.label());
        return SysResult.ok();
    }

    /**
     * {@code smackrule SUBJECT OBJECT ACCESS}: one write of that line to smackfs load2. The file
     * is root's, mode 0644, so opening it for writing needs euid 0 or CAP_DAC_OVERRIDE (EACCES);
     * the write then goes as {@link SmackWrites#load2} says. Every rule it loaded is in force for
     * every later op, even when a later rule of the same write failed. A whole write prints
     * {@code = 0}.
     */
    private SysResult smackRule(String subject, String object, String access) {
        if (process.credentials().uid() != 0 && !process.capable(Capability.CAP_DAC_OVERRIDE)) {
            return SysResult.fail(Errno.EACCES, "smackfs load2 is root's, mode 0644: writing it needs euid 0 "
                    + "or CAP_DAC_OVERRIDE");
        }
        String line = subject + " " + object + " " + access;
        SmackWrites.RulesWrite w = SmackWrites.load2(line.getBytes(StandardCharsets.UTF_8),
                process.capable(Capability.CAP_MAC_ADMIN));
        if (!w.loaded().isEmpty()) {
            SmackRules rules = smack.rules();
            for (SmackRule rule : w.loaded()) {
                rules = rules.with(rule);
            }
            smack = smack.withRules(rules);
            kernel.await(kernel.reloadPolicy(smack));
        }
        return w.isOk() ? SysResult.ok() : SysResult.fail(w.errno(), w.detail());
    }
}
