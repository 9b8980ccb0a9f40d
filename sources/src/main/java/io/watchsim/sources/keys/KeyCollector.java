package io.watchsim.sources.keys;

import java.util.ArrayDeque;
import java.util.List;
import java.util.TreeMap;

/**
 * Garbage collection on simulated time: advancing the clock, the moments keys fall due (expiry
 * or revocation plus the gc delay), the collector's passes, and the reaping of keys nothing
 * refers to any more.
 *
 * <p>Concurrency contract: single owner (the {@link KeyTable} that creates it); not thread-safe.
 */
final class KeyCollector {
    private final KeyRegistry registry;

    KeyCollector(KeyRegistry registry) {
        this.registry = registry;
    }

    /**
     * Lets {@code ms} of simulated time pass: keys expire, and the garbage collector runs at
     * every moment a key falls due (expiry or revocation plus the gc delay).
     */
    List<KeyStep> advance(long ms) {
        registry.beginSteps();
        long target = registry.now + ms;
        for (long due = nextGcTime(); due <= target; due = nextGcTime()) {
            registry.now = due;
            gc();
        }
        registry.now = target;
        return registry.takeSteps();
    }

    /** The next moment after now at which some key falls due for collection, or Long.MAX_VALUE. */
    long nextGcTime() {
        long next = Long.MAX_VALUE;
        for (Key k : timedKeys()) {
            long due = dueTime(k);
            if (due > registry.now) {
                next = Math.min(next, due);
            }
        }
        return next;
    }

    /** The live keys with an expiry or invalidated; drops from the view what no longer qualifies. */
    private List<Key> timedKeys() {
        List<Key> out = new java.util.ArrayList<>(registry.timed.size());
        for (java.util.Iterator<Key> it = registry.timed.iterator(); it.hasNext(); ) {
            Key k = it.next();
            if (registry.keys.get(k.serial) != k || (k.expiry == Key.NEVER && !k.invalidated)) {
                it.remove();
            } else {
                out.add(k);
            }
        }
        return out;
    }

    private long dueTime(Key k) {
        if (k.expiry == Key.NEVER || k.expiry > Long.MAX_VALUE - registry.gcDelay) {
            return Long.MAX_VALUE;
        }
        return k.expiry + registry.gcDelay;
    }

    /** Runs a pass now if some key is due (a revocation with a gc delay of 0, say). */
    void gcIfDue() {
        for (Key k : timedKeys()) {
            if (dueTime(k) <= registry.now || k.invalidated) {
                gc();
                return;
            }
        }
    }

    /**
     * One pass of the key garbage collector: links to dead keys are removed from live keyrings
     * (silently, as keyring_gc does), then every key nothing refers to any more is destroyed, in
     * serial order, each destroyed keyring releasing what it held.
     */
    void gc() {
        for (Key ring : registry.keys.values()) {
            if (!ring.isKeyring() || ring.revoked || ring.invalidated) {
                continue;
            }
            ring.links.removeIf(k -> {
                if (k.isDead(registry.now, registry.gcDelay)) {
                    registry.dropRef(k);
                    return true;
                }
                return false;
            });
        }
        reapUnreferenced();
    }

    /** Destroys every key nothing refers to any more, in serial order, and what they alone held. */
    void reapUnreferenced() {
        TreeMap<Integer, Key> graveyard = new TreeMap<>();
        for (Key k : registry.unreferenced) {
            if (k.refs <= 0 && registry.keys.get(k.serial) == k) {
                graveyard.put(k.serial, k);
            }
        }
        registry.unreferenced.clear();
        ArrayDeque<Key> queue = new ArrayDeque<>(graveyard.values());
        while (!queue.isEmpty()) {
            Key k = queue.poll();
            if (!registry.keys.containsKey(k.serial)) {
                continue;
            }
            registry.keys.remove(k.serial);
            k.dead = true;
            registry.addStep(new KeyStep.Destroy(k.serial));
            if (k.isKeyring()) {
                TreeMap<Integer, Key> released = new TreeMap<>();
                for (Key child : k.links) {
                    if (--child.refs <= 0) {
                        released.put(child.serial, child);
                    }
                }
                k.links.clear();
                queue.addAll(released.values());
            }
        }
    }
}
