package io.watchsim.simulations.bench;

/**
 * The flow control every benchmark shape shares, so that they are compared on equal terms:
 * events go out in bursts of {@code burst}; a new burst goes out only while fewer than
 * {@code window} bursts are unconsumed by the slowest sink, so no queue ever holds more than
 * {@code burst * window} records; the run ends when every sink has consumed every burst.
 * Sinks report what they consumed since their last report. Single-threaded (owned by the
 * sending actor).
 */
final class BurstPacer {
    private final int burst;
    private final int window;
    private final int sinks;
    private final long bursts;
    private final long[] reported;
    /** Per burst in the window: how many sinks have consumed it. */
    private final int[] completions;
    private long sent;
    private long fullyConsumed;

    BurstPacer(long events, int burst, int window, int sinks) {
        if (events % burst != 0) {
            throw new IllegalArgumentException("events " + events + " must be a multiple of the burst " + burst);
        }
        this.burst = burst;
        this.window = window;
        this.sinks = sinks;
        this.bursts = events / burst;
        this.reported = new long[sinks];
        this.completions = new int[window + 1];
    }

    /** Whether another burst may go out now (and counts it as sent). */
    boolean sendNext() {
        if (sent >= bursts || sent - fullyConsumed >= window) {
            return false;
        }
        sent++;
        return true;
    }

    /** Sink {@code sink} has consumed {@code records} more records. */
    void consumed(int sink, long records) {
        long from = reported[sink] / burst;
        reported[sink] += records;
        long to = reported[sink] / burst;
        for (long b = from; b < to; b++) {
            completions[(int) (b % completions.length)]++;
        }
        while (fullyConsumed < sent && completions[(int) (fullyConsumed % completions.length)] == sinks) {
            completions[(int) (fullyConsumed % completions.length)] = 0;
            fullyConsumed++;
        }
    }

    boolean done() {
        return fullyConsumed == bursts;
    }
}
