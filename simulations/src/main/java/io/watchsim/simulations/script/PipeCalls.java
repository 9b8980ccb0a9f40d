package io.watchsim.simulations.script;

import io.watchsim.actors.Kernel;
import io.watchsim.actors.WatchList;
import io.watchsim.policies.Capability;
import io.watchsim.queues.Errno;
import io.watchsim.queues.SysResult;
import io.watchsim.queues.record.Notification;
import io.watchsim.queues.record.WatchNotification;
import io.watchsim.queues.ring.FilterRequest;
import io.watchsim.queues.ring.ReadResult;

import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * The script ops that are system calls on pipes, ordinary and notification ones: pipe2() (the
 * {@code queue}, {@code pipe} and {@code pipe2raw} ops), read(), write(), poll(), close(), the
 * ioctls (IOC_WATCH_QUEUE_SET_SIZE, IOC_WATCH_QUEUE_SET_FILTER, FIONREAD) and fcntls
 * (F_GETPIPE_SZ, F_SETPIPE_SZ), and WatchSim's {@code post}. Each runs as Linux runs it on the
 * script process's descriptor table, non-blocking. Single-threaded, owned by the script runner.
 */
final class PipeCalls {
    /** The read buffer of {@code read} and {@code readone} when the op names none. */
    static final int DEFAULT_BUFSZ = 4096;
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

    private final Kernel kernel;
    private final FileTable files;
    private final PipeUsers pipeUsers = new PipeUsers();
    private final ScriptProcess process;
    private final ScriptClock clock;
    private final RecordFormatter formatter;

    PipeCalls(Kernel kernel, FileTable files, ScriptProcess process, ScriptClock clock, RecordFormatter formatter) {
        this.kernel = kernel;
        this.files = files;
        this.process = process;
        this.clock = clock;
        this.formatter = formatter;
    }

    // ------------------------------------------------------------------ pipe2

    /** {@code queue Q}: pipe2(O_NOTIFICATION_PIPE), its two descriptors bound to Q. */
    void queue(ScriptLine l, StringBuilder out) {
        create(l, out, true);
    }

    /** {@code pipe P}: pipe2(0), its two descriptors bound to P. */
    void pipe(ScriptLine l, StringBuilder out) {
        create(l, out, false);
    }

    /**
     * pipe2(), as {@code __do_pipe_flags()} runs it: the pipe is made and charged to its user
     * ({@code alloc_pipe_info()}), then the two descriptors are taken; when they cannot both be had
     * (RLIMIT_NOFILE), the call is EMFILE and leaves nothing behind: no descriptor, no pipe, no
     * charge. The name is bound only on success.
     */
    private void create(ScriptLine l, StringBuilder out, boolean notification) {
        PipeUsers.Charge charge = pipeUsers.open(process.realUid(), !process.pipeUnprivileged());
        if (!files.hasRoomForAPipe()) {
            charge.release();
            OpOutput.result(out, SysResult.fail(Errno.EMFILE, "no two descriptors free below RLIMIT_NOFILE"));
            return;
        }
        ScriptPipe pipe = notification
                ? new QueuePipe(kernel, kernel.await(kernel.createQueue((int) charge.pages())), charge)
                : new OrdinaryPipe(charge);
        FileTable.PipeFds fds = files.install(pipe);
        files.bind(l.arg(0), fds);
        OpOutput.value(out, "0 (rfd=" + fds.readFd() + " wfd=" + fds.writeFd() + ")");
    }

    /**
     * {@code pipe2raw FLAGS}: pipe2(FLAGS) followed by closing what it made: the flags check, then
     * the two descriptors.
     */
    SysResult pipe2raw(ScriptLine l) {
        long flags = l.number(0);
        if ((flags & ~PIPE2_FLAGS) != 0 || flags < 0 || flags > 0xFFFF_FFFFL) {
            return SysResult.fail(Errno.EINVAL, String.format("pipe2 flags 0x%x outside 0x%x", flags, PIPE2_FLAGS));
        }
        if (!files.hasRoomForAPipe()) {
            return SysResult.fail(Errno.EMFILE, "no two descriptors free below RLIMIT_NOFILE");
        }
        return SysResult.ok();
    }

    // ------------------------------------------------------------------ ioctl and fcntl

    /** {@code setsize FD N}: the ioctl argument reaches watch_queue_set_size() as an unsigned int. */
    SysResult setSize(ScriptLine l) {
        return ioctl(l, pipe -> pipe.setQueueSize(l.number(1) & 0xFFFF_FFFFL, process.pipeUnprivileged()));
    }

    /** {@code filter FD SPEC...}: IOC_WATCH_QUEUE_SET_FILTER. */
    SysResult filter(ScriptLine l) {
        FilterRequest request = FilterSpec.parse(l.args().subList(1, l.argCount()), IllegalStateException::new);
        return ioctl(l, pipe -> pipe.setFilter(request));
    }

    /** {@code fionread FD}: FIONREAD, printed as {@code = 0 value=N}. */
    void fionread(ScriptLine l, StringBuilder out) {
        SysResult r = ioctl(l, pipe -> SysResult.ok(pipe.bytesQueued()));
        if (r.isOk()) {
            OpOutput.value(out, "0 value=" + r.value());
        } else {
            OpOutput.result(out, r);
        }
    }

    /** {@code getpipesz FD}: F_GETPIPE_SZ. */
    SysResult getPipeSize(ScriptLine l) {
        return fcntl(l, pipe -> SysResult.ok(pipe.pipeSizeBytes()));
    }

    /** {@code setpipesz FD N}: F_SETPIPE_SZ, with the fcntl's whole unsigned long argument (Linux 6.1's pipe_fcntl()). */
    SysResult setPipeSize(ScriptLine l) {
        return fcntl(l, pipe -> pipe.setPipeSize(l.number(1), process.capable(Capability.CAP_SYS_RESOURCE),
                process.pipeUnprivileged()));
    }

    /** An ioctl on a pipe: EBADF when the descriptor is not open, ENOTTY when it is no pipe. */
    private SysResult ioctl(ScriptLine l, Function<ScriptPipe, SysResult> call) {
        return onPipe(l, Errno.ENOTTY, call);
    }

    /** A pipe fcntl: EBADF when the descriptor is not open or is no pipe (pipe_fcntl() finds no pipe). */
    private SysResult fcntl(ScriptLine l, Function<ScriptPipe, SysResult> call) {
        return onPipe(l, Errno.EBADF, call);
    }

    /** {@code call} on the pipe FD stands for: EBADF when FD is not open, {@code notAPipe} when it is no pipe. */
    private SysResult onPipe(ScriptLine l, Errno notAPipe, Function<ScriptPipe, SysResult> call) {
        FileTable.OpenFile f = files.get(l.arg(0));
        if (f == null) {
            return FileTable.notOpen(l.arg(0));
        }
        if (!f.isPipe()) {
            return SysResult.fail(notAPipe, "descriptor " + l.arg(0) + " is not a pipe");
        }
        return call.apply(f.pipe());
    }

    // ------------------------------------------------------------------ read, write, poll, close

    /** {@code read FD [BUFSZ]}: read() until it returns no more, each read's records printed. */
    void read(ScriptLine l, StringBuilder out) {
        read(l, out, true);
    }

    /** {@code readone FD [BUFSZ]}: one read(). */
    void readOne(ScriptLine l, StringBuilder out) {
        read(l, out, false);
    }

    private void read(ScriptLine l, StringBuilder out, boolean loop) {
        int bufSize = l.argCount() > 1 ? (int) l.number(1) : DEFAULT_BUFSZ;
        FileTable.OpenFile f = files.get(l.arg(0));
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

    /** {@code write FD TEXT}: write() of TEXT's UTF-8 bytes. */
    SysResult write(ScriptLine l) {
        FileTable.OpenFile f = files.get(l.arg(0));
        if (f == null) {
            return FileTable.notOpen(l.arg(0));
        }
        if (!f.canWrite()) {
            return SysResult.fail(Errno.EBADF, "descriptor " + l.arg(0) + " is a read end");
        }
        byte[] data = l.arg(1).getBytes(StandardCharsets.UTF_8);
        return f.isPipe() ? f.pipe().write(data) : SysResult.ok(data.length);
    }

    /**
     * {@code poll FD MS}: poll() for POLLIN with a timeout in simulated time. When nothing is
     * ready and the timeout is positive the process sleeps: the key garbage collector's pending
     * work runs at once (a deferred work item), then time passes up to the timeout, and a record
     * that garbage collection posts meanwhile (a removal record) wakes the poll early, as it would
     * wake a sleeping poll(). A timeout of 0 does not sleep, and runs nothing.
     */
    void poll(ScriptLine l, StringBuilder out) {
        long fd = files.resolve(l.arg(0));
        int revents = revents(fd);
        long remaining = l.number(1);
        if (revents == 0 && remaining > 0) {
            clock.pass(0);
            revents = revents(fd);
        }
        while (revents == 0 && remaining > 0) {
            long due = clock.untilNextGc();
            long step = due > 0 && due <= remaining ? due : remaining;
            clock.pass(step);
            remaining -= step;
            revents = revents(fd);
        }
        OpOutput.value(out, (revents == 0 ? 0 : 1) + " revents=0x" + Integer.toHexString(revents));
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

    /** {@code close FD}. */
    SysResult close(ScriptLine l) {
        FileTable.OpenFile f = files.remove(files.resolve(l.arg(0)));
        if (f == null) {
            return FileTable.notOpen(l.arg(0));
        }
        if (f.isPipe()) {
            f.pipe().close(f.end());
        }
        return SysResult.ok();
    }

    // ------------------------------------------------------------------ post

    /**
     * {@code post FD TYPE SUBTYPE TAG [WORD...]}: a record of the header and the words goes into
     * the notification pipe as a watch with TAG would post it.
     */
    SysResult post(ScriptLine l) {
        if (files.get(l.arg(0)) == null) {
            return FileTable.notOpen(l.arg(0));
        }
        QueuePipe queue = files.notificationPipe(l.arg(0));
        if (queue == null) {
            return SysResult.fail(Errno.EINVAL, "descriptor " + l.arg(0) + " is not a notification pipe");
        }
        long type = l.number(1);
        long subtype = l.number(2);
        long tag = l.number(3);
        if (tag < 0 || tag > WatchList.MAX_TAG) {
            return SysResult.fail(Errno.EINVAL, "tag " + tag + " is out of range; allowed 0.." + WatchList.MAX_TAG);
        }
        if (type < 0 || type > WatchNotification.MAX_TYPE || subtype < 0 || subtype > WatchNotification.MAX_SUBTYPE) {
            return SysResult.fail(Errno.EINVAL, String.format("type %d or subtype %d is out of range; allowed type"
                            + " 0..0x%x, subtype 0..%d", type, subtype, WatchNotification.MAX_TYPE,
                    WatchNotification.MAX_SUBTYPE));
        }
        int words = l.argCount() - 4;
        if (WatchNotification.HEADER_SIZE + Integer.BYTES * words > WatchNotification.MAX_LENGTH) {
            return SysResult.fail(Errno.EINVAL, words + " words make a record longer than "
                    + WatchNotification.MAX_LENGTH + " bytes");
        }
        int[] payload = new int[words];
        for (int i = 0; i < words; i++) {
            payload[i] = (int) l.number(4 + i);
        }
        return queue.post(Notification.ofWords((int) type, (int) subtype, 0, payload), (int) tag);
    }
}
