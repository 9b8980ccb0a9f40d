package io.watchsim.queues.record;

/**
 * The fields of a record read in place, in a buffer a read() filled, without copying it into a
 * {@link Notification}: for readers that look at every record they read (the runner's counting).
 * {@code off} is where the record starts; nothing is checked that {@link Notification#decode} checks.
 */
public final class RecordBytes {
    private RecordBytes() {
    }

    /** The record's length in bytes, header included (the info word's length bits). */
    public static int length(byte[] buf, int off) {
        return WatchNotification.lengthOf(LittleEndian.getInt(buf, off + 4));
    }

    public static int type(byte[] buf, int off) {
        return LittleEndian.getInt(buf, off) & WatchNotification.MAX_TYPE;
    }

    public static int subtype(byte[] buf, int off) {
        return buf[off + 3] & 0xFF;
    }

    /** The 32-bit word {@code at} bytes into the record. */
    public static int u32(byte[] buf, int off, int at) {
        return LittleEndian.getInt(buf, off + at);
    }

    /** The 64-bit word {@code at} bytes into the record. */
    public static long u64(byte[] buf, int off, int at) {
        return LittleEndian.getLong(buf, off + at);
    }
}
