package io.watchsim.actors;

import io.watchsim.queues.NotificationPipe;
import io.watchsim.queues.NotificationQueue;
import io.watchsim.queues.OutstandingReads;
import io.watchsim.queues.ring.ReadResult;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * A blocking read() one reader actor repeats ({@link Kernel#repeatedRead}): {@link #next()} asks
 * the queue for the next records; the answer goes to the reader when there are some, or is EBADF
 * or end of file once the queue ends. The same immutable request every time.
 *
 * <p>Every read is answered once, even one Pekko lost on its way to a queue that was stopping.
 * Its reads are counted from the moment each is sent until the queue receives it
 * ({@link OutstandingReads}, which the request carries), and it is registered once, for as long as
 * its queue lives or until its reader {@link #release releases} it, with the kernel's calls to that
 * queue ({@link PendingCalls}; the repeated reads of one queue share one map entry), not once per
 * read; a form of it with another buffer ({@link #withBuffer}) shares its registration and its
 * count. When the queue tells the kernel, at the end
 * of its {@code PostStop}, that it has stopped, each read it never received is answered as the dead
 * letters answer a read of a gone queue (EBADF; the dead letters then leave that read alone), and a
 * read asked for after that is answered so at once, with no message to the queue. A read costs one
 * atomic update on the reader's side and one on the queue's.
 *
 * <p>Thread-safe: {@link #next()} and {@link #release()} may be called on any thread (normally the
 * reader's own).
 */
public final class RepeatedRead {
    private final ActorRef<NotificationQueue.Command> queue;
    private final NotificationQueue.Read read;
    private final PendingCalls calls;
    /** The one of this read's forms that holds its registration: itself, or the one it was made from. */
    private final RepeatedRead registered;
    /** The repeated read of the same queue registered before this one, if any (set as it is registered). */
    private RepeatedRead registeredBefore;

    private RepeatedRead(ActorRef<NotificationQueue.Command> queue, NotificationQueue.Read read, PendingCalls calls,
                         RepeatedRead registered) {
        this.queue = queue;
        this.read = read;
        this.calls = calls;
        this.registered = registered == null ? this : registered;
    }

    /**
     * A repeated read of {@code bufSize} bytes of the queue that owns {@code pipe}, answered to
     * {@code reader}, registered with {@code calls} until the queue stops.
     */
    static RepeatedRead of(NotificationPipe pipe, int bufSize, ActorRef<ReadResult> reader, PendingCalls calls) {
        RepeatedRead repeated = new RepeatedRead(pipe.queue(),
                new NotificationQueue.Read(bufSize, true, reader, new OutstandingReads()), calls, null);
        calls.register(repeated.queue, repeated);
        if (pipe.hasEnded()) {
            calls.stopped(repeated.queue);   // it may have told its callers before this registration
        }
        return repeated;
    }

    /** Registers this one after {@code before} (in {@link PendingCalls}' map, under its lock). */
    RepeatedRead registeredAfter(RepeatedRead before) {
        registeredBefore = before;
        return this;
    }

    /** The repeated read of the same queue registered before this one (read once the queue has stopped). */
    RepeatedRead registeredBefore() {
        return registeredBefore;
    }

    /**
     * The same repeated read with a buffer of {@code bufSize} bytes from its next read on (a reader
     * that shrinks its buffer): the same reader, the same count of reads outstanding and the same
     * registration, so a reader that changes its buffer any number of times still costs its queue's
     * entry in {@link PendingCalls} once. A read already on its way keeps the buffer it was sent with.
     */
    public RepeatedRead withBuffer(int bufSize) {
        return new RepeatedRead(queue, new NotificationQueue.Read(bufSize, true, read.replyTo(), read.outstanding()),
                calls, registered);
    }

    /**
     * Its reader has gone (a stream that stopped, a reader actor that ended while its queue lives on):
     * its registration leaves the kernel's calls, so that a queue read by many readers one after the
     * other keeps nothing of those gone. A read still on its way is answered by the queue if it gets
     * there; should the queue stop first, nobody answers it, as nobody is left to read the answer.
     * Releasing it again, or releasing another form of it ({@link #withBuffer}), does nothing more.
     */
    public void release() {
        calls.unregister(queue, registered);
    }

    /** Asks for the next records. */
    public void next() {
        if (read.outstanding().sent()) {
            queue.tell(read);
        } else {
            read.replyTo().tell(goneAnswer());   // the queue has stopped
        }
    }

    /**
     * Its queue has stopped: each read it never received is answered as a read of a gone queue, and
     * later reads at once. Nothing more when told again.
     */
    void queueStopped() {
        for (int unanswered = read.outstanding().queueStopped(); unanswered > 0; unanswered--) {
            read.replyTo().tell(goneAnswer());
        }
    }

    private ReadResult goneAnswer() {
        return (ReadResult) DeadLetterAnswers.goneAnswer(read);
    }

    /** The request sent for each read (for tests: one counted and never sent plays a read Pekko lost). */
    NotificationQueue.Read request() {
        return read;
    }
}
