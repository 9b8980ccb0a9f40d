package io.watchsim.actors.sim;

import org.apache.pekko.dispatch.AbstractNodeQueue;
import org.apache.pekko.dispatch.Envelope;
import org.apache.pekko.dispatch.Mailbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.function.BooleanSupplier;

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
    private final int afterTrigger;
    private long count;
    private BooleanSupplier trigger = () -> false;
    private List<Delivery> before;
    private final List<Delivery> after = new ArrayList<>();

    /** A trace of the last {@code capacity} deliveries of the run. */
    public DeliveryTrace(int capacity) {
        this(capacity, 0);
    }

    /**
     * A trace that, once its {@linkplain #freezeWhen trigger} holds, keeps the {@code capacity} deliveries up
     * to that point and the {@code afterTrigger} after it, and records nothing more.
     */
    public DeliveryTrace(int capacity, int afterTrigger) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a trace keeps at least one step, not " + capacity);
        }
        this.ring = new Delivery[capacity];
        this.afterTrigger = afterTrigger;
    }

    /** Freezes the trace at the first step before which {@code condition} holds (a violation was found). */
    public void freezeWhen(BooleanSupplier condition) {
        this.trigger = condition;
    }

    /** Whether the trigger fired. */
    public boolean frozen() {
        return before != null;
    }

    @Override
    public void beforeStep(long step, long nanos, String key, Runnable task) {
        if (before == null && trigger.getAsBoolean()) {
            before = deliveries();
        }
        if (before != null) {
            if (after.size() < afterTrigger) {
                after.add(new Delivery(step, nanos, receiver(key, task), nextMessage(task)));
            }
            return;
        }
        ring[(int) (count++ % ring.length)] = new Delivery(step, nanos, receiver(key, task), nextMessage(task));
    }

    /** The deliveries kept after the trigger fired (empty before it). */
    public List<Delivery> afterTrigger() {
        return List.copyOf(after);
    }

    /** The steps kept up to the trigger (or up to now, when it has not fired), oldest first. */
    public List<Delivery> deliveries() {
        if (before != null) {
            return before;
        }
        List<Delivery> out = new ArrayList<>();
        long from = Math.max(0, count - ring.length);
        for (long i = from; i < count; i++) {
            out.add(ring[(int) (i % ring.length)]);
        }
        return out;
    }

    /** Who runs: a mailbox's actor by its path as it is, any other task by its name. */
    private static String receiver(String key, Runnable task) {
        return task instanceof Mailbox m && m.actor() != null ? m.actor().self().path().toStringWithoutAddress() : key;
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
