package io.watchsim.queues.record;

import io.watchsim.queues.Errno;
import io.watchsim.queues.ErrnoException;

import java.util.Arrays;

/**
 * One notification record, encoded exactly as the kernel lays it out (little-endian,
 * docs/KERNEL-BEHAVIOUR.md, "Records"). Immutable: one instance is shared by every watch and queue an event fans out
 * to; the per-watch tag is kept beside it by whoever stores it, never written into it.
 *
 * <p>The tag bits of {@link #info()} are whatever the creator put there (usually 0); a queue
 * stores the effective info word of each entry itself.
 */
public final class Notification {
    private final byte[] bytes;

    private Notification(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Starts a record of {@code length} bytes (8..127) with the header filled in. */
    public static Builder builder(int type, int subtype, int length) {
        return new Builder(type, subtype, length);
    }

    /**
     * Parses one record from raw bytes (as user space would hand them in): the length comes from
     * the info word and must be 8..127 and no longer than what is given.
     */
    public static Notification decode(byte[] src, int offset, int available) {
        if (available < WatchNotification.HEADER_SIZE) {
            throw new ErrnoException(Errno.EINVAL, "record at offset " + offset + " has " + available
                    + " bytes; a record needs at least " + WatchNotification.HEADER_SIZE);
        }
        int info = LittleEndian.getInt(src, offset + 4);
        int len = WatchNotification.lengthOf(info);
        checkLength(len);
        if (len > available) {
            throw new ErrnoException(Errno.EINVAL, "record at offset " + offset + " says length " + len
                    + " but only " + available + " bytes remain");
        }
        return new Notification(Arrays.copyOfRange(src, offset, offset + len));
    }

    /**
     * A record with header fields and 32-bit payload words, as a watch with no tag would post it:
     * info = length | typeInfoFlags (bits 16..31).
     */
    public static Notification ofWords(int type, int subtype, int typeInfoFlags, int... words) {
        Builder b = builder(type, subtype, WatchNotification.HEADER_SIZE + 4 * words.length).flags(typeInfoFlags);
        for (int i = 0; i < words.length; i++) {
            b.putInt(WatchNotification.HEADER_SIZE + 4 * i, words[i]);
        }
        return b.build();
    }

    static void checkLength(int len) {
        if (len < WatchNotification.MIN_LENGTH || len > WatchNotification.MAX_LENGTH) {
            throw new ErrnoException(Errno.EINVAL, "record length " + len + " is out of range; allowed "
                    + WatchNotification.MIN_LENGTH + ".." + WatchNotification.MAX_LENGTH + " bytes");
        }
    }

    public int type() {
        return LittleEndian.getInt(bytes, 0) & WatchNotification.MAX_TYPE;
    }

    public int subtype() {
        return bytes[3] & 0xFF;
    }

    public int info() {
        return LittleEndian.getInt(bytes, 4);
    }

    /** The record's length in bytes, header included. */
    public int length() {
        return bytes.length;
    }

    public int u32(int offset) {
        return LittleEndian.getInt(bytes, offset);
    }

    public long u64(int offset) {
        return LittleEndian.getLong(bytes, offset);
    }

    /** A copy of the record as it would appear with {@code info} as its info word. */
    public byte[] toBytes(int info) {
        byte[] copy = bytes.clone();
        LittleEndian.putInt(copy, 4, info);
        return copy;
    }

    public byte[] toBytes() {
        return bytes.clone();
    }

    /** Copies the record into {@code dst} at {@code offset}, with {@code info} as its info word. */
    public void copyTo(byte[] dst, int offset, int info) {
        System.arraycopy(bytes, 0, dst, offset, bytes.length);
        LittleEndian.putInt(dst, offset + 4, info);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Notification other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "Notification[type=" + type() + " subtype=" + subtype() + " info=0x"
                + String.format("%08x", info()) + " len=" + length() + "]";
    }

    /** Fills in a record; the header is written at {@link #build()}. */
    public static final class Builder {
        private final byte[] bytes;
        private final int type;
        private final int subtype;
        private int flags;

        private Builder(int type, int subtype, int length) {
            checkLength(length);
            if (type < 0 || type > WatchNotification.MAX_TYPE) {
                throw new ErrnoException(Errno.EINVAL, "type " + type + " is out of range; allowed 0.."
                        + WatchNotification.MAX_TYPE);
            }
            if (subtype < 0 || subtype > WatchNotification.MAX_SUBTYPE) {
                throw new ErrnoException(Errno.EINVAL, "subtype " + subtype + " is out of range; allowed 0.."
                        + WatchNotification.MAX_SUBTYPE);
            }
            this.bytes = new byte[length];
            this.type = type;
            this.subtype = subtype;
        }

        /** Type-specific info bits (16..31). */
        public Builder flags(int typeInfoFlags) {
            if ((typeInfoFlags & ~WatchNotification.WATCH_INFO_TYPE_INFO) != 0) {
                throw new ErrnoException(Errno.EINVAL, String.format(
                        "type info flags 0x%08x touch bits outside 0xffff0000", typeInfoFlags));
            }
            this.flags = typeInfoFlags;
            return this;
        }

        public Builder putInt(int offset, int value) {
            checkPayload(offset, 4);
            LittleEndian.putInt(bytes, offset, value);
            return this;
        }

        public Builder putLong(int offset, long value) {
            checkPayload(offset, 8);
            LittleEndian.putLong(bytes, offset, value);
            return this;
        }

        private void checkPayload(int offset, int size) {
            if (offset < WatchNotification.HEADER_SIZE || offset + size > bytes.length) {
                throw new IllegalArgumentException("field at " + offset + "+" + size
                        + " lies outside the payload of a " + bytes.length + "-byte record");
            }
        }

        public Notification build() {
            LittleEndian.putInt(bytes, 0, type | (subtype << 24));
            LittleEndian.putInt(bytes, 4, bytes.length | flags);
            return new Notification(bytes);
        }
    }
}
