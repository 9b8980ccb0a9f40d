package io.watchsim.simulations.runner;

import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What faults did to the world, in a form the invariant checks use: which objects were destroyed
 * or crashed, and which tree mounts were detached or crashed (their watches owe one removal record
 * each), which queues were closed (their watches
 * owe nothing), which watches were crashed. Thread-safe; filled by the fault injector as each
 * fault's kernel call is answered. What it answers is a sorted copy (ids ascending; watches by queue,
 * then key), so that whatever iterates it does so in the same order in every run.
 */
public final class FaultEffects {
    /** A watch: queue {@code queueId} on key {@code serial}. */
    public record WatchKey(long queueId, int serial) implements Comparable<WatchKey> {
        @Override
        public int compareTo(WatchKey o) {
            int c = Long.compare(queueId, o.queueId);
            return c != 0 ? c : Integer.compare(serial, o.serial);
        }
    }

    private static <T extends Comparable<? super T>> Set<T> sorted(Set<T> s) {
        return Collections.unmodifiableSortedSet(new TreeSet<>(s));
    }

    private final Set<Integer> destroyed = ConcurrentHashMap.newKeySet();
    private final Set<Integer> crashed = ConcurrentHashMap.newKeySet();
    private final Set<Long> closedQueues = ConcurrentHashMap.newKeySet();
    private final Set<WatchKey> crashedWatches = ConcurrentHashMap.newKeySet();
    private final Set<Long> endedMounts = ConcurrentHashMap.newKeySet();

    /** A tree mount (by its actor's id) a fault detached or crashed: its watches owe one removal record each. */
    public void mountEnded(long objectId) {
        endedMounts.add(objectId);
    }

    public Set<Long> endedMounts() {
        return sorted(endedMounts);
    }

    public void destroyed(int serial) {
        destroyed.add(serial);
    }

    public void crashed(int serial) {
        crashed.add(serial);
    }

    public void queueClosed(long queueId) {
        closedQueues.add(queueId);
    }

    public void watchCrashed(long queueId, int serial) {
        crashedWatches.add(new WatchKey(queueId, serial));
    }

    public Set<Integer> destroyedObjects() {
        return sorted(destroyed);
    }

    public Set<Integer> crashedObjects() {
        return sorted(crashed);
    }

    public Set<Long> closedQueues() {
        return sorted(closedQueues);
    }

    public Set<WatchKey> crashedWatches() {
        return sorted(crashedWatches);
    }
}
