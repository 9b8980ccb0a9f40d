package io.watchsim.sources.keys;

import io.watchsim.queues.Errno;

/** A key system call that fails with an errno; thrown inside {@link KeyTable}, turned into a result. */
final class KeyError extends RuntimeException {
    final Errno errno;

    KeyError(Errno errno, String detail) {
        super(detail, null, false, false);
        this.errno = errno;
    }
}
