package io.watchsim.simulations.script;

import io.watchsim.actors.Kernel;
import io.watchsim.actors.KernelFault;
import io.watchsim.actors.QueueHandle;
import io.watchsim.queues.Errno;
import io.watchsim.queues.PipeEnd;
import io.watchsim.queues.QueueStatus;
import io.watchsim.queues.SysResult;
import io.watchsim.queues.record.Notification;
import io.watchsim.queues.record.WatchNotification;
import io.watchsim.queues.ring.FilterRequest;
import io.watchsim.queues.ring.ReadResult;

/**
 * A notification pipe of the script's process: the calls go to the kernel, and the script's
 * thread (never a dispatcher thread) waits for each answer.
 */
final class QueuePipe implements ScriptPipe {

    private final Kernel kernel;
    private final QueueHandle queue;
    private final PipeUsers.Charge charge;
    private final OpenEnds ends = new OpenEnds();

    /** A notification pipe in {@code kernel}, charged to its user as {@code charge} says. */
    QueuePipe(Kernel kernel, QueueHandle queue, PipeUsers.Charge charge) {
        this.kernel = kernel;
        this.queue = queue;
        this.charge = charge;
    }

    long id() {
        return queue.id();
    }

    QueueStatus status() {
        // An open descriptor keeps its queue: a queue that is gone while one is open is a kernel fault.
        return kernel.await(kernel.queueStatus(queue.id())).orElseThrow(() -> new KernelFault(
                "queue " + queue.id() + " is gone though a descriptor of it is open"));
    }

    @Override
    public ReadResult read(int bufSize) {
        return kernel.await(kernel.readQueue(queue.id(), bufSize));
    }

    @Override
    public int bytesQueued() {
        return status().bytesQueued();
    }

    @Override
    public int pollMask(PipeEnd end) {
        QueueStatus s = status();
        boolean full = s.statistics().queued() >= s.pipeSizeBytes() / WatchNotification.PAGE_SIZE;
        return PollBits.pipeMask(end, s.readable(), s.writerOpen(), full, s.readerOpen());
    }

    @Override
    public long pipeSizeBytes() {
        return status().pipeSizeBytes();
    }

    /** {@code pipe_set_size()} refuses a notification pipe before looking at the argument. */
    @Override
    public SysResult setPipeSize(long arg, boolean capSysResource, boolean unprivileged) {
        return SysResult.fail(Errno.EBUSY, "F_SETPIPE_SZ is refused on a notification pipe");
    }

    /**
     * {@code watch_queue_set_size()}: the queue checks, with the user's pages and privileges; on
     * success the pipe is charged the pages it now has ({@code nr_accounted = nr_pages}).
     */
    @Override
    public SysResult setQueueSize(long notes, boolean unprivileged) {
        SysResult r = kernel.await(kernel.setQueueSize(queue.id(), notes, charge.limits(!unprivileged)));
        if (r.isOk()) {
            int perPage = WatchNotification.WATCH_QUEUE_NOTES_PER_PAGE;
            charge.set((notes + perPage - 1) / perPage);
        }
        return r;
    }

    @Override
    public SysResult setFilter(FilterRequest request) {
        return kernel.await(kernel.setFilter(queue.id(), request));
    }

    @Override
    public SysResult write(byte[] data) {
        return SysResult.fail(Errno.EXDEV, "write() on a notification pipe; the kernel alone writes into it");
    }

    @Override
    public void close(PipeEnd end) {
        boolean last = ends.close(end);
        kernel.await(kernel.closeQueueEnd(queue.id(), end));
        if (last) {
            charge.release();
        }
    }

    @Override
    public boolean isOpen(PipeEnd end) {
        return ends.isOpen(end);
    }

    /** WatchSim's {@code post} op: the record goes in as a watch with {@code tag} would post it. */
    SysResult post(Notification record, int tag) {
        return kernel.postToQueue(queue.id(), record, tag);
    }
}
