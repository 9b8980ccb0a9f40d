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
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.AbstractMatchingBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;

/**
 * One notification queue: a pipe opened with O_NOTIFICATION_PIPE, as an actor that owns its
 * {@link NotificationPipe} (the ring, shared with its posters). Objects post into the pipe on their
 * own threads, as Linux posts under the pipe's lock, and wake the queue only when a blocking read
 * waits; a {@code Post} message does the same through the actor (scripts, tests, the path kept for
 * comparison). Posts never block and never fail towards the poster; reads return whole records; a
 * blocking read parks until a record arrives or the write end closes.
 *
 * <pre>
 *  watched object --NotificationPipe.post (its own thread)--&gt; pipe --Wake (a read waits)--&gt; queue
 *  poster --Post, PostBatch, PostEach--&gt; NotificationQueue --ReadResult--&gt; reader
 *  owner (kernel) --SetSize, SetFilter, Close--&gt;       |            &lt;--Read-------
 *  watched object --AttachWatch----------------&gt;       +-- Watch (children: the watches feeding it)
 * </pre>
 *
 * Owned by whoever spawned it (the kernel facade). When both ends are closed it is defunct: as
 * Linux's watch_queue_clear() does before close() returns, it takes its watches (its children)
 * off their objects, silently, and answers the close once every one of them has stopped; then
 * it stops. Posts that reach it meanwhile are counted as dropped on a defunct queue. The wait is
 * bounded: a watch that has not stopped within the bound is stopped with the queue (its object
 * then drops it when told) and the overrun is logged as a kernel fault.
 *
 * <p>However it stops (defunct, crashed, its kernel stopping), it answers its parked reads EBADF and
 * then, last, tells its {@link QueueCallers} that it has stopped, so that the kernel answers the
 * calls it never received (a request Pekko lost on its way to the dead letters among them). A
 * repeated read tells the queue, through its {@link OutstandingReads}, that it received it.
 */
public final class NotificationQueue extends AbstractMatchingBehavior<NotificationQueue.Command> {

    /** Everything a queue understands. */
    public interface Command {
    }

    /**
     * A record posted for a watch with {@code tag} (0..255), by the watch's object (or, on a path kept
     * for comparison, the watch itself): filtered, then checked by the watch's post hook, then
     * inserted or marked lost. Meta records bypass filter and check.
     */
    public record Post(Notification record, int tag, PostCheck check, Provenance origin) implements Command {
        public Post {
            Objects.requireNonNull(record);
            Objects.requireNonNull(check);
        }

        /** A post whose provenance is not known (a test, a script's raw post). */
        public Post(Notification record, int tag, PostCheck check) {
            this(record, tag, check, null);
        }

        /** A post with no LSM check. */
        public Post(Notification record, int tag) {
            this(record, tag, PostCheck.NONE);
        }

        /** The deliveries of an object's post this message carries, as the kernel's backlog counts them. */
        public long inTransit() {
            return RecordsInTransit.counts(origin) ? 1 : 0;
        }
    }

    /**
     * Several records posted for one watch in one message, each handled as a {@link Post}, in order;
     * {@code origins} is null or gives each record's provenance.
     */
    public record PostBatch(List<Notification> records, int tag, PostCheck check, List<Provenance> origins)
            implements Command {
        public PostBatch {
            records = List.copyOf(records);
            Objects.requireNonNull(check);
            if (origins != null && origins.size() != records.size()) {
                throw new IllegalArgumentException(origins.size() + " origins for " + records.size() + " records");
            }
        }

        public PostBatch(List<Notification> records, int tag, PostCheck check) {
            this(records, tag, check, null);
        }

        public PostBatch(List<Notification> records, int tag) {
            this(records, tag, PostCheck.NONE);
        }

        /** The deliveries of an object's post this message carries, as the kernel's backlog counts them. */
        public long inTransit() {
            return origins != null && !origins.isEmpty() && RecordsInTransit.counts(origins.get(0))
                    ? records.size() : 0;
        }
    }

    /**
     * Records for several watches on this queue in one message, each handled as its {@link Post},
     * in order: what one object posts to one queue in one operation when the operation reaches
     * several of its watches on that queue (a mount walk passing several watched directories of
     * one mount). One message per queue however many of its watches an operation reaches.
     */
    public record PostEach(List<Post> posts) implements Command {
        public PostEach {
            posts = List.copyOf(posts);
        }

        /** The deliveries of objects' posts this message carries, as the kernel's backlog counts them. */
        public long inTransit() {
            long n = 0;
            for (Post p : posts) {
                n += p.inTransit();
            }
            return n;
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

    /**
     * read() of up to {@code bufSize} bytes; a blocking read parks while the queue is empty. A read one
     * reader repeats carries the count of its reads sent and not yet received ({@code outstanding}),
     * which the queue takes one from as it receives it; null for any other read.
     */
    public record Read(int bufSize, boolean blocking, ActorRef<ReadResult> replyTo, OutstandingReads outstanding)
            implements Command {
        /** A read nobody counts (one read, a stream's). */
        public Read(int bufSize, boolean blocking, ActorRef<ReadResult> replyTo) {
            this(bufSize, blocking, replyTo, null);
        }
    }

    /** Withdraws a parked blocking read (its reader went away); it is answered with EINTR. */
    public record CancelRead(ActorRef<ReadResult> replyTo) implements Command {
    }

    /**
     * close() of one end; with both closed the queue is defunct and stops. Answered with 0, or
     * with 1 when this close made the queue defunct, and then only once every watch feeding the
     * queue has left its object (so that no later post on those objects reaches this queue).
     */
    public record Close(PipeEnd end, ActorRef<SysResult> replyTo) implements Command {
    }

    /** FIONREAD, poll and F_GETPIPE_SZ state, and the counters. */
    public record GetStatus(ActorRef<QueueStatus> replyTo) implements Command {
    }

    /** The counters alone. */
    public record GetStatistics(ActorRef<QueueStatistics> replyTo) implements Command {
    }

    /**
     * Fault injection: the queue's actor fails, as a bug would make it; it stops with its ring,
     * its parked reads are answered EBADF and its watches stop without leaving their objects
     * first (each tells its object from its PostStop).
     */
    public enum Crash implements Command {
        INSTANCE
    }

    /** The bound on a defunct queue's wait for its watches to leave their objects, unless told otherwise. */
    public static final Duration DEFAULT_DETACH_BOUND = Duration.ofSeconds(10);

    /** A post into the pipe made records readable while a blocking read was parked (sent by the poster). */
    enum Wake implements Command {
        INSTANCE
    }

    /** The defunct queue's bound ran out (a timer). */
    private enum DetachOverdue implements Command {
        INSTANCE
    }

    /** The ring, shared with the objects that post into it; every ring operation goes through it. */
    private final NotificationPipe pipe;
    private final ArrayDeque<Read> parked = new ArrayDeque<>(0);
    private final Duration detachBound;
    /** The kernel's backlog, settled here for every object's post this queue decides. */
    private final RecordsInTransit transit;
    /** Told, last, that this queue has stopped: it answers the calls the queue never received. */
    private final QueueCallers callers;
    /** Set just before an injected crash, so that the stop is told as a crash. */
    private boolean crashing;
    /** The message that tells a watch of this queue that the queue is ending (the same for every watch). */
    private Object watchEnding;
    /** Set once the queue is defunct and waits for its watches to stop; null before. */
    private Ending ending;

    /**
     * A defunct queue waiting for its watches: who to answer and how many watches are still up.
     * A small mutable phase object owned by the queue's actor.
     */
    private static final class Ending {
        final ActorRef<SysResult> closer;
        int watchesLeft;

        Ending(ActorRef<SysResult> closer, int watchesLeft) {
            this.closer = closer;
            this.watchesLeft = watchesLeft;
        }
    }

    public static Behavior<Command> create() {
        return create(NotificationRing.PIPE_DEF_BUFFERS);
    }

    /** @param maxUsage the pipe's max_usage in pages at creation (16, or 2 when over the soft limit) */
    public static Behavior<Command> create(int maxUsage) {
        return create(maxUsage, DEFAULT_DETACH_BOUND);
    }

    /** @param detachBound how long a defunct queue waits for its watches to leave their objects */
    public static Behavior<Command> create(int maxUsage, Duration detachBound) {
        return create(maxUsage, detachBound, 0, FateLog.OFF, new RecordsInTransit());
    }

    /**
     * @param queueId the id the kernel knows the queue by, which {@code fates} is told
     * @param fates   where each record's fate and the queue's end are told ({@link FateLog#OFF}: nowhere)
     * @param transit the kernel's backlog, settled for each object's post given a fate here
     */
    public static Behavior<Command> create(int maxUsage, Duration detachBound, long queueId, FateLog fates,
                                           RecordsInTransit transit) {
        Objects.requireNonNull(fates);
        return create(new NotificationPipe(maxUsage, queueId, fates), detachBound, transit);
    }

    /**
     * A queue that owns {@code pipe}, made by its spawner so that objects can post into it
     * ({@link NotificationPipe#post}) with no message to the queue.
     */
    public static Behavior<Command> create(NotificationPipe pipe, Duration detachBound, RecordsInTransit transit) {
        return create(pipe, detachBound, transit, QueueCallers.NONE);
    }

    /**
     * The same, for a spawner whose calls to the queue are answered even if the queue never receives
     * them: {@code callers} is told, at the end of the queue's {@code PostStop}, that it has stopped.
     */
    public static Behavior<Command> create(NotificationPipe pipe, Duration detachBound, RecordsInTransit transit,
                                           QueueCallers callers) {
        Objects.requireNonNull(pipe);
        Objects.requireNonNull(transit);
        Objects.requireNonNull(callers);
        return Behaviors.setup(ctx -> new NotificationQueue(ctx, pipe, detachBound, transit, callers));
    }

    private NotificationQueue(ActorContext<Command> context, NotificationPipe pipe, Duration detachBound,
                              RecordsInTransit transit, QueueCallers callers) {
        super(context);
        this.pipe = pipe;
        this.detachBound = detachBound;
        this.transit = transit;
        this.callers = callers;
        pipe.attach(context.getSelf());
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
        } else if (message instanceof PostEach each) {
            return onPostEach(each);
        } else if (message instanceof Read read) {
            return onRead(read);
        } else if (message == Wake.INSTANCE) {
            pipe.woken();
            serveParked();
            return this;
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
        } else if (message == DetachOverdue.INSTANCE) {
            return onDetachOverdue();
        } else if (message == Crash.INSTANCE) {
            crashing = true;
            throw new InjectedCrash(getContext().getSelf().path().name());
        }
        return Behaviors.unhandled();
    }

    @Override
    public Behavior<Command> onSignal(Signal signal) {
        if (signal instanceof Terminated) {
            return onWatchStopped();
        } else if (signal instanceof PostStop) {
            return onPostStop();
        }
        return Behaviors.unhandled();
    }

    private Behavior<Command> onPost(Post post) {
        pipe.post(post.record(), post.tag(), post.check(), post.origin(), true);
        if (post.inTransit() > 0) {
            transit.settledOne();
        }
        serveParked();
        return this;
    }

    private Behavior<Command> onPostBatch(PostBatch batch) {
        pipe.postBatch(batch.records(), batch.tag(), batch.check(), batch.origins(), true);
        long settled = batch.inTransit();
        if (settled > 0) {
            transit.settled(settled);
        }
        serveParked();
        return this;
    }

    private Behavior<Command> onPostEach(PostEach each) {
        pipe.postAll(each.posts(), true);
        long settled = each.inTransit();
        if (settled > 0) {
            transit.settled(settled);
        }
        serveParked();
        return this;
    }

    private Behavior<Command> onRead(Read read) {
        if (read.outstanding() != null) {
            read.outstanding().received();   // answered from here on, whatever comes
        }
        if (!pipe.isReaderOpen()) {
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
        ReadResult result = pipe.read(read.bufSize(), read.blocking());
        if (read.blocking() && result.errno() == Errno.EAGAIN) {
            parked.add(read);
        } else {
            read.replyTo().tell(result);
        }
    }

    private void serveParked() {
        while (!parked.isEmpty() && pipe.canAnswerParked()) {
            answer(parked.poll());
        }
        if (parked.isEmpty()) {
            pipe.noReaderWaiting();
        }
    }

    /**
     * Starts the watch as a child. A defunct queue starts no watch: the object that asked finds
     * out when the queue stops (it watches the queue while its add is pending) and fails the add
     * with ENOENT, as add_watch_to_object() does when it finds the queue defunct.
     */
    private Behavior<Command> onAttachWatch(AttachWatch msg) {
        if (ending == null) {
            getContext().spawnAnonymous(msg.watch().behavior());
            watchEnding = msg.watch().queueEnding();
        }
        return this;
    }

    /** Tells one child watch that the queue is ending, and watches it until it has stopped. */
    private void endWatch(ActorRef<?> watch) {
        getContext().watch(watch);
        watch.<Object>unsafeUpcast().tell(watchEnding);
    }

    private Behavior<Command> onSetSize(SetSize msg) {
        try {
            pipe.setSize(msg.notes(), msg.limits());
            msg.replyTo().tell(SysResult.ok());
        } catch (ErrnoException e) {
            msg.replyTo().tell(SysResult.of(e));
        }
        return this;
    }

    private Behavior<Command> onSetFilter(SetFilter msg) {
        try {
            pipe.setFilter(msg.request());
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
        if (parked.isEmpty()) {
            pipe.noReaderWaiting();
        }
        return this;
    }

    private Behavior<Command> onClose(Close msg) {
        if (msg.end() == PipeEnd.READ) {
            pipe.closeReadEnd();
            ArrayDeque<Read> orphans = new ArrayDeque<>(parked);
            parked.clear();
            pipe.noReaderWaiting();
            orphans.forEach(r -> r.replyTo().tell(ReadResult.error(Errno.EBADF)));
        } else {
            pipe.closeWriteEnd();
            serveParked();
        }
        if (!pipe.isDefunct() || ending != null) {
            msg.replyTo().tell(SysResult.ok());
            return this;
        }
        // Both ends closed: the watches leave their objects, silently, before the close returns.
        List<ActorRef<Void>> watches = getContext().getChildren();
        if (watches.isEmpty()) {
            msg.replyTo().tell(SysResult.ok(1));
            return Behaviors.stopped();
        }
        ending = new Ending(msg.replyTo(), watches.size());
        watches.forEach(this::endWatch);
        getContext().scheduleOnce(detachBound, getContext().getSelf(), DetachOverdue.INSTANCE);
        return this;
    }

    /** A child watch stopped (only ending watches are death-watched). */
    private Behavior<Command> onWatchStopped() {
        if (ending != null && --ending.watchesLeft == 0) {
            ending.closer.tell(SysResult.ok(1));
            return Behaviors.stopped();
        }
        return this;
    }

    /** Some watches did not stop within the bound: answer, stop them with the queue, report the fault. */
    private Behavior<Command> onDetachOverdue() {
        if (ending == null) {
            return this;
        }
        getContext().getLog().error("kernel fault: {} watches of queue {} had not left their objects {} after it "
                + "became defunct; stopping them with the queue", ending.watchesLeft, getContext().getSelf().path().name(),
                detachBound);
        ending.closer.tell(SysResult.ok(1));
        return Behaviors.stopped();
    }

    private Behavior<Command> onGetStatus(GetStatus msg) {
        msg.replyTo().tell(pipe.status(parked.size()));
        return this;
    }

    private Behavior<Command> onGetStatistics(GetStatistics msg) {
        msg.replyTo().tell(pipe.statistics());
        return this;
    }

    /**
     * Its pipe ends (later posts are lost on the way), its parked reads are answered EBADF, and last its
     * callers learn that it stopped: every call it received has its answer by then.
     */
    private Behavior<Command> onPostStop() {
        pipe.end(crashing);
        parked.forEach(r -> r.replyTo().tell(ReadResult.error(Errno.EBADF)));
        parked.clear();
        callers.queueStopped(getContext().getSelf());
        return this;
    }
}
