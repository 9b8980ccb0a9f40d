package io.watchsim.queues;

import java.util.Objects;

/**
 * The outcome of one simulated system call, the one result type of every kernel call: a
 * non-negative return value (with, for calls that copy bytes out such as KEYCTL_DESCRIBE,
 * KEYCTL_READ and KEYCTL_GET_SECURITY, those bytes), or an errno with a message that names the
 * value at fault. Immutable; used as the reply of request messages. A failure of the simulation
 * itself is never a SysResult: it fails the caller's stage with a {@code KernelFault}.
 *
 * @param value  the return value when {@code errno} is null
 * @param errno  the error, or null on success
 * @param detail why the call failed (empty on success)
 * @param data   the bytes the call copied out (empty when none); shared, never to be changed
 */
public record SysResult(long value, Errno errno, String detail, byte[] data) {
    private static final byte[] NONE = new byte[0];
    private static final SysResult ZERO = new SysResult(0, null, "", NONE);

    public SysResult {
        Objects.requireNonNull(detail);
        data = data == null ? NONE : data;
    }

    public static SysResult ok() {
        return ZERO;
    }

    public static SysResult ok(long value) {
        return value == 0 ? ZERO : new SysResult(value, null, "", NONE);
    }

    /** A success that copied {@code data} out (the array is kept, not copied). */
    public static SysResult withData(long value, byte[] data) {
        return new SysResult(value, null, "", data);
    }

    public static SysResult fail(Errno errno, String detail) {
        return new SysResult(-1, Objects.requireNonNull(errno), detail, NONE);
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
        return isOk() ? "= " + value + (data.length == 0 ? "" : " (" + data.length + " bytes)")
                : "= -1 " + errno.display() + (detail.isEmpty() ? "" : " [" + detail + "]");
    }
}
