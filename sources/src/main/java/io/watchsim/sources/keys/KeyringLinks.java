package io.watchsim.sources.keys;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.function.Predicate;

/**
 * What one keyring links, in link order, with the two questions a key search asks answered
 * without a scan, as Linux's associative array answers them: does this keyring link that key
 * ({@link #contains}, through each key's record of the keyrings that link it), and which keyrings
 * does it nest ({@link #nestedKeyrings}, kept apart). A possession search then costs the keyrings
 * it walks, not every key under them.
 *
 * <p>Concurrency contract: single owner (the key table); not thread-safe.
 */
final class KeyringLinks implements Iterable<Key> {
    /** What a key that is not a keyring links: nothing, ever. */
    static final KeyringLinks NONE = new KeyringLinks(null);
    /** Keyrings with more links than this index them by (type, description). */
    static final int INDEX_THRESHOLD = 128;

    /** The index key of a key in a keyring: Linux's {@code keyring_index_key} without the domain tag. */
    private record IndexKey(KeyType type, String description) {
    }

    private final Key owner;
    private final ArrayList<Key> links;
    /** The linked keyrings, in link order; null while there are none. */
    private ArrayList<Key> nested;
    /** (type, description) to the linked key; null while the keyring is small. */
    private java.util.HashMap<IndexKey, Key> index;

    private KeyringLinks(Key owner) {
        this.owner = owner;
        this.links = owner == null ? null : new ArrayList<>();
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
        return links == null ? 0 : links.size();
    }

    boolean isEmpty() {
        return size() == 0;
    }

    /** Whether this keyring links {@code key}: O(the keyrings that link it). */
    boolean contains(Key key) {
        return owner != null && key.linkedFrom(owner);
    }

    @Override
    public Iterator<Key> iterator() {
        return links == null ? Collections.emptyIterator() : Collections.unmodifiableList(links).iterator();
    }

    /**
     * The linked key of that type and description, or null (a keyring holds at most one: a like
     * key replaces it). A lookup in the index once the keyring is large, a scan before.
     */
    Key findLike(KeyType type, String description) {
        if (links == null) {
            return null;
        }
        if (index != null) {
            return index.get(new IndexKey(type, description));
        }
        for (Key k : links) {
            if (k.type == type && java.util.Objects.equals(k.description, description)) {
                return k;
            }
        }
        return null;
    }

    private void indexAdd(Key k) {
        if (index != null) {
            index.put(new IndexKey(k.type, k.description), k);
        } else if (links.size() > INDEX_THRESHOLD) {
            index = new java.util.HashMap<>();
            for (Key l : links) {
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
        links.add(key);
        indexAdd(key);
        key.addLinkFrom(owner);
        if (key.isKeyring()) {
            if (nested == null) {
                nested = new ArrayList<>(2);
            }
            nested.add(key);
        }
    }

    /** Puts {@code now} in the place of {@code old} (a like key replacing another). */
    void replace(Key old, Key now) {
        writable();
        links.set(links.indexOf(old), now);
        indexRemove(old);
        indexAdd(now);
        old.removeLinkFrom(owner);
        now.addLinkFrom(owner);
        if (old.isKeyring()) {
            nested.remove(old);
        }
        if (now.isKeyring()) {
            if (nested == null) {
                nested = new ArrayList<>(2);
            }
            // Like keys have the same type, so a keyring replaces a keyring: keep its place.
            int at = 0;
            for (Key k : links) {
                if (k == now) {
                    break;
                }
                if (k.isKeyring()) {
                    at++;
                }
            }
            nested.add(at, now);
        }
    }

    /** Unlinks {@code key}; false if it was not linked. */
    boolean remove(Key key) {
        if (!contains(key)) {
            return false;
        }
        links.remove(key);
        indexRemove(key);
        key.removeLinkFrom(owner);
        if (key.isKeyring()) {
            nested.remove(key);
        }
        return true;
    }

    /** Unlinks every key {@code test} picks, in link order. */
    void removeIf(Predicate<Key> test) {
        if (links == null) {
            return;
        }
        links.removeIf(k -> {
            if (test.test(k)) {
                indexRemove(k);
                k.removeLinkFrom(owner);
                if (nested != null && k.isKeyring()) {
                    nested.remove(k);
                }
                return true;
            }
            return false;
        });
    }

    /** Unlinks everything. */
    void clear() {
        if (links == null) {
            return;
        }
        for (Key k : links) {
            k.removeLinkFrom(owner);
        }
        links.clear();
        nested = null;
        index = null;
    }
}
