package io.watchsim.simulations.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How each queue of a group is read: one reader per queue.
 *
 * @param buffer the read() buffer in bytes: a read returns the whole records that fit
 * @param pace   continuous, or a number of reads per second
 * @param stalls planned pauses, in the order given
 * @param mountinfo whether the reader, on a loss record, finds what changed in the mount trees its
 *                  queue watches through the fsinfo-style query ({@code recovery = mountinfo})
 */
public record Reader(int buffer, ReadPace pace, List<Stall> stalls, boolean mountinfo) {
    /** The default buffer: one page. */
    public static final int DEFAULT_BUFFER = 4096;
    /** The smallest buffer that holds a key or removal record (16 bytes). */
    public static final int MIN_BUFFER = 16;
    /** The largest buffer a scenario may give (16 MiB). */
    public static final int MAX_BUFFER = 16 << 20;
    /** A continuous reader with a one-page buffer. */
    public static final Reader DEFAULT = new Reader(DEFAULT_BUFFER, ReadPace.CONTINUOUS, List.of());

    public Reader(int buffer, ReadPace pace, List<Stall> stalls) {
        this(buffer, pace, stalls, false);
    }

    public Reader {
        Objects.requireNonNull(pace, "pace");
        stalls = List.copyOf(stalls);
    }

    public static Reader continuous(int buffer) {
        return new Reader(buffer, ReadPace.CONTINUOUS, List.of());
    }

    public Reader withBuffer(int bytes) {
        return new Reader(bytes, pace, stalls, mountinfo);
    }

    public Reader withPace(ReadPace newPace) {
        return new Reader(buffer, newPace, stalls, mountinfo);
    }

    public Reader withPace(String rate) {
        return withPace(ReadPace.at(Rate.parse(rate)));
    }

    /** The same reader, recovering through mountinfo after a loss ({@code recovery = mountinfo}). */
    public Reader withMountinfoRecovery() {
        return new Reader(buffer, pace, stalls, true);
    }

    public Reader withStall(Stall stall) {
        List<Stall> more = new ArrayList<>(stalls);
        more.add(stall);
        return new Reader(buffer, pace, more, mountinfo);
    }
}
