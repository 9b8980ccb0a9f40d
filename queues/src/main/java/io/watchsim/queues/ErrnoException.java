package io.watchsim.queues;

import java.util.Objects;

/**
 * A refusal the kernel would report with an errno. The message names the value at fault and
 * what is allowed, so that it can be shown to a user as it is.
 */
public final class ErrnoException extends RuntimeException {
    private final Errno errno;

    public ErrnoException(Errno errno, String message) {
        super(errno.name() + ": " + message, null, false, false);
        this.errno = Objects.requireNonNull(errno);
    }

    public Errno errno() {
        return errno;
    }

    /** The message without the errno name in front. */
    public String detail() {
        String m = getMessage();
        return m.substring(errno.name().length() + 2);
    }
}
