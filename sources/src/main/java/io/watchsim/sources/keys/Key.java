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
    /** A keyring's links, in the order they were made. */
    final List<Key> links;
    /** Keyrings: a reject-all restriction set by KEYCTL_RESTRICT_KEYRING with no type. */
    boolean restricted;
    /** References: keyring links, process keyring slots, the user keyring register. */
    int refs;

    Key(int serial, KeyType type, String description, int uid, int gid, int perm, String label) {
        this.serial = serial;
        this.type = type;
        this.description = description;
        this.uid = uid;
        this.gid = gid;
        this.perm = perm;
        this.label = label;
        this.links = type == KeyType.KEYRING ? new ArrayList<>() : List.of();
    }

    boolean isKeyring() {
        return type == KeyType.KEYRING;
    }

    /** key_is_dead(): collected at the next GC pass. */
    boolean isDead(long now, long gcDelay) {
        if (dead || invalidated) {
            return true;
        }
        return expiry != NEVER && expiry <= now - gcDelay;
    }

    boolean isExpired(long now) {
        return expiry != NEVER && now >= expiry;
    }

    @Override
    public String toString() {
        return type.typeName() + ":" + description + "#" + serial;
    }
}
