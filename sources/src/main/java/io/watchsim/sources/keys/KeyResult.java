package io.watchsim.sources.keys;

import io.watchsim.queues.Errno;

import java.util.Objects;

/**
 * The return of one key system call: a value (a serial, a length, 0) with, for describe, read
 * and get_security, the text or bytes the call copied out; or an errno with why.
 */
public record KeyResult(long value, Errno errno, String detail, byte[] data) {
    private static final byte[] NONE = new byte[0];

    public KeyResult {
        Objects.requireNonNull(detail);
        data = data == null ? NONE : data;
    }

    public static KeyResult ok(long value) {
        return new KeyResult(value, null, "", null);
    }

    public static KeyResult withData(long value, byte[] data) {
        return new KeyResult(value, null, "", data);
    }

    public static KeyResult fail(Errno errno, String detail) {
        return new KeyResult(-1, errno, detail, null);
    }

    public boolean isOk() {
        return errno == null;
    }
}
