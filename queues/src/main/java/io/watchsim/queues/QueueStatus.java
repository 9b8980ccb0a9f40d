package io.watchsim.queues;

import io.watchsim.queues.ring.QueueStatistics;

/**
 * What one can observe of a queue at one moment without reading it: FIONREAD, poll's state,
 * F_GETPIPE_SZ, and the counters.
 *
 * @param bytesQueued   FIONREAD: bytes of the queued records
 * @param readable      EPOLLIN: a record is queued
 * @param lossPending   a loss record waits for the next read
 * @param readerOpen    the read end is open
 * @param writerOpen    the write end is open
 * @param defunct       both ends closed: posts are dropped
 * @param capacity      notes the queue holds (0 until SET_SIZE)
 * @param pipeSizeBytes F_GETPIPE_SZ
 * @param parkedReads   blocking reads waiting for a record
 * @param statistics    the counters
 */
public record QueueStatus(int bytesQueued, boolean readable, boolean lossPending, boolean readerOpen,
                          boolean writerOpen, boolean defunct, int capacity, int pipeSizeBytes, int parkedReads,
                          QueueStatistics statistics) {
}
