package io.watchsim.sources.keys;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The key garbage collector on simulated time: a deferred work item, as security/keys/gc.c runs
 * it ({@code key_gc_work} on the system workqueue), and the gc timer.
 *
 * <h2>When it runs</h2>
 * The work a key system call gives the collector (a key's last reference gone, an invalidation)
 * is only queued by that call; the collector runs it at the start of the next key system call,
 * or as soon as simulated time passes (a sleep, a poll that waits). So its removal records are
 * never in a read made right after the call that made the work, and a later poll with a
 * positive timeout wakes for them: what Linux 6.1 was seen to do on one CPU, where the kworker
 * runs once the calling process sleeps or enters the kernel again (docs/KERNEL-BEHAVIOUR.md, on
 * deferred garbage collection).
 *
 * <h2>What a pass does</h2>
 * Like {@code key_garbage_collector()}: a pass asked for by {@code key_schedule_gc_links()} (an
 * invalidation, or the gc timer) first removes, from every keyring that is neither revoked nor
 * invalidated, the links to dead keys ({@code keyring_gc()}, silently: no UNLINKED). Every pass
 * then destroys the keys nothing refers to any more, in ascending serial order (the serial tree
 * walk), and again for the keys a destroyed keyring was the last to hold, until none is left
 * (KEY_GC_REAP_AGAIN). A destroyed key's watches send their removal records. A dead key is an
 * invalidated one, or one whose expiry (its revocation time once revoked) plus the gc delay is
 * at or before the pass's moment: {@code key_is_dead()} with {@code limit = now - key_gc_delay}.
 * A pass that only reaps (a key_put() reaching zero) looks at no links, so a revoked or expired
 * key goes only in a pass the timer or an invalidation asked for.
 *
 * <h2>The timer</h2>
 * Each finite expiry arms the timer for the moment its key falls due; when simulated time
 * reaches that moment, a links pass runs there. One deliberate difference: Linux arms no timer
 * when the moment has already come ({@code key_schedule_gc()} with {@code gc_at <= now} only
 * queues a reap-only pass), so with gc_delay 0 a revoked key nothing else collects stays for
 * ever; here such a timer fires as soon as time next passes, and the key goes then.
 *
 * <h2>Cost</h2>
 * Nothing walks every key or every timed key: the timers are a priority queue, a pass visits the
 * keys that fell due, the keyrings that link them and the keys it destroys; a key call with
 * nothing pending does O(1) collector work. {@link #work()} counts the steps, for tests.
 *
 * <p>Concurrency contract: single owner (the {@link KeyTable} that creates it); not thread-safe.
 */
final class KeyCollector {
    private final KeyRegistry registry;
    private final KeyGcWork pending;
    /** Steps taken: timer entries examined, links removed, reap candidates examined, keys destroyed. */
    private long work;

    KeyCollector(KeyRegistry registry) {
        this.registry = registry;
        this.pending = registry.gcWork;
    }

    long work() {
        return work;
    }

    /**
     * Lets {@code ms} of simulated time pass: the pending work runs first, at the current moment
     * (with any timer that fell due at that very moment), then a links pass at every later moment
     * a key falls due, up to now + ms. The clock stops at {@link KeyTable#END_OF_TIME}.
     */
    List<KeyStep> advance(long ms) {
        if (ms < 0) {
            throw new IllegalArgumentException("time cannot pass by " + ms + " ms");
        }
        registry.beginSteps();
        long target = registry.now + Math.min(ms, KeyTable.END_OF_TIME - registry.now);
        if (nextTimer() <= registry.now) {
            pending.linksPassWanted = true;
        }
        runPending();
        for (long due = nextTimer(); due <= target; due = nextTimer()) {
            registry.now = due;
            pending.linksPassWanted = true;
            runPending();
        }
        registry.now = target;
        return registry.takeSteps();
    }

    /**
     * The next moment the collector has work: now if work is pending (or a timer fell due at
     * this moment), else the soonest timer, else Long.MAX_VALUE (also for a timer beyond
     * {@link KeyTable#END_OF_TIME}, which the clock never reaches).
     */
    long nextGcTime() {
        if (pending.linksPassWanted || hasUnreferenced()) {
            return registry.now;
        }
        long timer = nextTimer();
        return timer > KeyTable.END_OF_TIME ? Long.MAX_VALUE : Math.max(registry.now, timer);
    }

    /** Whether a key is waiting to be reaped (the candidates are the keys the last call touched). */
    private boolean hasUnreferenced() {
        for (Key k : pending.unreferenced) {
            if (k.refs <= 0 && !k.dead) {
                return true;
            }
        }
        return false;
    }

    /** The moment the soonest live timer falls due, dropping stale entries; Long.MAX_VALUE if none. */
    private long nextTimer() {
        while (!pending.timers.isEmpty()) {
            KeyGcWork.Timer t = pending.timers.peek();
            if (isLive(t)) {
                return t.expiry() + registry.gcDelay;
            }
            pending.timers.poll();
            work++;
        }
        return Long.MAX_VALUE;
    }

    /** Whether a timer entry still stands: its key lives and still has that expiry. */
    private boolean isLive(KeyGcWork.Timer t) {
        Key k = t.key();
        return !k.dead && k.expiry == t.expiry() && registry.keys.get(k.serial) == k;
    }

    /** Runs the work queued so far at the current moment: the links pass if one was asked for, then the reaping. */
    void runPending() {
        if (pending.linksPassWanted) {
            pending.linksPassWanted = false;
            removeLinksToDeadKeys();
        }
        reap();
    }

    /**
     * keyring_gc() over every keyring, done from the dead keys' side: each key invalidated since
     * the last pass and each key whose timer has fallen due loses its links from the keyrings
     * that are neither revoked nor invalidated (an invalidated keyring keeps its links until it is
     * destroyed itself).
     */
    private void removeLinksToDeadKeys() {
        List<Key> dead = new ArrayList<>(pending.invalidated);
        pending.invalidated.clear();
        for (long due = nextTimer(); due <= registry.now; due = nextTimer()) {
            dead.add(pending.timers.poll().key());
            work++;
        }
        for (Key k : dead) {
            if (k.dead) {
                continue;
            }
            for (Key ring : k.linkingKeyrings()) {
                if (!ring.revoked && !ring.invalidated) {
                    ring.links.remove(k);
                    registry.dropRef(k);
                    work++;
                }
            }
        }
    }

    /**
     * Destroys every key nothing refers to any more, in ascending serial order, then the keys
     * that only the keyrings destroyed held, in their own serial order, until none is left.
     */
    private void reap() {
        while (!pending.unreferenced.isEmpty()) {
            List<Key> candidates = new ArrayList<>(pending.unreferenced);
            pending.unreferenced.clear();
            // Serial order, sorted as primitives (serial, then place): a million keys sort in a blink.
            long[] order = new long[candidates.size()];
            int found = 0;
            for (int i = 0; i < candidates.size(); i++) {
                Key k = candidates.get(i);
                work++;
                if (k.refs <= 0 && !k.dead && registry.keys.get(k.serial) == k) {
                    order[found++] = ((long) k.serial << 32) | i;
                }
            }
            Arrays.sort(order, 0, found);
            for (int j = 0; j < found; j++) {
                Key k = candidates.get((int) order[j]);
                if (!k.dead) {
                    destroy(k);
                }
            }
        }
    }

    private void destroy(Key k) {
        work++;
        registry.keys.remove(k.serial);
        k.dead = true;
        registry.addStep(new KeyStep.Destroy(k.serial));
        if (k.isKeyring()) {
            // keyring_destroy(): the links go; a key it alone held is reaped in the next round.
            for (Key child : k.links) {
                registry.dropRef(child);
            }
            k.links.clear();
        }
    }
}
