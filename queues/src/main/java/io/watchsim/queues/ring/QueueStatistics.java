package io.watchsim.queues.ring;

/**
 * Counts of one queue, taken at one moment. Every post is counted once in exactly one fate:
 * {@code posted == inserted + filtered + denied + lost + droppedDefunct}.
 *
 * @param posted         records offered to the queue (meta records included)
 * @param inserted       records put into the ring
 * @param filtered       records the queue's filter rejected
 * @param denied         records the LSM post hook refused for this queue
 * @param lost           records that found the ring full (or unsized) and were marked lost
 * @param lostUnreported of {@code lost}, those that found an empty ring (before SET_SIZE): no
 *                       loss record will ever tell of them, as in Linux
 * @param droppedDefunct records posted after both ends were closed
 * @param recordsRead    records read out (loss records not included)
 * @param lossRecordsRead loss records read out
 * @param bytesRead      bytes returned by successful reads
 * @param failedReads    reads that returned an errno (EAGAIN, ENOBUFS)
 * @param queued         records in the ring now
 */
public record QueueStatistics(long posted, long inserted, long filtered, long denied, long lost,
                              long lostUnreported, long droppedDefunct, long recordsRead, long lossRecordsRead,
                              long bytesRead, long failedReads, int queued) {

    public static final QueueStatistics EMPTY = new QueueStatistics(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /** Whether every post is accounted for in exactly one fate. */
    public boolean isBalanced() {
        return posted == inserted + filtered + denied + lost + droppedDefunct;
    }
}
