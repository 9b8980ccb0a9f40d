package io.watchsim.sources.keys;

import io.watchsim.queues.SysResult;
import io.watchsim.queues.Errno;
import io.watchsim.queues.record.KeyNotify;


import static io.watchsim.sources.keys.KeyLookup.CREATE;
import static io.watchsim.sources.keys.KeyLookup.NEED_UNLINK;
import static io.watchsim.sources.keys.KeyLookup.PARTIAL;
import static io.watchsim.sources.keys.KeyRegistry.err;
import static io.watchsim.sources.keys.KeyTable.MAX_DEPTH;

/**
 * A keyring's links: __key_link() with its replacement of a like key, keyring_detect_cycle(),
 * the linkability checks, and the calls that change what a keyring holds (KEYCTL_LINK, UNLINK,
 * MOVE and CLEAR), each returning its result for {@link KeyTable} to wrap.
 *
 * <p>Concurrency contract: single owner (the {@link KeyTable} that creates it); not thread-safe.
 */
final class KeyLinks {
    private final KeyRegistry registry;
    private final KeyLookup lookup;

    KeyLinks(KeyRegistry registry, KeyLookup lookup) {
        this.registry = registry;
        this.lookup = lookup;
    }

    /** The key of that type and description linked in {@code ring}, or null. */
    Key findSame(Key ring, KeyType type, String description) {
        return ring.links.findLike(type, description);
    }

    /** keyring_detect_cycle(): EDEADLK if {@code ring} is reachable from {@code key}, ELOOP if too deep. */
    private void detectCycle(Key ring, Key key) {
        if (!key.isKeyring()) {
            return;
        }
        if (key == ring) {
            throw err(Errno.EDEADLK, "a keyring cannot be linked into itself");
        }
        cycleSearch(ring, key, 0);
    }

    private void cycleSearch(Key ring, Key from, int depth) {
        if (from.links.contains(ring)) {
            throw err(Errno.EDEADLK, "keyring " + ring.serial + " is reachable from " + from.serial);
        }
        for (Key k : from.links.nestedKeyrings()) {
            if (depth + 1 >= MAX_DEPTH) {
                throw err(Errno.ELOOP, "keyrings nest more than " + MAX_DEPTH + " deep");
            }
            cycleSearch(ring, k, depth + 1);
        }
    }

    /** ENOTDIR unless {@code ring} is a keyring, EKEYREVOKED if it is revoked. */
    void checkLinkable(Key ring) {
        if (!ring.isKeyring()) {
            throw err(Errno.ENOTDIR, "key " + ring.serial + " is not a keyring");
        }
        if (ring.revoked) {
            throw err(Errno.EKEYREVOKED, "keyring " + ring.serial + " is revoked");
        }
    }

    /** __key_link(): replaces a link of the same type and description; posts LINKED only. */
    void link(Key ring, Key key) {
        Key same = findSame(ring, key.type, key.description);
        if (same != key) {
            if (same != null) {
                ring.links.replace(same, key);
                registry.dropRef(same);
            } else {
                ring.links.add(key);
            }
            key.refs++;
        }
        registry.notify(ring, KeyNotify.NOTIFY_KEY_LINKED, key.serial);
    }

    // ------------------------------------------------------------------ keyctl

    /** KEYCTL_LINK. */
    SysResult link(KeyCaller c, int keyId, int ringId) {
        Key ring = lookup.lookup(c, ringId, CREATE, KeyPerm.WRITE).key();
        Key key = lookup.lookup(c, keyId, CREATE, KeyPerm.LINK).key();
        checkLinkable(ring);
        if (ring.restricted) {
            throw err(Errno.EPERM, "keyring " + ring.serial + " is restricted");
        }
        detectCycle(ring, key);
        link(ring, key);
        return SysResult.ok(0);
    }

    /** KEYCTL_UNLINK: works on keys in any state; UNLINKED on the keyring. */
    SysResult unlink(KeyCaller c, int keyId, int ringId) {
        Key ring = lookup.lookup(c, ringId, 0, KeyPerm.WRITE).key();
        Key key = lookup.lookup(c, keyId, PARTIAL, NEED_UNLINK).key();
        if (!ring.isKeyring()) {
            throw err(Errno.ENOTDIR, "key " + ring.serial + " is not a keyring");
        }
        if (!ring.links.remove(key)) {
            throw err(Errno.ENOENT, "key " + key.serial + " is not linked in " + ring.serial);
        }
        registry.dropRef(key);
        registry.notify(ring, KeyNotify.NOTIFY_KEY_UNLINKED, key.serial);
        return SysResult.ok(0);
    }

    /**
     * KEYCTL_MOVE (flags an unsigned int; 1 = KEYCTL_MOVE_EXCL): UNLINKED on the source, then
     * LINKED on the destination. A like key the move displaces from the destination gets no
     * UNLINKED (__key_link() replaces it); the collector reaps it if that was its last link.
     */
    SysResult move(KeyCaller c, int keyId, int fromId, int toId, long flagsArgument) {
        long flags = KeyArgs.asUnsigned32(flagsArgument);
        if ((flags & ~1L) != 0) {
            throw err(Errno.EINVAL, "move flags 0x" + Long.toHexString(flags) + "; only 1 (exclusive) is defined");
        }
        Key key = lookup.lookup(c, keyId, CREATE, KeyPerm.LINK).key();
        Key from = lookup.lookup(c, fromId, 0, KeyPerm.WRITE).key();
        Key to = lookup.lookup(c, toId, CREATE, KeyPerm.WRITE).key();
        if (from == to) {
            return SysResult.ok(0);
        }
        if (!from.isKeyring() || !to.isKeyring()) {
            throw err(Errno.ENOTDIR, "both ends of a move must be keyrings");
        }
        if (!from.links.contains(key)) {
            throw err(Errno.ENOENT, "key " + key.serial + " is not linked in " + from.serial);
        }
        checkLinkable(to);
        Key same = findSame(to, key.type, key.description);
        if (same != null && (flags & 1) != 0) {
            throw err(Errno.EEXIST, "keyring " + to.serial + " already holds a key like " + key.serial);
        }
        if (to.restricted) {
            throw err(Errno.EPERM, "keyring " + to.serial + " is restricted");
        }
        detectCycle(to, key);
        from.links.remove(key);
        registry.dropRef(key);
        registry.notify(from, KeyNotify.NOTIFY_KEY_UNLINKED, key.serial);
        link(to, key);
        return SysResult.ok(0);
    }

    /**
     * KEYCTL_CLEAR: CLEARED even when already empty; no per-key UNLINKED. A key it held for the
     * last time is reaped by the collector's next pass.
     */
    SysResult clear(KeyCaller c, int id) {
        Key ring = lookup.lookup(c, id, CREATE, KeyPerm.WRITE).key();
        if (!ring.isKeyring()) {
            throw err(Errno.ENOTDIR, "key " + ring.serial + " is not a keyring");
        }
        registry.notify(ring, KeyNotify.NOTIFY_KEY_CLEARED, 0);
        for (Key child : ring.links) {
            registry.dropRef(child);
        }
        ring.links.clear();
        return SysResult.ok(0);
    }
}
