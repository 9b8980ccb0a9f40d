package io.watchsim.simulations.bench;

import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The collector's stop-the-world pauses during a process's measurements, from a JFR recording of
 * {@code jdk.GCPhasePause} alone (one event per pause, at nanosecond precision: a G1 young or
 * mixed pause, a remark or cleanup; ZGC's mark-start, mark-end and relocate-start pauses; not
 * ZGC's concurrent phases, which do not stop the application). The management beans' collection
 * notifications were not used: they count milliseconds, and ZGC's pauses are tens of microseconds.
 * ZGC's allocation stalls ({@code jdk.ZAllocationStall}: a thread waiting for the concurrent
 * collector to free memory) are recorded too and summed apart: they stop one thread, not all.
 * Start it before the first window, {@link #finish()} it after the last; then each window's
 * pauses are those that began within it.
 */
final class GcPauses implements AutoCloseable {
    /** One pause, or (stall) one thread's wait for memory the collector had not freed yet: when it began, how long it lasted. */
    record Pause(Instant start, long nanos, boolean stall) {
        Pause(Instant start, long nanos) {
            this(start, nanos, false);
        }
    }

    /** The pauses that began in one window: how many, their sum and the longest, in nanoseconds. */
    record Summary(long count, long totalNanos, long maxNanos) {
        static final Summary NONE = new Summary(0, 0, 0);

        /** Both windows' pauses together. */
        Summary plus(Summary o) {
            return new Summary(count + o.count, totalNanos + o.totalNanos, Math.max(maxNanos, o.maxNanos));
        }
    }

    private static final String PAUSE = "jdk.GCPhasePause";
    /** ZGC's allocation stall: a thread that allocates faster than the concurrent collector frees waits. */
    private static final String STALL = "jdk.ZAllocationStall";

    private final Recording recording = new Recording();
    private List<Pause> pauses;

    GcPauses() {
        recording.enable(PAUSE).withThreshold(Duration.ZERO);
        recording.enable(STALL).withThreshold(Duration.ZERO);
        recording.setToDisk(true);
        recording.start();
    }

    /** Ends the recording and reads its pauses. */
    List<Pause> finish() {
        if (pauses != null) {
            return pauses;
        }
        try {
            recording.stop();
            Path file = Files.createTempFile("watchsim-gc-pauses", ".jfr");
            try {
                recording.dump(file);
                List<Pause> found = new ArrayList<>();
                for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
                    found.add(new Pause(e.getStartTime(), e.getDuration().toNanos(),
                            STALL.equals(e.getEventType().getName())));
                }
                pauses = List.copyOf(found);
                return pauses;
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading the collector's pauses from the JFR recording", e);
        } finally {
            recording.close();
        }
    }

    /** The pauses (not stalls) of {@code pauses} that began at or after {@code from} and before {@code to}. */
    static Summary within(List<Pause> pauses, Instant from, Instant to) {
        return within(pauses, false, from, to);
    }

    /** The same of the pauses ({@code stalls} false) or of the allocation stalls (true). */
    static Summary within(List<Pause> pauses, boolean stalls, Instant from, Instant to) {
        long count = 0;
        long total = 0;
        long max = 0;
        for (Pause p : pauses) {
            if (p.stall() == stalls && !p.start().isBefore(from) && p.start().isBefore(to)) {
                count++;
                total += p.nanos();
                max = Math.max(max, p.nanos());
            }
        }
        return new Summary(count, total, max);
    }

    @Override
    public void close() {
        recording.close();
    }
}
