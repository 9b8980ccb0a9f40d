package io.watchsim.actors.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The loop's timers on its virtual clock: due first, then in the order they were set. Single-threaded
 * (the loop's thread only).
 */
final class VirtualTimers {
    /** One timer; periodic ones ({@code period > 0}) are set again after each firing, at a fixed rate. */
    final class Timer implements org.apache.pekko.actor.Cancellable {
        private final Runnable task;
        private final long period;
        private long due;
        private long seq;
        private boolean cancelled;

        private Timer(Runnable task, long due, long period) {
            this.task = task;
            this.due = due;
            this.period = period;
            this.seq = next++;
        }

        @Override
        public boolean cancel() {
            if (cancelled) {
                return false;
            }
            cancelled = true;
            return true;
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }
    }

    private final PriorityQueue<Timer> queue = new PriorityQueue<>((a, b) ->
            a.due != b.due ? Long.compare(a.due, b.due) : Long.compare(a.seq, b.seq));
    private long next;

    Timer add(Runnable task, long due, long period) {
        Timer t = new Timer(task, due, period);
        queue.add(t);
        return t;
    }

    /** When the next live timer is due; {@link Long#MAX_VALUE} if none. */
    long nextDue() {
        dropCancelled();
        Timer t = queue.peek();
        return t == null ? Long.MAX_VALUE : t.due;
    }

    /** Takes every live timer due at or before {@code now}, in order, setting periodic ones again; their tasks. */
    List<Runnable> takeDue(long now) {
        List<Runnable> due = new ArrayList<>();
        dropCancelled();
        while (!queue.isEmpty() && queue.peek().due <= now) {
            Timer t = queue.poll();
            if (!t.cancelled) {
                due.add(t.task);
                if (t.period > 0) {
                    t.due += t.period;
                    t.seq = next++;
                    queue.add(t);
                }
            }
            dropCancelled();
        }
        return due;
    }

    /** Takes every live timer, due or not (the scheduler is closing and must run them all). */
    List<Runnable> takeAll() {
        List<Runnable> all = new ArrayList<>();
        while (!queue.isEmpty()) {
            Timer t = queue.poll();
            if (!t.cancelled) {
                all.add(t.task);
            }
        }
        return all;
    }

    int size() {
        dropCancelled();
        return queue.size();
    }

    private void dropCancelled() {
        while (!queue.isEmpty() && queue.peek().cancelled) {
            queue.poll();
        }
    }
}
