package io.watchsim.sources.keys;

import java.util.ArrayList;
import java.util.Collections;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Predicate;

/**
 * What one keyring links, in link order, with the questions a key search and the garbage
 * collector ask answered without a scan, as Linux's associative array answers them: does this
 * keyring link that key ({@link #contains}, through each key's record of the keyrings that link
 * it), which keyrings does it nest ({@link #nestedKeyrings}, kept apart), and unlinking one key
 * ({@link #remove}: the key remembers its slot; the slot is left empty and the list compacted
 * once half of it is empty). A possession search then costs the keyrings it walks, not every
 * key under them, and the collector unlinking a million keys one by one costs a million steps.
 *
 * <p>Concurrency contract: single owner (the key table); not thread-safe.
 */
final class KeyringLinks implements Iterable<Key> {
    /** What a key that is not a keyring links: nothing, ever. */
    static final KeyringLinks NONE = new KeyringLinks(null);
    /** Keyrings with more links than this index them by (type, description). */
    static final int INDEX_THRESHOLD = 128;
    /** Lists shorter than this are not compacted (a few empty slots cost less than the copy). */
    private static final int COMPACT_MIN = 16;

    /** The index key of a key in a keyring: Linux's {@code keyring_index_key} without the domain tag. */
    private record IndexKey(KeyType type, String description) {
    }

    private final Key owner;
    /** The links in link order; an unlinked key leaves a null slot until the next compaction. */
    private final ArrayList<Key> slots;
    /** The non-null slots. */
    private int live;
    /** Bumped by every compaction and clear, so that an iterator notices slots moving under it. */
    private int layout;
    /** The linked keyrings, in link order; null while there are none. */
    private ArrayList<Key> nested;
    /** (type, description) to the linked key; null while the keyring is small. */
    private java.util.HashMap<IndexKey, Key> index;

    private KeyringLinks(Key owner) {
        this.owner = owner;
        this.slots = owner == null ? null : new ArrayList<>();
    }

    static KeyringLinks of(Key keyring) {
        return new KeyringLinks(keyring);
    }

    private void writable() {
        if (owner == null) {
            throw new IllegalStateException("a key that is not a keyring links nothing");
        }
    }

    int size() {
        return live;
    }

    boolean isEmpty() {
        return live == 0;
    }

    /** Whether this keyring links {@code key}: O(the keyrings that link it). */
    boolean contains(Key key) {
        return owner != null && key.linkedFrom(owner);
    }

    /** The links in link order (empty slots skipped); the keyring must not change meanwhile. */
    @Override
    public Iterator<Key> iterator() {
        if (slots == null) {
            return Collections.emptyIterator();
        }
        return new Iterator<>() {
            private final int expectedLayout = layout;
            private int at = advance(0);

            private int advance(int from) {
                int i = from;
                while (i < slots.size() && slots.get(i) == null) {
                    i++;
                }
                return i;
            }

            @Override
            public boolean hasNext() {
                if (layout != expectedLayout) {
                    throw new ConcurrentModificationException("keyring " + owner + " was compacted during iteration");
                }
                return at < slots.size();
            }

            @Override
            public Key next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Key k = slots.get(at);
                at = advance(at + 1);
                return k;
            }
        };
    }

    /**
     * The linked key of that type and description, or null (a keyring holds at most one: a like
     * key replaces it). A lookup in the index once the keyring is large, a scan before.
     */
    Key findLike(KeyType type, String description) {
        if (slots == null) {
            return null;
        }
        if (index != null) {
            return index.get(new IndexKey(type, description));
        }
        for (Key k : slots) {
            if (k != null && k.type == type && java.util.Objects.equals(k.description, description)) {
                return k;
            }
        }
        return null;
    }

    private void indexAdd(Key k) {
        if (index != null) {
            index.put(new IndexKey(k.type, k.description), k);
        } else if (live > INDEX_THRESHOLD) {
            index = new java.util.HashMap<>();
            for (Key l : this) {
                index.put(new IndexKey(l.type, l.description), l);
            }
        }
    }

    private void indexRemove(Key k) {
        if (index != null) {
            index.remove(new IndexKey(k.type, k.description), k);
        }
    }

    /** The linked keyrings, in link order. */
    List<Key> nestedKeyrings() {
        return nested == null ? List.of() : Collections.unmodifiableList(nested);
    }

    /** Links {@code key} at the end. */
    void add(Key key) {
        writable();
        slots.add(key);
        live++;
        key.addLinkFrom(owner, slots.size() - 1);
        indexAdd(key);
        if (key.isKeyring()) {
            if (nested == null) {
                nested = new ArrayList<>(2);
            }
            nested.add(key);
        }
    }

    /** The slot of a linked key: the one it remembers, else found by a scan (and remembered). */
    private int slotOf(Key key) {
        int hint = key.slotIn(owner);
        if (hint >= 0 && hint < slots.size() && slots.get(hint) == key) {
            return hint;
        }
        for (int i = 0; i < slots.size(); i++) {
            if (slots.get(i) == key) {
                key.setSlot(owner, i);
                return i;
            }
        }
        throw new IllegalStateException(key + " is recorded as linked from " + owner + " but is not in its links");
    }

    /** Puts {@code now} in the place of {@code old} (a like key replacing another). */
    void replace(Key old, Key now) {
        writable();
        int at = slotOf(old);
        slots.set(at, now);
        indexRemove(old);
        old.removeLinkFrom(owner);
        now.addLinkFrom(owner, at);
        indexAdd(now);
        if (old.isKeyring()) {
            nested.remove(old);
        }
        if (now.isKeyring()) {
            if (nested == null) {
                nested = new ArrayList<>(2);
            }
            // Like keys have the same type, so a keyring replaces a keyring: keep its place.
            int place = 0;
            for (int i = 0; i < at; i++) {
                Key k = slots.get(i);
                if (k != null && k.isKeyring()) {
                    place++;
                }
            }
            nested.add(place, now);
        }
    }

    /** Unlinks {@code key}; false if it was not linked. O(1) for a key this keyring linked first. */
    boolean remove(Key key) {
        if (!contains(key)) {
            return false;
        }
        slots.set(slotOf(key), null);
        forget(key);
        compactIfSparse();
        return true;
    }

    private void forget(Key key) {
        live--;
        indexRemove(key);
        key.removeLinkFrom(owner);
        if (key.isKeyring()) {
            nested.remove(key);
        }
    }

    /** Unlinks every key {@code test} picks, in link order. */
    void removeIf(Predicate<Key> test) {
        if (slots == null) {
            return;
        }
        for (int i = 0; i < slots.size(); i++) {
            Key k = slots.get(i);
            if (k != null && test.test(k)) {
                slots.set(i, null);
                forget(k);
            }
        }
        compactIfSparse();
    }

    /** Closes the gaps once at least half the slots are empty: amortized O(1) per unlink. */
    private void compactIfSparse() {
        int size = slots.size();
        if (size - live < Math.max(COMPACT_MIN, live)) {
            return;
        }
        int to = 0;
        for (int from = 0; from < size; from++) {
            Key k = slots.get(from);
            if (k != null) {
                slots.set(to, k);
                k.setSlot(owner, to);
                to++;
            }
        }
        slots.subList(to, size).clear();
        layout++;
    }

    /** Unlinks everything. */
    void clear() {
        if (slots == null) {
            return;
        }
        for (Key k : slots) {
            if (k != null) {
                k.removeLinkFrom(owner);
            }
        }
        slots.clear();
        live = 0;
        layout++;
        nested = null;
        index = null;
    }
}
