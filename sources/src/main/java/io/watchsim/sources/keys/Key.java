package io.watchsim.sources.keys;

import io.watchsim.queues.Errno;

import java.util.ArrayList;
import java.util.List;

/**
 * The state of one key or keyring, owned by the {@link KeyTable} (single owner, not
 * thread-safe): what {@code struct key} holds that the simulation needs.
 */
final class Key {
    /** No expiry: TIME64_MAX. */
    static final long NEVER = Long.MAX_VALUE;

    final int serial;
    final KeyType type;
    final String description;
    byte[] payload;
    int uid;
    /** -1: INVALID_GID (the user keyrings), shown as 65534. */
    int gid;
    int perm;
    final String label;
    /** Expiry in simulated ms; also the revocation time once revoked (a union in the kernel). */
    long expiry = NEVER;
    boolean instantiated;
    /** Negative instantiation: the rejection errno, or null. */
    Errno rejected;
    boolean revoked;
    boolean invalidated;
    boolean dead;
    /** A keyring's links, in the order they were made ({@link KeyringLinks#NONE} for other keys). */
    final KeyringLinks links;
    /** The keyring that linked this key first, of those that link it now; null if none. */
    private Key linkedFrom;
    /** Where this key sits in {@link #linkedFrom}'s links (a hint: -1 when not known). */
    private int linkedFromSlot = -1;
    /** The other keyrings that link it; null while there are none (most keys sit in one keyring). */
    private List<Key> alsoLinkedFrom;
    /** Keyrings: a reject-all restriction set by KEYCTL_RESTRICT_KEYRING with no type. */
    boolean restricted;
    /** References: keyring links, process keyring slots, the user keyring register. */
    int refs;
    /** The number of the last possession check that looked at this keyring ({@link KeyLookup#isPossessed}). */
    long possessionCheck;

    Key(int serial, KeyType type, String description, int uid, int gid, int perm, String label) {
        this.serial = serial;
        this.type = type;
        this.description = description;
        this.uid = uid;
        this.gid = gid;
        this.perm = perm;
        this.label = label;
        this.links = type == KeyType.KEYRING ? KeyringLinks.of(this) : KeyringLinks.NONE;
    }

    /** Whether {@code ring} links this key. */
    boolean linkedFrom(Key ring) {
        return linkedFrom == ring || (alsoLinkedFrom != null && alsoLinkedFrom.contains(ring));
    }

    /** The keyrings that link this key now, first linker first. */
    List<Key> linkingKeyrings() {
        if (linkedFrom == null) {
            return List.of();
        }
        if (alsoLinkedFrom == null) {
            return List.of(linkedFrom);
        }
        List<Key> out = new ArrayList<>(1 + alsoLinkedFrom.size());
        out.add(linkedFrom);
        out.addAll(alsoLinkedFrom);
        return out;
    }

    /** The keyring that linked this key first, of those that link it now; null if none. */
    Key firstLinker() {
        return linkedFrom;
    }

    /** The other keyrings that link it (none for most keys): a view, not to be kept. */
    List<Key> otherLinkers() {
        return alsoLinkedFrom == null ? List.of() : alsoLinkedFrom;
    }

    /** The slot of this key in {@code ring}'s links if known, else -1 (the keyring then scans for it). */
    int slotIn(Key ring) {
        return linkedFrom == ring ? linkedFromSlot : -1;
    }

    /** Records where this key sits in {@code ring}'s links (kept for the first keyring that links it). */
    void setSlot(Key ring, int slot) {
        if (linkedFrom == ring) {
            linkedFromSlot = slot;
        }
    }

    void addLinkFrom(Key ring, int slot) {
        if (linkedFrom == null) {
            linkedFrom = ring;
            linkedFromSlot = slot;
        } else {
            if (alsoLinkedFrom == null) {
                alsoLinkedFrom = new ArrayList<>(2);
            }
            alsoLinkedFrom.add(ring);
        }
    }

    void removeLinkFrom(Key ring) {
        if (linkedFrom == ring) {
            linkedFrom = alsoLinkedFrom == null || alsoLinkedFrom.isEmpty() ? null : alsoLinkedFrom.remove(0);
            linkedFromSlot = -1;
        } else if (alsoLinkedFrom != null) {
            alsoLinkedFrom.remove(ring);
        }
        if (alsoLinkedFrom != null && alsoLinkedFrom.isEmpty()) {
            alsoLinkedFrom = null;
        }
    }

    boolean isKeyring() {
        return type == KeyType.KEYRING;
    }

    boolean isExpired(long now) {
        return expiry != NEVER && now >= expiry;
    }

    @Override
    public String toString() {
        return type.typeName() + ":" + description + "#" + serial;
    }
}
