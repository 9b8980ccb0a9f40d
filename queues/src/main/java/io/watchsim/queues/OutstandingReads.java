package io.watchsim.queues;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The blocking reads one reader keeps sending to one queue (a reader actor's repeated read()),
 * counted from the moment each is sent until whoever answers it takes it: the queue as it receives
 * it; or, for a read the queue never received, whoever learns first that the queue has stopped,
 * which is the kernel told by the queue at the end of its {@code PostStop} ({@link QueueCallers},
 * {@link #queueStopped}) or the kernel's answerer of dead letters should the read reach them
 * ({@link #takeUnanswered}). Each read is taken once, so it is answered once, even when Pekko lost it
 * on its way to the dead letters. Once the queue has stopped no read is counted any more: {@link #sent}
 * refuses it, and the reader answers it itself as a read of a gone queue.
 *
 * <p>Concurrency contract: thread-safe and lock-free; each step is one atomic update of one counter,
 * uncontended but for the queue's end. The reader sends on its thread, the queue receives on its
 * own, the dead letters are answered on their answerer's. The reads are all the same request, so
 * which of them a step takes does not matter, only how many are left.
 */
public final class OutstandingReads {
    /** The queue has stopped (the sign bit); the other bits count the reads sent and not yet taken. */
    private static final int STOPPED = Integer.MIN_VALUE;
    private static final int COUNT = Integer.MAX_VALUE;

    private final AtomicInteger state = new AtomicInteger();

    /**
     * A read is about to be sent (before it is sent, so that whoever finds it unanswered knows of
     * it). False when the queue has stopped: the read is not to be sent, and the reader is owed the
     * answer to a read of a gone queue.
     */
    public boolean sent() {
        for (;;) {
            int s = state.get();
            if (s < 0) {
                return false;
            }
            if (state.compareAndSet(s, s + 1)) {
                return true;
            }
        }
    }

    /** The queue received a read, on its own thread: it answers it. */
    void received() {
        takeOne();
    }

    /**
     * A read reached the dead letters (the queue never received it): true when the caller is to answer
     * it, false when the queue's end already did.
     */
    public boolean takeUnanswered() {
        return takeOne();
    }

    /**
     * The queue has stopped: how many reads it never received, which the caller is to answer as reads of
     * a gone queue. From now on no read is sent. Zero when told a second time.
     */
    public int queueStopped() {
        return state.getAndSet(STOPPED) & COUNT;
    }

    /** How many reads are counted now (for tests). */
    int counted() {
        return state.get() & COUNT;
    }

    private boolean takeOne() {
        for (;;) {
            int s = state.get();
            if ((s & COUNT) == 0) {
                return false;
            }
            if (state.compareAndSet(s, s - 1)) {
                return true;
            }
        }
    }
}
