package io.watchsim.queues;

import io.watchsim.queues.record.Notification;
import io.watchsim.queues.ring.FilterRequest;
import io.watchsim.queues.ring.NotificationRing;
import io.watchsim.queues.ring.PipeLimits;
import io.watchsim.queues.ring.QueueStatistics;
import io.watchsim.queues.ring.ReadResult;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.Signal;
import org.apache.pekko.actor.typed.javadsl.AbstractMatchingBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;

/**
 * One notification queue: a pipe opened with O_NOTIFICATION_PIPE, as an actor that owns its
 * {@link NotificationRing}. Posts never block and never fail towards the poster; reads return
 * whole records; a blocking read parks until a record arrives or the write end closes.
 *
 * <pre>
 *  watch / poster --Post, PostBatch------------&gt; NotificationQueue --ReadResult--&gt; reader
 *  owner (kernel) --SetSize, SetFilter, Close--&gt;       |            &lt;--Read-------
 *  watched object --AttachWatch----------------&gt;       +-- Watch (children: the watches feeding it)
 * </pre>
 *
 * Owned by whoever spawned it (the kernel facade). When both ends are closed it is defunct and
 * stops, and its watches, its children, stop with it and detach silently, as in Linux.
 */
public final class NotificationQueue extends AbstractMatchingBehavior<NotificationQueue.Command> {

    /** Everything a queue understands. */
    public interface Command {
    }

    /**
     * A record posted by a watch with {@code tag} (0..255): filtered, then checked by the watch's
     * post hook, then inserted or marked lost. Meta records bypass filter and check.
     */
    public record Post(Notification record, int tag, PostCheck check) implements Command {
        public Post {
            Objects.requireNonNull(record);
            Objects.requireNonNull(check);
        }

        /** A post with no LSM check. */
        public Post(Notification record, int tag) {
            this(record, tag, PostCheck.NONE);
        }
    }

    /** Several records posted by one watch in one message, each handled as a {@link Post}, in order. */
    public record PostBatch(List<Notification> records, int tag, PostCheck check) implements Command {
        public PostBatch {
            records = List.copyOf(records);
            Objects.requireNonNull(check);
        }

        public PostBatch(List<Notification> records, int tag) {
            this(records, tag, PostCheck.NONE);
        }
    }

    /**
     * A watch set on some object to feed this queue: the queue starts it as its child, so that it
     * ends when the queue ends.
     */
    public record AttachWatch(WatchSpec watch) implements Command {
        public AttachWatch {
            Objects.requireNonNull(watch);
        }
    }

    /** IOC_WATCH_QUEUE_SET_SIZE. */
    public record SetSize(long notes, PipeLimits limits, ActorRef<SysResult> replyTo) implements Command {
    }

    /** IOC_WATCH_QUEUE_SET_FILTER; a null request removes the filter. */
    public record SetFilter(FilterRequest request, ActorRef<SysResult> replyTo) implements Command {
    }

    /** read() of up to {@code bufSize} bytes; a blocking read parks while the queue is empty. */
    public record Read(int bufSize, boolean blocking, ActorRef<ReadResult> replyTo) implements Command {
    }

    /** Withdraws a parked blocking read (its reader went away); it is answered with EINTR. */
    public record CancelRead(ActorRef<ReadResult> replyTo) implements Command {
    }

    /**
     * close() of one end; with both closed the queue is defunct and stops. Answered with 0, or
     * with 1 when this close made the queue defunct.
     */
    public record Close(PipeEnd end, ActorRef<SysResult> replyTo) implements Command {
    }

    /** FIONREAD, poll and F_GETPIPE_SZ state, and the counters. */
    public record GetStatus(ActorRef<QueueStatus> replyTo) implements Command {
    }

    /** The counters alone. */
    public record GetStatistics(ActorRef<QueueStatistics> replyTo) implements Command {
    }

    private final NotificationRing ring;
    private final ArrayDeque<Read> parked = new ArrayDeque<>(0);

    public static Behavior<Command> create() {
        return create(NotificationRing.PIPE_DEF_BUFFERS);
    }

    /** @param maxUsage the pipe's max_usage in pages at creation (16, or 2 when over the soft limit) */
    public static Behavior<Command> create(int maxUsage) {
        return Behaviors.setup(ctx -> new NotificationQueue(ctx, maxUsage));
    }

    private NotificationQueue(ActorContext<Command> context, int maxUsage) {
        super(context);
        this.ring = new NotificationRing(maxUsage);
    }

    /**
     * Dispatch by type, with no per-actor receive table: a built receive would add about 400
     * bytes to each of a hundred thousand idle queues.
     */
    @Override
    public Behavior<Command> onMessage(Command message) {
        if (message instanceof PostBatch batch) {
            return onPostBatch(batch);
        } else if (message instanceof Post post) {
            return onPost(post);
        } else if (message instanceof Read read) {
            return onRead(read);
        } else if (message instanceof AttachWatch attach) {
            return onAttachWatch(attach);
        } else if (message instanceof SetSize size) {
            return onSetSize(size);
        } else if (message instanceof SetFilter filter) {
            return onSetFilter(filter);
        } else if (message instanceof CancelRead cancel) {
            return onCancelRead(cancel);
        } else if (message instanceof Close close) {
            return onClose(close);
        } else if (message instanceof GetStatus status) {
            return onGetStatus(status);
        } else if (message instanceof GetStatistics statistics) {
            return onGetStatistics(statistics);
        }
        return Behaviors.unhandled();
    }

    @Override
    public Behavior<Command> onSignal(Signal signal) {
        if (signal instanceof PostStop) {
            return onPostStop();
        }
        return Behaviors.unhandled();
    }

    private Behavior<Command> onPost(Post post) {
        ring.post(post.record(), post.tag(), post.check());
        serveParked();
        return this;
    }

    private Behavior<Command> onPostBatch(PostBatch batch) {
        PostCheck.Burst check = batch.check().forBurst();
        ring.reserve(batch.records().size());
        for (Notification n : batch.records()) {
            ring.post(n, batch.tag(), check);
        }
        check.finish();
        serveParked();
        return this;
    }

    private Behavior<Command> onRead(Read read) {
        if (!ring.isReaderOpen()) {
            read.replyTo().tell(ReadResult.error(Errno.EBADF));
            return this;
        }
        if (read.blocking() && !parked.isEmpty()) {
            parked.add(read);
            return this;
        }
        answer(read);
        return this;
    }

    /** Answers a read now, or parks it when it would block. */
    private void answer(Read read) {
        ReadResult result;
        try {
            result = ring.read(read.bufSize());
        } catch (ErrnoException e) {
            result = ReadResult.error(e.errno());
        }
        if (read.blocking() && result.errno() == Errno.EAGAIN) {
            parked.add(read);
        } else {
            read.replyTo().tell(result);
        }
    }

    private void serveParked() {
        while (!parked.isEmpty() && (ring.isReadable() || !ring.isWriterOpen())) {
            answer(parked.poll());
        }
    }

    private Behavior<Command> onAttachWatch(AttachWatch msg) {
        getContext().spawnAnonymous(msg.watch().behavior());
        return this;
    }

    private Behavior<Command> onSetSize(SetSize msg) {
        try {
            ring.setSize(msg.notes(), msg.limits());
            msg.replyTo().tell(SysResult.ok());
        } catch (ErrnoException e) {
            msg.replyTo().tell(SysResult.of(e));
        }
        return this;
    }

    private Behavior<Command> onSetFilter(SetFilter msg) {
        try {
            ring.setFilter(msg.request());
            msg.replyTo().tell(SysResult.ok());
        } catch (ErrnoException e) {
            msg.replyTo().tell(SysResult.of(e));
        }
        return this;
    }

    private Behavior<Command> onCancelRead(CancelRead msg) {
        parked.removeIf(r -> {
            if (r.replyTo().equals(msg.replyTo())) {
                r.replyTo().tell(ReadResult.error(Errno.EINTR));
                return true;
            }
            return false;
        });
        return this;
    }

    private Behavior<Command> onClose(Close msg) {
        if (msg.end() == PipeEnd.READ) {
            ring.closeReadEnd();
            ArrayDeque<Read> orphans = new ArrayDeque<>(parked);
            parked.clear();
            orphans.forEach(r -> r.replyTo().tell(ReadResult.error(Errno.EBADF)));
        } else {
            ring.closeWriteEnd();
            serveParked();
        }
        msg.replyTo().tell(SysResult.ok(ring.isDefunct() ? 1 : 0));
        if (ring.isDefunct()) {
            // Both ends closed: watches on this queue see it terminate and go silently.
            return Behaviors.stopped();
        }
        return this;
    }

    private Behavior<Command> onGetStatus(GetStatus msg) {
        msg.replyTo().tell(new QueueStatus(ring.bytesQueued(), ring.isReadable(), ring.isLossPending(),
                ring.isReaderOpen(), ring.isWriterOpen(), ring.isDefunct(), ring.capacity(), ring.pipeSizeBytes(),
                parked.size(), ring.statistics()));
        return this;
    }

    private Behavior<Command> onGetStatistics(GetStatistics msg) {
        msg.replyTo().tell(ring.statistics());
        return this;
    }

    private Behavior<Command> onPostStop() {
        parked.forEach(r -> r.replyTo().tell(ReadResult.error(Errno.EBADF)));
        parked.clear();
        return this;
    }
}
