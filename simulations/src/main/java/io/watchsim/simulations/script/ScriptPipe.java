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

    /** F_GETPIPE_SZ: max_usage pages in bytes (a long, as pipe_fcntl() returns it). */
    long pipeSizeBytes();

    /**
     * F_SETPIPE_SZ with the fcntl's whole argument, by a caller with or without CAP_SYS_RESOURCE
     * and counted as unprivileged ({@code pipe_is_unprivileged_user()}: neither CAP_SYS_RESOURCE
     * nor CAP_SYS_ADMIN) or not.
     */
    SysResult setPipeSize(long arg, boolean capSysResource, boolean unprivileged);

    /** IOC_WATCH_QUEUE_SET_SIZE with the ioctl's argument as an unsigned int. */
    SysResult setQueueSize(long notes, boolean unprivileged);

    SysResult setFilter(FilterRequest request);

    /** write() on the write end. */
    SysResult write(byte[] data);

    void close(PipeEnd end);

    boolean isOpen(PipeEnd end);
}
