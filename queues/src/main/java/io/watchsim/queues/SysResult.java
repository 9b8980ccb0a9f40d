package io.watchsim.queues;

import java.util.Objects;

/**
 * The outcome of one simulated system call: a non-negative return value, or an errno with a
 * message that names the value at fault. Immutable; used as the reply of request messages.
 *
 * @param value  the return value when {@code errno} is null
 * @param errno  the error, or null on success
 * @param detail why the call failed (empty on success)
 */
public record SysResult(long value, Errno errno, String detail) {
    private static final SysResult ZERO = new SysResult(0, null, "");

    public SysResult {
        Objects.requireNonNull(detail);
    }

    public static SysResult ok() {
        return ZERO;
    }

    public static SysResult ok(long value) {
        return value == 0 ? ZERO : new SysResult(value, null, "");
    }

    public static SysResult fail(Errno errno, String detail) {
        return new SysResult(-1, Objects.requireNonNull(errno), detail);
    }

    public static SysResult of(ErrnoException e) {
        return fail(e.errno(), e.detail());
    }

    public boolean isOk() {
        return errno == null;
    }

    /** The value, or throws the error as an {@link ErrnoException}. */
    public long orThrow() {
        if (errno != null) {
            throw new ErrnoException(errno, detail);
        }
        return value;
    }

    @Override
    public String toString() {
        return isOk() ? "= " + value : "= -1 " + errno.display() + (detail.isEmpty() ? "" : " [" + detail + "]");
    }
}
