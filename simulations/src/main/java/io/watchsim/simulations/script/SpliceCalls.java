package io.watchsim.simulations.script;

import io.watchsim.queues.Errno;
import io.watchsim.queues.PipeEnd;
import io.watchsim.queues.SysResult;

/**
 * The script's {@code splice} and {@code tee} ops: splice(2) and tee(2) as {@code fs/splice.c}
 * runs them on non-blocking descriptors. Only ordinary pipes take part: a notification pipe has
 * neither splice_read nor a write_iter that accepts data, and the standard streams are no pipes.
 */
final class SpliceCalls {
    private final FileTable files;

    SpliceCalls(FileTable files) {
        this.files = files;
    }

    /** What splice() or tee() does once its descriptors are checked. */
    @FunctionalInterface
    private interface Transfer {
        SysResult move(FileTable.OpenFile in, FileTable.OpenFile out, int len);
    }

    /** {@code splice FROM TO LEN}. */
    SysResult splice(ScriptLine l) {
        return call(l, "splice", SpliceCalls::splice);
    }

    /** {@code tee FROM TO LEN}. */
    SysResult tee(ScriptLine l) {
        return call(l, "tee", SpliceCalls::tee);
    }

    /**
     * The checks splice() and tee() share: a length of 0 does nothing, both descriptors must be
     * open (EBADF), FROM readable and TO writable (EBADF).
     */
    private SysResult call(ScriptLine l, String name, Transfer transfer) {
        int len = (int) Math.min(l.number(2), Integer.MAX_VALUE);
        if (len == 0) {
            return SysResult.ok();
        }
        FileTable.OpenFile in = files.get(l.arg(0));
        FileTable.OpenFile out = files.get(l.arg(1));
        if (in == null || out == null) {
            return FileTable.notOpen(in == null ? l.arg(0) : l.arg(1));
        }
        if (!in.canRead() || !out.canWrite()) {
            return SysResult.fail(Errno.EBADF, name + " needs a readable FROM and a writable TO");
        }
        return transfer.move(in, out, len);
    }

    private static SysResult splice(FileTable.OpenFile in, FileTable.OpenFile out, int len) {
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

    private static SysResult tee(FileTable.OpenFile in, FileTable.OpenFile out, int len) {
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
}
