package io.watchsim.simulations.script;

import io.watchsim.queues.Errno;
import io.watchsim.queues.NotificationQueue;
import io.watchsim.queues.PipeEnd;
import io.watchsim.queues.QueueStatus;
import io.watchsim.queues.SysResult;
import io.watchsim.queues.ring.FilterRequest;
import io.watchsim.queues.ring.PipeLimits;
import io.watchsim.queues.ring.ReadResult;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * A notification pipe of the script's process: the calls go to its {@link NotificationQueue}
 * actor and the script's thread (never a dispatcher thread) waits for each answer.
 */
final class QueuePipe implements ScriptPipe {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final ActorSystem<?> system;
    private final ActorRef<NotificationQueue.Command> queue;
    private boolean readerOpen = true;
    private boolean writerOpen = true;

    QueuePipe(ActorSystem<?> system, ActorRef<NotificationQueue.Command> queue) {
        this.system = system;
        this.queue = queue;
    }

    ActorRef<NotificationQueue.Command> queue() {
        return queue;
    }

    private <T> T ask(Function<ActorRef<T>, NotificationQueue.Command> message) {
        try {
            return AskPattern.ask(queue, message::apply, TIMEOUT, system.scheduler())
                    .toCompletableFuture().get(TIMEOUT.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the queue", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the queue actor " + queue.path() + " did not answer within " + TIMEOUT, e);
        }
    }

    QueueStatus status() {
        return ask(NotificationQueue.GetStatus::new);
    }

    @Override
    public boolean isNotificationPipe() {
        return true;
    }

    @Override
    public ReadResult read(int bufSize) {
        return ask(replyTo -> new NotificationQueue.Read(bufSize, false, replyTo));
    }

    @Override
    public int bytesQueued() {
        return status().bytesQueued();
    }

    @Override
    public int pollMask(PipeEnd end) {
        QueueStatus s = status();
        int mask = 0;
        if (end == PipeEnd.READ) {
            if (s.readable()) {
                mask |= PollBits.POLLIN | PollBits.POLLRDNORM;
            }
            if (!s.writerOpen()) {
                mask |= PollBits.POLLHUP;
            }
        } else {
            if (s.statistics().queued() < s.pipeSizeBytes() / 4096) {
                mask |= PollBits.POLLOUT | PollBits.POLLWRNORM;
            }
            if (!s.readerOpen()) {
                mask |= PollBits.POLLERR;
            }
        }
        return mask;
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
        return ask(replyTo -> new NotificationQueue.SetSize(notes, PipeLimits.WITHIN, replyTo));
    }

    @Override
    public SysResult setFilter(FilterRequest request) {
        return ask(replyTo -> new NotificationQueue.SetFilter(request, replyTo));
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
        this.<SysResult>ask(replyTo -> new NotificationQueue.Close(end, replyTo));
    }

    @Override
    public boolean isOpen(PipeEnd end) {
        return end == PipeEnd.READ ? readerOpen : writerOpen;
    }

    void post(NotificationQueue.Post post) {
        queue.tell(post);
    }
}
