package io.watchsim.simulations.script;

import io.watchsim.queues.Errno;
import io.watchsim.queues.PipeEnd;
import io.watchsim.queues.SysResult;
import io.watchsim.queues.record.WatchNotification;
import io.watchsim.queues.ring.FilterRequest;
import io.watchsim.queues.ring.ReadResult;

import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;

/**
 * An ordinary pipe as {@code fs/pipe.c} keeps it: a ring of page buffers (16 by default), small
 * writes merged into the last buffer while it has room, reads that drain bytes across buffers,
 * and F_SETPIPE_SZ with the checks of {@code pipe_set_size()} and {@code pipe_resize_ring()}.
 * Single-threaded, owned by the script's process.
 */
final class OrdinaryPipe implements ScriptPipe {
    private static final int PAGE = WatchNotification.PAGE_SIZE;
    /** /proc/sys/fs/pipe-max-size's default: the most an unprivileged F_SETPIPE_SZ may ask. */
    static final long PIPE_MAX_SIZE = 1_048_576;
    /** sizeof(struct pipe_buffer) on x86_64: page, offset, len, ops, flags, private. */
    static final long PIPE_BUFFER_BYTES = 40;
    /**
     * KMALLOC_MAX_SIZE on x86_64 Linux 6.1 (SLUB): 1 &lt;&lt; (MAX_ORDER + PAGE_SHIFT - 1) = 4 MiB.
     * kcalloc() of more fails, so a ring of more than 104857 slots cannot be allocated.
     */
    static final long KMALLOC_MAX_SIZE = 4L << 20;

    private final ArrayDeque<ByteArrayOutputStream> buffers = new ArrayDeque<>();
    private final PipeUsers.Charge charge;
    private int maxUsage;
    private final OpenEnds ends = new OpenEnds();

    /** A new pipe with the pages {@code alloc_pipe_info()} charged it (16, or 2 over the soft limit). */
    OrdinaryPipe(PipeUsers.Charge charge) {
        this.charge = charge;
        this.maxUsage = (int) charge.pages();
    }

    @Override
    public ReadResult read(int bufSize) {
        if (bufSize == 0) {
            return ReadResult.EOF;
        }
        if (buffers.isEmpty()) {
            return ends.isOpen(PipeEnd.WRITE) ? ReadResult.AGAIN : ReadResult.EOF;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (!buffers.isEmpty() && out.size() < bufSize) {
            ByteArrayOutputStream buf = buffers.peek();
            byte[] bytes = buf.toByteArray();
            int take = Math.min(bytes.length, bufSize - out.size());
            out.write(bytes, 0, take);
            buffers.poll();
            if (take < bytes.length) {
                ByteArrayOutputStream rest = new ByteArrayOutputStream();
                rest.write(bytes, take, bytes.length - take);
                buffers.addFirst(rest);
            }
        }
        return new ReadResult(out.toByteArray(), 0, null);
    }

    /** The bytes tee() would copy, without consuming them. */
    byte[] peek(int len) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (ByteArrayOutputStream buf : buffers) {
            byte[] bytes = buf.toByteArray();
            out.write(bytes, 0, Math.min(bytes.length, len - out.size()));
            if (out.size() >= len) {
                break;
            }
        }
        return out.toByteArray();
    }

    @Override
    public int bytesQueued() {
        return buffers.stream().mapToInt(ByteArrayOutputStream::size).sum();
    }

    boolean isEmpty() {
        return buffers.isEmpty();
    }

    boolean isFull() {
        return buffers.size() >= maxUsage;
    }

    @Override
    public int pollMask(PipeEnd end) {
        return PollBits.pipeMask(end, !buffers.isEmpty(), ends.isOpen(PipeEnd.WRITE), isFull(),
                ends.isOpen(PipeEnd.READ));
    }

    @Override
    public long pipeSizeBytes() {
        return (long) maxUsage * PAGE;
    }

    /**
     * {@code round_pipe_size()}: 0 above 2^31 bytes (the argument is the fcntl's whole unsigned
     * long), at least a page, else the power of two at or above.
     */
    static long roundPipeSize(long arg) {
        if (Long.compareUnsigned(arg, 1L << 31) > 0) {
            return 0;
        }
        return arg < PAGE ? PAGE : Long.highestOneBit(arg - 1) << 1;
    }

    /**
     * F_SETPIPE_SZ in {@code pipe_set_size()}'s order: EINVAL when the size rounds to nothing;
     * growing past pipe-max-size needs CAP_SYS_RESOURCE (EPERM); growing an unprivileged user's
     * pages past the soft or hard limit is EPERM; the new ring is allocated (ENOMEM above
     * KMALLOC_MAX_SIZE); EBUSY when the pipe holds more buffers than the new size. Returns the new
     * size in bytes (a long: 2^31 cannot be had, but nothing here overflows an int either way).
     */
    @Override
    public SysResult setPipeSize(long arg, boolean capSysResource, boolean unprivileged) {
        long size = roundPipeSize(arg);
        long slots = size / PAGE;
        if (slots == 0) {
            return SysResult.fail(Errno.EINVAL, "pipe size " + Long.toUnsignedString(arg) + " is above 2^31 bytes");
        }
        boolean grows = slots > maxUsage;
        if (grows && size > PIPE_MAX_SIZE && !capSysResource) {
            return SysResult.fail(Errno.EPERM, "pipe size " + size + " is above pipe-max-size " + PIPE_MAX_SIZE
                    + " without CAP_SYS_RESOURCE");
        }
        if (grows && charge.limits(!unprivileged).refusesCharge(slots)) {
            return SysResult.fail(Errno.EPERM, slots + " pages would put the pipe's user over its pipe page limit");
        }
        if (slots * PIPE_BUFFER_BYTES > KMALLOC_MAX_SIZE) {
            return SysResult.fail(Errno.ENOMEM, slots + " pipe buffers take " + slots * PIPE_BUFFER_BYTES
                    + " bytes, more than kmalloc's " + KMALLOC_MAX_SIZE);
        }
        if (slots < buffers.size()) {
            return SysResult.fail(Errno.EBUSY, "the pipe holds " + buffers.size() + " buffers, more than "
                    + slots + " slots");
        }
        maxUsage = (int) slots;
        charge.set(slots);
        return SysResult.ok((long) maxUsage * PAGE);
    }

    @Override
    public SysResult setQueueSize(long notes, boolean unprivileged) {
        return SysResult.fail(Errno.ENODEV, "not a notification pipe");
    }

    @Override
    public SysResult setFilter(FilterRequest request) {
        return SysResult.fail(Errno.ENODEV, "not a notification pipe");
    }

    @Override
    public SysResult write(byte[] data) {
        if (data.length == 0) {
            return SysResult.ok(0);
        }
        if (!ends.isOpen(PipeEnd.READ)) {
            return SysResult.fail(Errno.EPIPE, "the read end is closed");
        }
        int written = 0;
        ByteArrayOutputStream last = buffers.peekLast();
        if (last != null && last.size() + data.length <= PAGE) {
            last.write(data, 0, data.length);
            return SysResult.ok(data.length);
        }
        while (written < data.length && !isFull()) {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            int chunk = Math.min(PAGE, data.length - written);
            buf.write(data, written, chunk);
            buffers.add(buf);
            written += chunk;
        }
        if (written == 0) {
            return SysResult.fail(Errno.EAGAIN, "the pipe is full");
        }
        return SysResult.ok(written);
    }

    @Override
    public void close(PipeEnd end) {
        if (ends.close(end)) {
            buffers.clear();
            charge.release();
        }
    }

    @Override
    public boolean isOpen(PipeEnd end) {
        return ends.isOpen(end);
    }
}
