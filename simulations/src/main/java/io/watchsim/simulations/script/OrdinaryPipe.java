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
 * writes merged into the last buffer while it has room, reads that drain bytes across buffers.
 * Single-threaded, owned by the script's process.
 */
final class OrdinaryPipe implements ScriptPipe {
    private static final int PAGE = WatchNotification.PAGE_SIZE;
    /** /proc/sys/fs/pipe-max-size. */
    private static final int PIPE_MAX_SIZE = 1_048_576;

    private final ArrayDeque<ByteArrayOutputStream> buffers = new ArrayDeque<>();
    private int maxUsage = 16;
    private boolean readerOpen = true;
    private boolean writerOpen = true;


    @Override
    public ReadResult read(int bufSize) {
        if (bufSize == 0) {
            return ReadResult.EOF;
        }
        if (buffers.isEmpty()) {
            return writerOpen ? ReadResult.AGAIN : ReadResult.EOF;
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
        return PollBits.pipeMask(end, !buffers.isEmpty(), writerOpen, isFull(), readerOpen);
    }

    @Override
    public int pipeSizeBytes() {
        return maxUsage * PAGE;
    }

    @Override
    public SysResult setPipeSize(int arg, boolean privileged) {
        long size = Integer.toUnsignedLong(arg);
        long rounded = size > (1L << 31) ? 0 : size < PAGE ? PAGE : Long.highestOneBit(size - 1) << 1;
        int slots = (int) (rounded / PAGE);
        if (slots == 0) {
            return SysResult.fail(Errno.EINVAL, "pipe size " + size + " is above 2^31 bytes");
        }
        if (slots > maxUsage && rounded > PIPE_MAX_SIZE && !privileged) {
            return SysResult.fail(Errno.EPERM, "pipe size " + rounded + " is above pipe-max-size " + PIPE_MAX_SIZE
                    + " without CAP_SYS_RESOURCE");
        }
        if (slots < buffers.size()) {
            return SysResult.fail(Errno.EBUSY, "the pipe holds " + buffers.size() + " buffers, more than "
                    + slots + " slots");
        }
        maxUsage = slots;
        return SysResult.ok((long) maxUsage * PAGE);
    }

    @Override
    public SysResult setQueueSize(long notes) {
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
        if (!readerOpen) {
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
        if (end == PipeEnd.READ) {
            readerOpen = false;
        } else {
            writerOpen = false;
        }
        if (!readerOpen && !writerOpen) {
            buffers.clear();
        }
    }

    @Override
    public boolean isOpen(PipeEnd end) {
        return end == PipeEnd.READ ? readerOpen : writerOpen;
    }
}
