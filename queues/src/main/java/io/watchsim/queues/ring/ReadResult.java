package io.watchsim.queues.ring;

import io.watchsim.queues.Errno;
import io.watchsim.queues.Provenance;

import java.util.Objects;

/**
 * The outcome of one read() on a notification pipe: the bytes returned (whole records, back to
 * back, the loss record in its place), or an errno. A byte count of 0 without an errno is EOF.
 *
 * @param data    the bytes read; empty on error or EOF
 * @param records how many records (the loss record included) the bytes hold
 * @param errno   ENOBUFS, EAGAIN, ... or null
 * @param origins where each record came from, by its index among {@code records} (null for a loss
 *                record or a record posted without one); null when no record of the read has one.
 *                Kernel bookkeeping for latency and histories, not part of what read() returns
 */
public record ReadResult(byte[] data, int records, Errno errno, Provenance[] origins) {
    private static final byte[] NONE = new byte[0];
    public static final ReadResult EOF = new ReadResult(NONE, 0, null);
    public static final ReadResult AGAIN = new ReadResult(NONE, 0, Errno.EAGAIN);
    public static final ReadResult NO_BUFFER_SPACE = new ReadResult(NONE, 0, Errno.ENOBUFS);

    public ReadResult {
        Objects.requireNonNull(data);
        if (origins != null && origins.length != records) {
            throw new IllegalArgumentException(origins.length + " origins for " + records + " records");
        }
    }

    /** A result whose records carry no provenance. */
    public ReadResult(byte[] data, int records, Errno errno) {
        this(data, records, errno, null);
    }

    /** Where record {@code index} of this read came from, or null (a loss record, or none known). */
    public Provenance origin(int index) {
        return origins == null ? null : origins[index];
    }

    public static ReadResult error(Errno errno) {
        return switch (errno) {
            case EAGAIN -> AGAIN;
            case ENOBUFS -> NO_BUFFER_SPACE;
            default -> new ReadResult(NONE, 0, errno, null);
        };
    }

    /** The read() return value: the byte count, or -1 with {@link #errno()}. */
    public int value() {
        return errno == null ? data.length : -1;
    }

    public boolean isError() {
        return errno != null;
    }

    public boolean isEof() {
        return errno == null && data.length == 0;
    }
}
