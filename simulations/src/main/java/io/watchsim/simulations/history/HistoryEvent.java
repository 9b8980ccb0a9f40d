package io.watchsim.simulations.history;

import io.watchsim.actors.KernelHistory;
import io.watchsim.policies.Credentials;
import io.watchsim.queues.Provenance;
import io.watchsim.queues.record.Notification;
import io.watchsim.queues.ring.PostOutcome;

import java.util.List;

/**
 * One event of a run's history, in the order the recorder received it (an order consistent with
 * causality: an object tells of a post before it sends it, a queue tells a fate after it got the
 * post, a reader tells what it read after the queue gave it).
 */
public sealed interface HistoryEvent {

    /** A watch entered object {@code object}'s list for posts on {@code watchId}. */
    record Watched(long object, long watchId, long queue, int tag, Credentials setter) implements HistoryEvent {
    }

    /** A watch left the object's list. */
    record Unwatched(long object, long watchId, long queue, KernelHistory.Unwatch why) implements HistoryEvent {
    }

    /** The object fanned {@code record} out, post number {@code seq}, judged by policy version {@code policy}. */
    record Posted(long object, long watchId, long seq, long nanos, Notification record, Credentials generator,
                  long policy) implements HistoryEvent {
    }

    /** Queue {@code queue} decided {@code outcome} for a record posted with {@code tag}; {@code origin} may be null. */
    record Fate(long queue, Provenance origin, int tag, Notification record, PostOutcome outcome)
            implements HistoryEvent {
    }

    /** The watch of (object, watch id, queue) stopped unasked (a crash): no removal record will come from it. */
    record WatchLost(long object, long watchId, long queue) implements HistoryEvent {
    }

    /** Queue {@code queue} stopped: defunct, or crashed. */
    record QueueEnded(long queue, boolean crashed) implements HistoryEvent {
    }

    /**
     * The reader of queue {@code queue} got {@code data} (whole records, loss records in place);
     * {@code origins} gives each record's provenance (null entries for loss records), or is null.
     */
    record Read(long queue, long nanos, byte[] data, Provenance[] origins) implements HistoryEvent {
    }

    /**
     * Policy version {@code version} was put in force: its engines, SELinux mode and rule files
     * (name and text), enough to judge posts again when the history is checked later.
     */
    record PolicyInForce(long version, List<String> engines, String selinuxMode, List<RuleFile> files)
            implements HistoryEvent {
    }

    /** One rule file of a policy: its name (the extension says its engine) and its text. */
    record RuleFile(String name, String text) {
    }

    /**
     * The history is not whole: {@code dropped} events were not recorded (the checker fell too far
     * behind). Written last; a history holding it gives no verdict.
     */
    record Incomplete(long dropped, String why) implements HistoryEvent {
    }

    /** Something the runner did (a fault fired, a phase began), for the context of a violation. */
    /**
     * A deterministic run began: what it takes to run it again ({@code watchsim replay}): the scenario as
     * resolved (HOCON), the fraction of its size it ran at, and its schedule (seed, window, virtual cost of a
     * step), and the bug planted in its kernel ({@code NONE} but in tests). The first event of a deterministic
     * run's history.
     */
    record RunStarted(String scenario, double scale, long seed, int window, long stepCostNanos, String version,
                      String planted) implements HistoryEvent {
    }

    record Note(long nanos, String text) implements HistoryEvent {
    }
}
