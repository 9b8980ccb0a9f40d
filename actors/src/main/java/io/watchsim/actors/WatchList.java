package io.watchsim.actors;

import io.watchsim.policies.Credentials;
import io.watchsim.queues.Errno;
import io.watchsim.queues.ErrnoException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The watch list of one watched object (docs/KERNEL-BEHAVIOUR.md, "The watch model"): each entry binds a queue and a watch id (the
 * key serial, the mount's dentry, the superblock id) with a tag and the setter's credentials.
 * New watches go at the head, so the newest is visited first; a second watch for the same
 * (queue, id) is EBUSY whatever its tag; removing one that is not there is EBADSLT.
 *
 * <p>Concurrency contract: single owner (the object's actor). {@code W} is whatever the owner
 * keeps per watch, e.g. the Watch actor's reference.
 *
 * @param <W> the owner's handle of a watch
 */
public final class WatchList<W> {
    /** The lowest and highest tag a watch may carry; -1 means "remove". */
    public static final int REMOVE_TAG = -1;
    public static final int MAX_TAG = 255;

    /** One watch on the list. */
    public record Entry<W>(long queueId, long watchId, int tag, Credentials setter, W handle) {
        public Entry {
            Objects.requireNonNull(setter);
        }
    }

    /** Lists longer than this get a hash index, so that fan-out objects find a watch in O(1). */
    private static final int INDEX_THRESHOLD = 8;

    private record Slot(long queueId, long watchId) {
    }

    /**
     * Oldest first: an immutable empty list until the first watch (most objects never have one), a
     * singleton while there is one (most watched objects have one), an ArrayList beyond.
     */
    private List<Entry<W>> newestLast = java.util.Collections.emptyList();
    /** (queue, watch id) to entry; null while the list is short. */
    private HashMap<Slot, Entry<W>> index;

    /** Checks a tag as KEYCTL_WATCH_KEY does: -1..255, else EINVAL. */
    public static void checkTag(long tag) {
        if (tag < REMOVE_TAG || tag > MAX_TAG) {
            throw new ErrnoException(Errno.EINVAL, "tag " + tag + " is out of range; allowed -1 (remove) or 0.." + MAX_TAG);
        }
    }

    /** Adds a watch at the head; EBUSY if (queue, watch id) is already watched. */
    public Entry<W> add(long queueId, long watchId, int tag, Credentials setter, W handle) {
        checkTag(tag);
        if (tag == REMOVE_TAG) {
            throw new ErrnoException(Errno.EINVAL, "tag -1 removes a watch; it cannot be added");
        }
        if (contains(queueId, watchId)) {
            throw new ErrnoException(Errno.EBUSY, "queue " + queueId + " already watches " + watchId);
        }
        Entry<W> e = new Entry<>(queueId, watchId, tag, setter, handle);
        if (newestLast.isEmpty()) {
            newestLast = java.util.Collections.singletonList(e);
        } else {
            mutable().add(e);
        }
        if (index != null) {
            index.put(new Slot(queueId, watchId), e);
        } else if (newestLast.size() > INDEX_THRESHOLD) {
            index = new HashMap<>();
            newestLast.forEach(x -> index.put(new Slot(x.queueId(), x.watchId()), x));
        }
        return e;
    }

    /** Removes the (queue, watch id) watch and returns it; EBADSLT if there is none. */
    public Entry<W> remove(long queueId, long watchId) {
        if (!contains(queueId, watchId)) {
            throw new ErrnoException(Errno.EBADSLT, "queue " + queueId + " has no watch on " + watchId);
        }
        Entry<W> e = mutable().remove(find(queueId, watchId));
        if (index != null) {
            index.remove(new Slot(queueId, watchId));
        }
        return e;
    }

    /**
     * Removes the (queue, watch id) watch if it is there and its handle is {@code handle} (its
     * queue ended: no removal record); returns whether it was. A stale handle (a watch that was
     * already replaced) removes nothing.
     */
    public boolean removeIfHandle(long queueId, long watchId, W handle) {
        return removeIf(queueId, watchId, h -> Objects.equals(h, handle));
    }

    /**
     * Removes the (queue, watch id) watch if it is there and its handle passes {@code test} (the
     * handle names the watch that left, not one set since); returns whether it was.
     */
    public boolean removeIf(long queueId, long watchId, Predicate<W> test) {
        int i = find(queueId, watchId);
        if (i < 0 || !test.test(newestLast.get(i).handle())) {
            return false;
        }
        mutable().remove(i);
        if (index != null) {
            index.remove(new Slot(queueId, watchId));
        }
        return true;
    }

    /** Empties the list (the object died) and returns the watches, newest first. */
    public List<Entry<W>> clear() {
        List<Entry<W>> all = newestFirst();
        newestLast = java.util.Collections.emptyList();
        index = null;
        return all;
    }

    /** Visits the watches whose id is {@code watchId}, newest first. */
    public void forEachWatching(long watchId, Consumer<Entry<W>> visitor) {
        for (int i = newestLast.size() - 1; i >= 0; i--) {
            Entry<W> e = newestLast.get(i);
            if (e.watchId() == watchId) {
                visitor.accept(e);
            }
        }
    }

    /** A live, allocation-free view of the watches, newest first; do not change the list while iterating. */
    public Iterable<Entry<W>> newestFirstView() {
        return () -> new java.util.Iterator<>() {
            private int i = newestLast.size() - 1;

            @Override
            public boolean hasNext() {
                return i >= 0;
            }

            @Override
            public Entry<W> next() {
                if (i < 0) {
                    throw new java.util.NoSuchElementException();
                }
                return newestLast.get(i--);
            }
        };
    }

    /** All watches, newest first. */
    public List<Entry<W>> newestFirst() {
        List<Entry<W>> out = new ArrayList<>(newestLast.size());
        for (int i = newestLast.size() - 1; i >= 0; i--) {
            out.add(newestLast.get(i));
        }
        return out;
    }

    /** Whether (queue, watch id) is watched. */
    public boolean contains(long queueId, long watchId) {
        return index != null ? index.containsKey(new Slot(queueId, watchId)) : find(queueId, watchId) >= 0;
    }

    public int size() {
        return newestLast.size();
    }

    public boolean isEmpty() {
        return newestLast.isEmpty();
    }

    /** The list as an ArrayList that may be changed (the empty and singleton forms are immutable). */
    private ArrayList<Entry<W>> mutable() {
        if (!(newestLast instanceof ArrayList)) {
            newestLast = new ArrayList<>(newestLast);
        }
        return (ArrayList<Entry<W>>) newestLast;
    }

    private int find(long queueId, long watchId) {
        for (int i = 0; i < newestLast.size(); i++) {
            Entry<W> e = newestLast.get(i);
            if (e.queueId() == queueId && e.watchId() == watchId) {
                return i;
            }
        }
        return -1;
    }
}
