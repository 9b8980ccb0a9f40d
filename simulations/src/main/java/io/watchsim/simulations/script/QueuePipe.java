package io.watchsim.simulations.script;

import io.watchsim.actors.Kernel;
import io.watchsim.actors.QueueHandle;
import io.watchsim.queues.Errno;
import io.watchsim.queues.PipeEnd;
import io.watchsim.queues.QueueStatus;
import io.watchsim.queues.SysResult;
import io.watchsim.queues.record.Notification;
import io.watchsim.queues.ring.FilterRequest;
import io.watchsim.queues.ring.ReadResult;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * A notification pipe of the script's process: the calls go to the kernel, and the script's
 * thread (never a dispatcher thread) waits for each answer.
 */
final class QueuePipe implements ScriptPipe {
    private static final long TIMEOUT_MS = 30_000;

    private final Kernel kernel;
    private final QueueHandle queue;
    private boolean readerOpen = true;
    private boolean writerOpen = true;

    QueuePipe(Kernel kernel, QueueHandle queue) {
        this.kernel = kernel;
        this.queue = queue;
    }

    long id() {
        return queue.id();
    }

    static <T> T await(CompletionStage<T> stage) {
        return stage.toCompletableFuture().orTimeout(TIMEOUT_MS, TimeUnit.MILLISECONDS).join();
    }

    QueueStatus status() {
        return await(kernel.queueStatus(queue.id()));
    }


    @Override
    public ReadResult read(int bufSize) {
        return await(kernel.readQueue(queue.id(), bufSize));
    }

    @Override
    public int bytesQueued() {
        return status().bytesQueued();
    }

    @Override
    public int pollMask(PipeEnd end) {
        QueueStatus s = status();
        return PollBits.pipeMask(end, s.readable(), s.writerOpen(), s.statistics().queued() >= s.pipeSizeBytes() / 4096,
                s.readerOpen());
    }

    @Override
    public int pipeSizeBytes() {
        return status().pipeSizeBytes();
    }

    @Override
    public SysResult setPipeSize(int size, boolean privileged) {
        return SysResult.fail(Errno.EBUSY, "F_SETPIPE_SZ is refused on a notification pipe");
    }

    @Override
    public SysResult setQueueSize(long notes) {
        return await(kernel.setQueueSize(queue.id(), notes));
    }

    @Override
    public SysResult setFilter(FilterRequest request) {
        return await(kernel.setFilter(queue.id(), request));
    }

    @Override
    public SysResult write(byte[] data) {
        return SysResult.fail(Errno.EXDEV, "write() on a notification pipe; the kernel alone writes into it");
    }

    @Override
    public void close(PipeEnd end) {
        if (end == PipeEnd.READ) {
            readerOpen = false;
        } else {
            writerOpen = false;
        }
        await(kernel.closeQueueEnd(queue.id(), end));
    }

    @Override
    public boolean isOpen(PipeEnd end) {
        return end == PipeEnd.READ ? readerOpen : writerOpen;
    }

    void post(Notification record, int tag) {
        kernel.postToQueue(queue.id(), record, tag);
    }
}
