package io.watchsim.simulations.bench;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * What the sinks of one bench shape have counted, so that a run can show that every delivery
 * was made and counted once: records per sink (a full path's reader, a relay's sink), the reads
 * (reports) that brought them, and the deliveries a sink saw out of sequence (a gap, a repeat or a reordering; relays only, whose
 * events carry sequence numbers). Each sink's slot is written by that sink alone; the bench reads
 * the tally between rounds.
 */
final class DeliveryTally {
    private final AtomicLongArray counted;
    /** Per sink, how many reads (a reader's reads, a relay sink's reports) brought its records. */
    private final AtomicLongArray reads;
    private final AtomicLong outOfSequence = new AtomicLong();

    DeliveryTally(int sinks) {
        this.counted = new AtomicLongArray(sinks);
        this.reads = new AtomicLongArray(sinks);
    }

    /** Sink {@code sink} has counted {@code records} more records, brought by one read. */
    void counted(int sink, long records) {
        counted.addAndGet(sink, records);
        reads.incrementAndGet(sink);
    }

    /** The reads every sink has made so far. */
    long reads() {
        long n = 0;
        for (int i = 0; i < reads.length(); i++) {
            n += reads.get(i);
        }
        return n;
    }

    /** The records every sink has counted so far. */
    long total() {
        long n = 0;
        for (int i = 0; i < counted.length(); i++) {
            n += counted.get(i);
        }
        return n;
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
