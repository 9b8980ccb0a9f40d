package io.watchsim.sources.keys;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The work the key garbage collector has been given and not yet done, as security/keys/gc.c
 * keeps it: keys whose last reference may have gone ({@code key_put()} scheduling the gc work
 * item), a request for a pass over the keyrings' links ({@code key_schedule_gc_links()}: an
 * invalidation, or the gc timer), the keys invalidated since the last such pass, and the gc
 * timer itself ({@code key_schedule_gc()}) as a queue of every finite expiry, soonest first.
 *
 * <p>The timer queue holds one entry per {@code key_set_expiry()}: a key whose expiry changed
 * leaves a stale entry behind, which the collector drops when it reaches the head (an entry
 * counts only while its key lives and still has that expiry). Ordering by expiry is ordering by
 * the moment the key falls due (expiry plus the one gc delay), whatever the delay becomes.
 *
 * <p>Concurrency contract: single owner (the key table's registry); not thread-safe.
 */
final class KeyGcWork {
    /** One {@code key_set_expiry()}: the key and the expiry it was given then. */
    record Timer(long expiry, Key key) {
    }

    /**
     * Keys that may have no reference left: every new key and every key whose count dropped to
     * zero, possibly more than once. A superset of the keys with {@code refs <= 0}; the reaper
     * checks each and skips those it has destroyed already.
     */
    final List<Key> unreferenced = new ArrayList<>();
    /** Keys invalidated since the last pass over the links, in the order of their invalidation. */
    final List<Key> invalidated = new ArrayList<>();
    /** KEY_GC_KEY_EXPIRED: the next pass must also remove links to dead keys. */
    boolean linksPassWanted;
    /** Every finite expiry set, soonest first (stale entries included, see the class comment). */
    final PriorityQueue<Timer> timers = new PriorityQueue<>(Comparator.comparingLong(Timer::expiry));
}
