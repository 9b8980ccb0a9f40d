package io.watchsim.queues;

import io.watchsim.queues.record.Notification;
import io.watchsim.queues.ring.FilterRequest;
import io.watchsim.queues.ring.NotificationRing;
import io.watchsim.queues.ring.PipeLimits;
import io.watchsim.queues.ring.PostOutcome;
import io.watchsim.queues.ring.QueueStatistics;
import io.watchsim.queues.ring.ReadResult;
import org.apache.pekko.actor.typed.ActorRef;

import java.util.List;

/**
 * The ring of one notification queue as its posters and its actor share it. As Linux's
 * post_one_notification() runs on the poster's thread under the pipe's lock, a poster (a watched
 * object) inserts its records here on its own thread, with no message to the queue; the queue's
 * actor reads, sets the size and filter, closes the ends and reports the counters under the same
 * lock. When a post makes records readable while a blocking read is parked at the actor, the
 * poster wakes the actor with one {@code Wake} (at most one in flight), as Linux wakes the pipe's
 * reader.
 *
 * <p>Concurrency contract: many posters, one owner (the {@link NotificationQueue} actor); every
 * state change holds this object's monitor, for one post or one read, never across a message
 * send, a wait or a call out (the fate log only queues an event). Once the owner has stopped the
 * pipe is gone: a post then gives no fate and returns {@code null}, as a message to a stopped actor
 * would go to the dead letters.
 */
public final class NotificationPipe {
    private final NotificationRing ring;
    private final long queueId;
    private final FateLog fates;
    /** The queue's actor, which a post wakes; set once the actor is known. */
    private volatile ActorRef<NotificationQueue.Command> owner;
    /** A blocking read is parked at the owner: a post that makes the ring readable wakes it. */
    private boolean readerWaiting;
    /** A wake is on its way to the owner, not yet taken: no second one is sent. */
    private boolean wakeSent;
    /** The owner has stopped: posts are lost on the way, with no fate. */
    private boolean gone;

    /**
     * @param maxUsage the pipe's max_usage in pages at creation (16, or 2 when over the soft limit)
     * @param queueId  the id the fate log knows the queue by
     * @param fates    where each record's fate and the queue's end are told
     */
    public NotificationPipe(int maxUsage, long queueId, FateLog fates) {
        this.ring = new NotificationRing(maxUsage);
        this.queueId = queueId;
        this.fates = fates;
    }

    /** The queue's id. */
    public long queueId() {
        return queueId;
    }

    /** The queue's actor (null until its spawner or the actor itself has set it). */
    public ActorRef<NotificationQueue.Command> queue() {
        return owner;
    }

    /** Names the actor that owns this pipe (its spawner, or the actor when it starts; the same actor). */
    public void attach(ActorRef<NotificationQueue.Command> queue) {
        owner = queue;
    }

    // ------------------------------------------------------------------ posting, any thread

    /**
     * Posts one record for a watch with {@code tag}, on the caller's thread: filter, post check,
     * then insertion or a loss mark, its fate told to the fate log. Null when the queue had
     * stopped (no fate).
     */
    public PostOutcome post(Notification record, int tag, PostCheck check, Provenance origin) {
        return post(record, tag, check, origin, false);
    }

    /** The same; {@code byOwner}: the owner posts (a message to it), serves its parked reads itself and needs no wake. */
    PostOutcome post(Notification record, int tag, PostCheck check, Provenance origin, boolean byOwner) {
        PostOutcome outcome;
        ActorRef<NotificationQueue.Command> wake;
        synchronized (this) {
            if (gone) {
                return null;
            }
            outcome = postLocked(record, tag, check, origin);
            wake = wakeLocked(byOwner);
        }
        wake(wake);
        return outcome;
    }

    /**
     * Posts several records for one watch, in order, as one burst (one storage reservation, one
     * burst check). False when the queue had stopped (no fates).
     */
    public boolean postBatch(List<Notification> records, int tag, PostCheck check, List<Provenance> origins) {
        return postBatch(records, tag, check, origins, false);
    }

    boolean postBatch(List<Notification> records, int tag, PostCheck check, List<Provenance> origins, boolean byOwner) {
        ActorRef<NotificationQueue.Command> wake;
        synchronized (this) {
            if (gone) {
                return false;
            }
            PostCheck.Burst burst = check.forBurst();
            ring.reserve(records.size());
            for (int i = 0; i < records.size(); i++) {
                postLocked(records.get(i), tag, burst, origins == null ? null : origins.get(i));
            }
            burst.finish();
            wake = wakeLocked(byOwner);
        }
        wake(wake);
        return true;
    }

    /** Posts records for several watches on this queue, in order. False when the queue had stopped. */
    public boolean postAll(List<NotificationQueue.Post> posts) {
        return postAll(posts, false);
    }

    boolean postAll(List<NotificationQueue.Post> posts, boolean byOwner) {
        ActorRef<NotificationQueue.Command> wake;
        synchronized (this) {
            if (gone) {
                return false;
            }
            ring.reserve(posts.size());
            for (NotificationQueue.Post p : posts) {
                postLocked(p.record(), p.tag(), p.check(), p.origin());
            }
            wake = wakeLocked(byOwner);
        }
        wake(wake);
        return true;
    }

    private PostOutcome postLocked(Notification record, int tag, PostCheck check, Provenance origin) {
        PostOutcome outcome = ring.post(record, tag, check, origin);
        if (fates.isOn()) {
            fates.fate(queueId, origin, tag, record, outcome);
        }
        return outcome;
    }

    /** The owner to wake after this post, if a read is parked, the ring readable and no wake on its way. */
    private ActorRef<NotificationQueue.Command> wakeLocked(boolean byOwner) {
        if (!byOwner && readerWaiting && !wakeSent && ring.isReadable()) {
            wakeSent = true;
            return owner;
        }
        return null;
    }

    private static void wake(ActorRef<NotificationQueue.Command> owner) {
        if (owner != null) {
            owner.tell(NotificationQueue.Wake.INSTANCE);
        }
    }

    // ------------------------------------------------------------------ the owner's side

    /**
     * One read() of up to {@code bufSize} bytes; when it would block and {@code parks}, the owner
     * parks it and from now on a post that makes the ring readable wakes the owner.
     */
    synchronized ReadResult read(int bufSize, boolean parks) {
        ReadResult result;
        try {
            result = ring.read(bufSize);
        } catch (ErrnoException e) {
            result = ReadResult.error(e.errno());
        }
        if (parks && result.errno() == Errno.EAGAIN) {
            readerWaiting = true;
        }
        return result;
    }

    /** The owner took the wake on its way. */
    synchronized void woken() {
        wakeSent = false;
    }

    /** The owner has no parked read left: posts need not wake it. */
    synchronized void noReaderWaiting() {
        readerWaiting = false;
    }

    /** Whether a parked read can be answered now: a record is there, or the write end is closed. */
    synchronized boolean canAnswerParked() {
        return ring.isReadable() || !ring.isWriterOpen();
    }

    synchronized void setSize(long notes, PipeLimits limits) {
        ring.setSize(notes, limits);
    }

    synchronized void setFilter(FilterRequest request) {
        ring.setFilter(request);
    }

    synchronized void closeReadEnd() {
        ring.closeReadEnd();
    }

    synchronized void closeWriteEnd() {
        ring.closeWriteEnd();
    }

    synchronized boolean isReaderOpen() {
        return ring.isReaderOpen();
    }

    synchronized boolean isDefunct() {
        return ring.isDefunct();
    }

    synchronized QueueStatus status(int parkedReads) {
        return new QueueStatus(ring.bytesQueued(), ring.isReadable(), ring.isLossPending(), ring.isReaderOpen(),
                ring.isWriterOpen(), ring.isDefunct(), ring.capacity(), ring.pipeSizeBytes(), parkedReads,
                ring.statistics());
    }

    synchronized QueueStatistics statistics() {
        return ring.statistics();
    }

    /**
     * Whether the owner has begun to stop ({@link #end}): it will receive no message any more. A
     * caller that registered a call to the owner and finds it ended cannot count on being told of
     * the owner's end ({@link QueueCallers}), which may already have been told.
     */
    public synchronized boolean hasEnded() {
        return gone;
    }

    /** The owner stopped (defunct, or crashed): its end is told, and later posts are lost on the way. */
    synchronized void end(boolean crashed) {
        gone = true;
        fates.queueEnded(queueId, crashed);
    }
}
