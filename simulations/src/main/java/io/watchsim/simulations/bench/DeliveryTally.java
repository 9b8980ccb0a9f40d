package io.watchsim.simulations.bench;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * What the sinks of one bench shape have counted, so that a run can show that every delivery
 * was made and counted once: records per sink (a full path's reader, a relay's sink), and the
 * deliveries a sink saw out of sequence (a gap, a repeat or a reordering; relays only, whose
 * events carry sequence numbers). Each sink's slot is written by that sink alone; the bench reads
 * the tally between rounds.
 */
final class DeliveryTally {
    private final AtomicLongArray counted;
    private final AtomicLong outOfSequence = new AtomicLong();

    DeliveryTally(int sinks) {
        this.counted = new AtomicLongArray(sinks);
    }

    /** Sink {@code sink} has counted {@code records} more records. */
    void counted(int sink, long records) {
        counted.addAndGet(sink, records);
    }

    /** A sink was handed records that did not follow the last ones it had. */
    void outOfSequence() {
        outOfSequence.incrementAndGet();
    }

    int sinks() {
        return counted.length();
    }

    /** What sink {@code sink} has counted so far. */
    long counted(int sink) {
        return counted.get(sink);
    }

    long outOfSequenceCount() {
        return outOfSequence.get();
    }

    /** What each sink has counted so far. */
    long[] snapshot() {
        long[] s = new long[counted.length()];
        for (int i = 0; i < s.length; i++) {
            s[i] = counted.get(i);
        }
        return s;
    }
}
