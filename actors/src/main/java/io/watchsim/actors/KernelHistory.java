package io.watchsim.actors;

import io.watchsim.policies.Credentials;
import io.watchsim.policies.PolicySnapshot;
import io.watchsim.queues.FateLog;
import io.watchsim.queues.Provenance;
import io.watchsim.queues.record.Notification;

/**
 * Where a kernel tells, when a run asks for a history, what its objects did with their watches and
 * records: each watch entering and leaving an object's list, each post in the object's order, each
 * object's end; its queues add each record's fate ({@link FateLog}). Every call is made on the
 * actor's own thread, in that actor's order, and after whatever caused it, so that one thread-safe
 * log sees a total order consistent with causality. {@link #OFF} costs a branch.
 */
public interface KernelHistory extends FateLog {

    /** Why an entry left an object's watch list. */
    enum Unwatch {
        /** Removed explicitly (tag -1): the watch sends a removal record. */
        REMOVED,
        /** Its object was destroyed: the watch sends a removal record. */
        DESTROYED,
        /** Its object stopped otherwise (crashed, its kernel ends): the watch sends a removal record. */
        OBJECT_GONE,
        /** Its queue became defunct: dropped silently, no record. */
        QUEUE_ENDED,
        /** The watch stopped unasked (it or its queue crashed): records sent to it meanwhile were dead letters. */
        WATCH_LOST
    }

    KernelHistory OFF = new KernelHistory() {
        @Override
        public boolean isOn() {
            return false;
        }

        @Override
        public void watched(long objectId, long watchId, long queueId, int tag, Credentials setter) {
        }

        @Override
        public void unwatched(long objectId, long watchId, long queueId, Unwatch why) {
        }

        @Override
        public void posted(Provenance origin, Notification record, Credentials generator, PolicySnapshot snapshot) {
        }

        @Override
        public void fate(long queueId, Provenance origin, int tag, Notification record,
                         io.watchsim.queues.ring.PostOutcome outcome) {
        }

        @Override
        public void queueEnded(long queueId, boolean crashed) {
        }

        @Override
        public void watchLost(long objectId, long watchId, long queueId) {
        }
    };

    /** A watch entered object {@code objectId}'s list: later posts on {@code watchId} reach it. */
    void watched(long objectId, long watchId, long queueId, int tag, Credentials setter);

    /**
     * A watch stopped without its end arranged (it crashed, its queue crashed, or it was stopped
     * with its defunct queue): it sends no removal record, and records sent to it from now go to the
     * dead letters until its object drops it.
     */
    void watchLost(long objectId, long watchId, long queueId);

    /** A watch left the object's list: no later post reaches it. */
    void unwatched(long objectId, long watchId, long queueId, Unwatch why);

    /**
     * The object fanned {@code record} out to every watch then on its list for {@code origin.watchId()},
     * judged by {@code snapshot}, from {@code generator} (null: a system source).
     */
    void posted(Provenance origin, Notification record, Credentials generator, PolicySnapshot snapshot);
}
