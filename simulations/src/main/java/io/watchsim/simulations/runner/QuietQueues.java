package io.watchsim.simulations.runner;

import io.watchsim.actors.Kernel;
import io.watchsim.actors.Waits;
import io.watchsim.queues.NanoClock;
import io.watchsim.queues.QueueStatus;
import io.watchsim.queues.ring.QueueStatistics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The queues' counts at the end of a run, once they are quiet: every queue read empty and nothing
 * posted between two looks. A look asks every queue for its status {@value #SLICE} at a time
 * (each slice's answers awaited before the next is asked), so that looking at a world of 100,000
 * queues takes one round trip per slice rather than one per queue. It waits as long as the counts
 * keep changing (a backlog of records still being delivered and read), and gives up only once
 * they have stood still for its bound with records still queued (a reader that stopped reading),
 * or after {@link #CAP} in all: then the queues are counted as they stand, and the counts say so.
 * Time is the run's clock, and the pause between two looks a {@link Waits#sleep}, so that a
 * deterministic run's thread keeps running its system (in virtual time) while it waits.
 */
final class QuietQueues {
    /** Status requests outstanding at once during a look. */
    static final int SLICE = 5000;
    /** The longest the end of a run waits for the queues, however busy they still are. */
    static final Duration CAP = Duration.ofMinutes(10);

    /**
     * The counts of every queue that answered (a queue that is gone is left out), and whether they
     * were quiet: two looks in a row found every queue empty and the same counts.
     */
    record Counts(Map<Long, QueueStatistics> stats, boolean quiet) {
    }

    private QuietQueues() {
    }

    /**
     * Looks every {@code pause} until two looks agree and find every queue empty; gives up once the
     * counts have not changed for {@code stillFor}, or after {@link #CAP}; time on {@code clock} (the run's).
     */
    static Counts await(Kernel kernel, BuiltWorld world, Duration stillFor, Duration pause, NanoClock clock) {
        return await(kernel, world, stillFor, pause, CAP, clock);
    }

    /** The same on the JVM's monotonic clock. */
    static Counts await(Kernel kernel, BuiltWorld world, Duration stillFor, Duration pause) {
        return await(kernel, world, stillFor, pause, CAP, NanoClock.SYSTEM);
    }

    /** The same on the JVM's monotonic clock, giving up after {@code cap} in all. */
    static Counts await(Kernel kernel, BuiltWorld world, Duration stillFor, Duration pause, Duration cap) {
        return await(kernel, world, stillFor, pause, cap, NanoClock.SYSTEM);
    }

    static Counts await(Kernel kernel, BuiltWorld world, Duration stillFor, Duration pause, Duration cap,
                        NanoClock clock) {
        long start = clock.nanoTime();
        long changed = start;
        Map<Long, QueueStatistics> last = null;
        while (true) {
            Map<Long, QueueStatistics> now = new LinkedHashMap<>();
            boolean empty = look(kernel, world, now);
            long t = clock.nanoTime();
            if (now.equals(last)) {
                if (empty) {
                    return new Counts(now, true);
                }
            } else {
                changed = t;
            }
            if (t - changed > stillFor.toNanos() || t - start > cap.toNanos()) {
                return new Counts(now, false);
            }
            last = now;
            if (!Waits.sleep(pause)) {
                return new Counts(now, false);
            }
        }
    }

    /** One look: every queue's counts into {@code into}, in the world's order; whether every queue was empty. */
    static boolean look(Kernel kernel, BuiltWorld world, Map<Long, QueueStatistics> into) {
        return look(kernel, world, into, SLICE);
    }

    /** The same, {@code slice} requests outstanding at once. */
    static boolean look(Kernel kernel, BuiltWorld world, Map<Long, QueueStatistics> into, int slice) {
        List<Long> all = new ArrayList<>();
        world.queues().values().forEach(all::addAll);
        all.sort(null);
        boolean empty = true;
        for (int from = 0; from < all.size(); from += slice) {
            List<Long> ids = all.subList(from, Math.min(all.size(), from + slice));
            List<CompletableFuture<Optional<QueueStatus>>> asked = new ArrayList<>(ids.size());
            for (long q : ids) {
                asked.add(kernel.queueStatus(q).toCompletableFuture());
            }
            for (int i = 0; i < ids.size(); i++) {
                Optional<QueueStatus> s = kernel.await(asked.get(i));
                if (s.isPresent()) {
                    into.put(ids.get(i), s.get().statistics());
                    empty &= s.get().bytesQueued() == 0;
                }
            }
        }
        return empty;
    }
}
