package io.watchsim.queues;

/** The two ends of a pipe: the read end and the write end. Either identifies the queue. */
public enum PipeEnd {
    READ,
    WRITE
}
