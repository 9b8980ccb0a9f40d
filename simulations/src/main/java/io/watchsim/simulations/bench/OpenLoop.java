package io.watchsim.simulations.bench;

import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * An open-loop load: events due at a fixed rate from a start time, event {@code k} due at
 * {@code start + k / rate}, each posted when it falls due whatever the readers do (no window, no
 * waiting for reads). When the offering thread is late (it was descheduled, a collection paused
 * it), every event already due goes out at once, each still carrying its own due time: lateness
 * counts as latency, so a stall cannot hide by lowering the rate (no coordinated omission).
 * The clock and the way the thread waits are given, so that the pacing is tested on a clock the
 * test moves.
 */
final class OpenLoop {
    /** What one offer did: events posted, and how late the latest of them went out. */
    record Offered(long events, long maxLateNanos) {
    }

    private final double eventsPerSecond;
    private final LongSupplier clock;
    private final LongConsumer park;

    /**
     * @param clock now, in nanoseconds
     * @param park  waits about the given nanoseconds (may return early; the pacer checks the clock again)
     */
    OpenLoop(double eventsPerSecond, LongSupplier clock, LongConsumer park) {
        if (!(eventsPerSecond > 0) || Double.isInfinite(eventsPerSecond)) {
            throw new IllegalArgumentException("the rate must be positive and finite, found " + eventsPerSecond);
        }
        this.eventsPerSecond = eventsPerSecond;
        this.clock = clock;
        this.park = park;
    }

    /** The events of {@code nanos} at this rate: at least one. */
    long eventsIn(long nanos) {
        return Math.max(1, (long) Math.floor(nanos * eventsPerSecond / 1e9));
    }

    /** When event {@code k} of a run that started at {@code start} is due. */
    long due(long start, long k) {
        return start + Math.round(k * 1e9 / eventsPerSecond);
    }

    /**
     * Offers the events of {@code nanos} from now: {@code post} gets each event's due time, on this
     * thread, never before it is due.
     */
    Offered offer(long nanos, LongConsumer post) {
        long events = eventsIn(nanos);
        long start = clock.getAsLong();
        long maxLate = 0;
        for (long k = 0; k < events; k++) {
            long due = due(start, k);
            long now = clock.getAsLong();
            while (now < due) {
                park.accept(due - now);
                now = clock.getAsLong();
            }
            maxLate = Math.max(maxLate, now - due);
            post.accept(due);
        }
        return new Offered(events, maxLate);
    }
}
