package io.watchsim.queues;

import io.watchsim.queues.record.Notification;
import io.watchsim.queues.ring.ReadResult;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.stream.Attributes;
import org.apache.pekko.stream.Outlet;
import org.apache.pekko.stream.SourceShape;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.stream.stage.AbstractOutHandler;
import org.apache.pekko.stream.stage.GraphStage;
import org.apache.pekko.stream.stage.GraphStageLogic;
import scala.runtime.BoxedUnit;

import java.util.ArrayDeque;
import java.util.Objects;
import java.util.function.Function;

/**
 * A reader of one queue as a Pekko Streams {@link Source} of records, in ring order with the
 * loss record in its place. It reads only on demand (one blocking read of {@code bufSize} bytes
 * at a time), completes when the queue reads EOF (write end closed and drained), and fails with
 * an {@link ErrnoException} on any other error, e.g. ENOBUFS when a record exceeds
 * {@code bufSize}. On cancellation it withdraws its parked read, so no record is taken from the
 * queue without being handed on.
 *
 * <p>Who sends each read is its maker's choice ({@link #create(ActorRef, int, Function)}): the kernel
 * gives the stage a repeated read of its own, whose reads are answered (EBADF) even when the queue stops
 * with one on its way, so that the stream fails rather than waits, and which the stage releases as it
 * stops (completed, failed or cancelled), so that a queue read by many streams one after the other
 * keeps nothing of those gone.
 */
public final class NotificationQueueSource extends GraphStage<SourceShape<Notification>> {
    private final ActorRef<NotificationQueue.Command> queue;
    private final int bufSize;
    /** Given the stage's reply address, what sends its next blocking read. */
    private final Function<ActorRef<ReadResult>, Reads> reads;
    private final Outlet<Notification> out = Outlet.create("NotificationQueueSource.out");

    /** What sends the stage's blocking reads, one at a time, and what the stage lets go of as it stops. */
    @FunctionalInterface
    public interface Reads {
        /** Sends the next blocking read. */
        void next();

        /** The stage has stopped and reads no more (called once; nothing by default). */
        default void release() {
        }
    }

    private NotificationQueueSource(ActorRef<NotificationQueue.Command> queue, int bufSize,
                                    Function<ActorRef<ReadResult>, Reads> reads) {
        this.queue = queue;
        this.bufSize = bufSize;
        this.reads = reads;
    }

    /** The records of {@code queue}, read {@code bufSize} bytes at a time (4096 as in the sample). */
    public static Source<Notification, NotUsed> create(ActorRef<NotificationQueue.Command> queue, int bufSize) {
        return create(queue, bufSize, self -> {
            NotificationQueue.Read read = new NotificationQueue.Read(bufSize, true, self);
            return () -> queue.tell(read);
        });
    }

    /**
     * The same, each blocking read of {@code bufSize} bytes sent by what {@code reads} makes of the
     * stage's reply address (called once, as the stage starts), and released as the stage stops.
     */
    public static Source<Notification, NotUsed> create(ActorRef<NotificationQueue.Command> queue, int bufSize,
                                                       Function<ActorRef<ReadResult>, Reads> reads) {
        if (bufSize <= 0) {
            throw new IllegalArgumentException("bufSize " + bufSize + " must be positive");
        }
        return Source.fromGraph(new NotificationQueueSource(queue, bufSize, Objects.requireNonNull(reads)));
    }

    @Override
    public SourceShape<Notification> shape() {
        return SourceShape.of(out);
    }

    @Override
    public GraphStageLogic createLogic(Attributes inheritedAttributes) {
        return new GraphStageLogic(shape()) {
            private final ArrayDeque<Notification> buffered = new ArrayDeque<>();
            private ActorRef<ReadResult> self;
            private Reads nextRead;
            private boolean reading;

            {
                setHandler(out, new AbstractOutHandler() {
                    @Override
                    public void onPull() {
                        if (!buffered.isEmpty()) {
                            push(out, buffered.poll());
                        } else if (!reading) {
                            reading = true;
                            nextRead.next();
                        }
                    }
                });
            }

            @Override
            public void preStart() {
                self = Adapter.toTyped(getStageActor(msg -> {
                    onReadResult((ReadResult) msg._2());
                    return BoxedUnit.UNIT;
                }).ref());
                nextRead = reads.apply(self);
            }

            private void onReadResult(ReadResult result) {
                reading = false;
                if (result.isEof()) {
                    completeStage();
                    return;
                }
                if (result.isError()) {
                    failStage(new ErrnoException(result.errno(), "read(" + bufSize + ") on the queue failed"));
                    return;
                }
                byte[] data = result.data();
                for (int off = 0; off < data.length; ) {
                    Notification n = Notification.decode(data, off, data.length - off);
                    buffered.add(n);
                    off += n.length();
                }
                if (isAvailable(out) && !buffered.isEmpty()) {
                    push(out, buffered.poll());
                }
            }

            @Override
            public void postStop() {
                if (reading && self != null) {
                    queue.tell(new NotificationQueue.CancelRead(self));
                }
                if (nextRead != null) {
                    nextRead.release();
                }
            }
        };
    }
}
