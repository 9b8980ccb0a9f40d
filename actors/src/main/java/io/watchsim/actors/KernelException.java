package io.watchsim.actors;

import io.watchsim.queues.Errno;
import io.watchsim.queues.ErrnoException;

/** A kernel call that failed before reaching an actor (no such object or queue). */
public final class KernelException extends RuntimeException {
    private final Errno errno;

    public KernelException(Errno errno, String message) {
        super(errno.name() + ": " + message, null, false, false);
        this.errno = errno;
    }

    public Errno errno() {
        return errno;
    }

    public ErrnoException asErrno() {
        return new ErrnoException(errno, getMessage());
    }
}
