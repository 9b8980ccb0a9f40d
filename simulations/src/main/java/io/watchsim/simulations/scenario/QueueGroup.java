package io.watchsim.simulations.scenario;

import java.util.Objects;
import java.util.Optional;

/**
 * A named group of notification queues ({@code queues.NAME}), each made with
 * pipe2(O_NOTIFICATION_PIPE), sized with IOC_WATCH_QUEUE_SET_SIZE and, optionally, filtered.
 *
 * @param name   the group's name, which watch rules and faults refer to
 * @param count  how many queues
 * @param size   SET_SIZE's argument in notes, 1..512; the queue holds 32 x ceil(size / 32) records
 * @param filter the filter every queue of the group gets; empty: none, every record passes
 * @param reader how each queue is read
 */
public record QueueGroup(String name, int count, int size, Optional<QueueFilter> filter, Reader reader) {
    /** The default size in notes. */
    public static final int DEFAULT_SIZE = 256;
    /** SET_SIZE's limits (watch_queue_set_size(), kernel/watch_queue.c). */
    public static final int MIN_SIZE = 1;
    public static final int MAX_SIZE = 512;

    public QueueGroup {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(reader, "reader");
    }

    /** {@code count} queues of the default size, unfiltered, read continuously. */
    public static QueueGroup of(String name, int count) {
        return new QueueGroup(name, count, DEFAULT_SIZE, Optional.empty(), Reader.DEFAULT);
    }

    public QueueGroup withCount(int newCount) {
        return new QueueGroup(name, newCount, size, filter, reader);
    }

    public QueueGroup withSize(int notes) {
        return new QueueGroup(name, count, notes, filter, reader);
    }

    public QueueGroup withFilter(QueueFilter newFilter) {
        return new QueueGroup(name, count, size, Optional.of(newFilter), reader);
    }

    public QueueGroup withReader(Reader newReader) {
        return new QueueGroup(name, count, size, filter, newReader);
    }
}
