package io.watchsim.queues.record;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Little-endian access to byte arrays: the byte order WatchSim fixes for every record. */
public final class LittleEndian {
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private LittleEndian() {
    }

    public static int getInt(byte[] b, int offset) {
        return (int) INT.get(b, offset);
    }

    public static long getLong(byte[] b, int offset) {
        return (long) LONG.get(b, offset);
    }

    public static void putInt(byte[] b, int offset, int value) {
        INT.set(b, offset, value);
    }

    public static void putLong(byte[] b, int offset, long value) {
        LONG.set(b, offset, value);
    }
}
