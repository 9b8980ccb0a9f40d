package io.watchsim.simulations.script;

import io.watchsim.queues.Errno;
import io.watchsim.queues.PipeEnd;
import io.watchsim.queues.SysResult;

import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;

/**
 * The script process's descriptor table: the lowest free number is taken first, as in Linux
 * ({@code alloc_fd()} in {@code fs/file.c}); 0, 1 and 2 are the standard streams; a new descriptor
 * must be below RLIMIT_NOFILE (1024 by default), else EMFILE. Names bound by {@code queue} and
 * {@code pipe} map to the numbers they were given, so a name outlives a close just as a C variable
 * would; a name whose pipe could not be made stands for no descriptor (-1).
 */
final class FileTable {
    /** RLIMIT_NOFILE's default soft limit. */
    static final int DEFAULT_NOFILE = 1024;
    /** /proc/sys/fs/nr_open's default: RLIMIT_NOFILE can be raised no higher. */
    static final int NR_OPEN = 1_048_576;

    /** One open descriptor: an end of a pipe, or a standard stream (pipe null). */
    record OpenFile(ScriptPipe pipe, PipeEnd end) {
        boolean isPipe() {
            return pipe != null;
        }

        boolean canRead() {
            return end == PipeEnd.READ;
        }

        boolean canWrite() {
            return end == PipeEnd.WRITE;
        }
    }

    /** The two descriptors of a pipe bound to a name. */
    record PipeFds(int readFd, int writeFd) {
    }

    private final int nofile;
    private final BitSet used = new BitSet();
    private final Map<Integer, OpenFile> open = new HashMap<>();
    private final Map<String, PipeFds> names = new HashMap<>();

    FileTable() {
        this(DEFAULT_NOFILE);
    }

    /** @param nofile RLIMIT_NOFILE: every descriptor is below it (0..{@value #NR_OPEN}) */
    FileTable(int nofile) {
        if (nofile < 0 || nofile > NR_OPEN) {
            throw new IllegalArgumentException("RLIMIT_NOFILE " + nofile + " is outside 0.." + NR_OPEN);
        }
        this.nofile = nofile;
        put(0, new OpenFile(null, PipeEnd.READ));
        put(1, new OpenFile(null, PipeEnd.WRITE));
        put(2, new OpenFile(null, PipeEnd.WRITE));
    }

    private void put(int fd, OpenFile f) {
        open.put(fd, f);
        used.set(fd);
    }

    /**
     * pipe2()'s two descriptors, as {@code __do_pipe_flags()} takes them: the lowest free one for
     * the read end, then the next for the write end; when the second cannot be had the first is
     * given back ({@code put_unused_fd()}), so a pipe gets both or neither.
     *
     * @return the two descriptors, or null (EMFILE) with the table unchanged
     */
    PipeFds install(ScriptPipe pipe) {
        if (!hasRoomForAPipe()) {
            return null;
        }
        int r = used.nextClearBit(0);
        put(r, new OpenFile(pipe, PipeEnd.READ));
        int w = used.nextClearBit(r + 1);
        put(w, new OpenFile(pipe, PipeEnd.WRITE));
        return new PipeFds(r, w);
    }

    /** Whether two descriptors below RLIMIT_NOFILE are free (else pipe2() is EMFILE). */
    boolean hasRoomForAPipe() {
        int r = used.nextClearBit(0);
        return r < nofile && used.nextClearBit(r + 1) < nofile;
    }

    void bind(String name, PipeFds fds) {
        names.put(name, fds);
    }

    /**
     * The descriptor number an FD argument stands for (the parser has checked that the name is
     * made by an earlier op), or -1 when that op failed and the name holds no descriptor.
     */
    long resolve(String arg) {
        return CNumber.parse(arg).orElseGet(() -> {
            boolean write = arg.endsWith(".w");
            PipeFds fds = names.get(write ? arg.substring(0, arg.length() - 2) : arg);
            if (fds == null) {
                return -1L;
            }
            return (long) (write ? fds.writeFd() : fds.readFd());
        });
    }

    /** The open file behind a descriptor, or null (EBADF). */
    OpenFile get(long fd) {
        return fd < 0 || fd > Integer.MAX_VALUE ? null : open.get((int) fd);
    }

    /** The open file an FD argument stands for, or null (EBADF). */
    OpenFile get(String arg) {
        return get(resolve(arg));
    }

    /** The notification pipe an FD argument stands for, or null when it is not an open notification pipe. */
    QueuePipe notificationPipe(String arg) {
        OpenFile f = get(arg);
        return f != null && f.pipe() instanceof QueuePipe q ? q : null;
    }

    /** EBADF for an FD argument that stands for no open descriptor. */
    static SysResult notOpen(String arg) {
        return SysResult.fail(Errno.EBADF, "descriptor " + arg + " is not open");
    }

    OpenFile remove(long fd) {
        OpenFile f = get(fd);
        if (f != null) {
            open.remove((int) fd);
            used.clear((int) fd);
        }
        return f;
    }
}
