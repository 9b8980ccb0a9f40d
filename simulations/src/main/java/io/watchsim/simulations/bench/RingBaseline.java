package io.watchsim.simulations.bench;

/**
 * The machine's limit: one thread writes each 16-byte record into N bounded rings and drains
 * each ring when it holds a burst, no actors, no policy, no filter.
 */
final class RingBaseline {
    /** Where the checksum goes, so that the JIT cannot drop the reads. */
    static volatile long sink;

    private RingBaseline() {
    }

    /** What one run took, and how many records it drained from the rings (events times rings). */
    record Run(long nanos, long drained) {
    }

    /** Runs {@code events} events into {@code n} rings, each drained when it holds {@code burst}. */
    static Run run(int n, long events, int burst) {
        int slots = Integer.highestOneBit(Math.max(2, burst * 2) - 1) << 1;
        byte[][] rings = new byte[n][slots * 16];
        int[] heads = new int[n];
        int[] tails = new int[n];
        byte[] record = new byte[16];
        long checksum = 0;
        long drained = 0;
        long start = System.nanoTime();
        for (long e = 0; e < events; e++) {
            record[8] = (byte) e;
            for (int q = 0; q < n; q++) {
                int h = heads[q];
                System.arraycopy(record, 0, rings[q], (h & (slots - 1)) * 16, 16);
                heads[q] = h + 1;
                if (heads[q] - tails[q] >= burst) {
                    for (int t = tails[q]; t != heads[q]; t++) {
                        checksum += rings[q][(t & (slots - 1)) * 16 + 8];
                    }
                    drained += heads[q] - tails[q];
                    tails[q] = heads[q];
                }
            }
        }
        long elapsed = System.nanoTime() - start;
        sink = checksum;
        return new Run(elapsed, drained);
    }
}
