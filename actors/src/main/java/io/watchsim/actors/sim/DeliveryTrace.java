package io.watchsim.actors.sim;

import org.apache.pekko.dispatch.AbstractNodeQueue;
import org.apache.pekko.dispatch.Envelope;
import org.apache.pekko.dispatch.Mailbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;

/**
 * The last deliveries of a deterministic run, for {@code --trace}: which actor got which message at which step
 * and virtual time. A bounded ring: it keeps the newest {@code capacity} steps; messages are kept as they are
 * (they are immutable) and written out only when the trace is printed.
 */
public final class DeliveryTrace implements SimLoop.StepListener {
    /** One step: a mailbox that ran one message (or only system messages), or another task. */
    public record Delivery(long step, long nanos, String receiver, Object message) {
        @Override
        public String toString() {
            return String.format("step %d at %.6f s: %s <- %s", step, nanos / 1e9, receiver,
                    message == null ? "(system messages)" : message);
        }
    }

    private final Delivery[] ring;
    private long count;

    public DeliveryTrace(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a trace keeps at least one step, not " + capacity);
        }
        this.ring = new Delivery[capacity];
    }

    @Override
    public void beforeStep(long step, long nanos, String key, Runnable task) {
        ring[(int) (count++ % ring.length)] = new Delivery(step, nanos, key, nextMessage(task));
    }

    /** The steps kept, oldest first. */
    public List<Delivery> deliveries() {
        List<Delivery> out = new ArrayList<>();
        long from = Math.max(0, count - ring.length);
        for (long i = from; i < count; i++) {
            out.add(ring[(int) (i % ring.length)]);
        }
        return out;
    }

    /** The message a mailbox is about to run (the head of its queue), or the task itself for any other task. */
    static Object nextMessage(Runnable task) {
        if (task instanceof Mailbox mailbox) {
            Object head = null;
            Object queue = mailbox.messageQueue();
            if (queue instanceof Queue<?> q) {
                head = q.peek();
            } else if (queue instanceof AbstractNodeQueue<?> q) {
                head = q.peek();
            }
            return head instanceof Envelope e ? e.message() : null;
        }
        return task.getClass().getSimpleName();
    }
}
