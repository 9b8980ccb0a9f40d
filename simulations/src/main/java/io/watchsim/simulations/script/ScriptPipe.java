package io.watchsim.simulations.script;

import io.watchsim.queues.PipeEnd;
import io.watchsim.queues.SysResult;
import io.watchsim.queues.ring.FilterRequest;
import io.watchsim.queues.ring.ReadResult;

/**
 * One pipe of the script's process, seen through the system calls a script makes on it. An
 * ordinary pipe is modelled in place; a notification pipe is a {@code NotificationQueue} actor.
 * Every call is non-blocking, as the script's descriptors are.
 */
interface ScriptPipe {
    ReadResult read(int bufSize);

    /** FIONREAD. */
    int bytesQueued();

    /** The poll mask of one end, before masking with the requested events (pipe_poll). */
    int pollMask(PipeEnd end);

    /** F_GETPIPE_SZ. */
    int pipeSizeBytes();

    /** F_SETPIPE_SZ. */
    SysResult setPipeSize(int size, boolean privileged);

    SysResult setQueueSize(long notes);

    SysResult setFilter(FilterRequest request);

    /** write() on the write end. */
    SysResult write(byte[] data);

    void close(PipeEnd end);

    boolean isOpen(PipeEnd end);
}
