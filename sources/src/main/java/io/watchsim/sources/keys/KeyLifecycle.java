package io.watchsim.sources.keys;

import io.watchsim.queues.ErrnoException;
import io.watchsim.queues.SysResult;
import io.watchsim.queues.Errno;
import io.watchsim.queues.record.KeyNotify;
import io.watchsim.sources.keys.KeyLookup.KeyRef;

import static io.watchsim.sources.keys.KeyArgs.MAX_PAYLOAD;
import static io.watchsim.sources.keys.KeyArgs.checkDescription;
import static io.watchsim.sources.keys.KeyArgs.checkPayload;
import static io.watchsim.sources.keys.KeyArgs.checkTypeName;
import static io.watchsim.sources.keys.KeyLookup.CREATE;
import static io.watchsim.sources.keys.KeyLookup.allowed;
import static io.watchsim.sources.keys.KeyRegistry.err;

/**
 * A key's life: add_key(2), which makes a key (or updates a like one), and the calls that change
 * its payload or end it (KEYCTL_UPDATE, REVOKE, INVALIDATE), each returning its result for
 * {@link KeyTable} to wrap.
 *
 * <p>Concurrency contract: single owner (the {@link KeyTable} that creates it); not thread-safe.
 */
final class KeyLifecycle {
    private final KeyRegistry registry;
    private final KeyLookup lookup;
    private final KeyLinks links;

    KeyLifecycle(KeyRegistry registry, KeyLookup lookup, KeyLinks links) {
        this.registry = registry;
        this.lookup = lookup;
        this.links = links;
    }

    /** add_key(2): a new key linked into {@code ringId}, or an update of the one already there. */
    SysResult add(KeyCaller c, String typeName, String description, byte[] payload, int ringId) {
        int plen = payload == null ? 0 : payload.length;
        if (plen > MAX_PAYLOAD) {
            throw err(Errno.EINVAL, "payload of " + plen + " bytes exceeds " + MAX_PAYLOAD);
        }
        checkTypeName(typeName);
        String desc = checkDescription(description);
        if (desc != null && desc.startsWith(".") && typeName.startsWith("keyring")) {
            throw err(Errno.EPERM, "keyring descriptions may not start with '.'");
        }
        KeyRef ring = lookup.lookup(c, ringId, CREATE, KeyPerm.WRITE);
        KeyType type = KeyType.byName(typeName)
                .orElseThrow(() -> err(Errno.ENODEV, "unknown key type '" + typeName + "'"));
        Key r = ring.key();
        if (!r.isKeyring()) {
            throw err(Errno.ENOTDIR, "key " + r.serial + " is not a keyring");
        }
        checkPayload(type, payload);
        if (desc == null) {
            throw err(Errno.EINVAL, "a " + typeName + " key needs a description");
        }
        links.checkLinkable(r);
        if (r.restricted) {
            throw err(Errno.EPERM, "keyring " + r.serial + " is restricted");
        }
        if (type.updatable()) {
            Key existing = links.findSame(r, type, desc);
            if (existing != null && !existing.revoked && !existing.invalidated) {
                if (!allowed(c.creds(), existing, ring.possessed(), KeyPerm.WRITE)) {
                    throw err(Errno.EACCES, "key " + existing.serial + " does not grant write");
                }
                lookup.permissionLsm(c, existing, KeyPerm.WRITE);
                existing.payload = payload.clone();
                existing.rejected = null;
                existing.instantiated = true;
                registry.setExpiry(existing, Key.NEVER);
                registry.notify(existing, KeyNotify.NOTIFY_KEY_UPDATED, 0);
                return SysResult.ok(existing.serial);
            }
        }
        if (type == KeyType.LOGON) {
            int colon = desc.indexOf(':');
            if (colon <= 0) {
                throw err(Errno.EINVAL, "logon description '" + desc + "' needs a ':' after a service name");
            }
        }
        Key k = registry.newKey(type, desc, c.creds(), type.defaultPerm(), c.creds().gid());
        k.payload = type == KeyType.KEYRING ? null : payload.clone();
        k.instantiated = true;
        registry.notify(k, KeyNotify.NOTIFY_KEY_INSTANTIATED, 0);
        links.link(r, k);
        return SysResult.ok(k.serial);
    }

    /** KEYCTL_UPDATE. */
    SysResult update(KeyCaller c, int id, byte[] payload) {
        if (payload != null && payload.length > 4096) {
            throw err(Errno.EINVAL, "update payload longer than a page");
        }
        Key k = lookup.lookup(c, id, 0, KeyPerm.WRITE).key();
        if (!k.type.updatable()) {
            throw err(Errno.EOPNOTSUPP, "a " + k.type.typeName() + " cannot be updated");
        }
        checkPayload(k.type, payload);
        k.payload = payload.clone();
        // user_update() takes the new payload's expiry: none.
        registry.setExpiry(k, Key.NEVER);
        registry.notify(k, KeyNotify.NOTIFY_KEY_UPDATED, 0);
        return SysResult.ok(0);
    }

    /**
     * KEYCTL_REVOKE: REVOKED once; a keyring is emptied silently (keys it held for the last time
     * are reaped by the collector's next pass); the revocation time arms the gc timer, and the
     * key is collected once the gc delay has passed.
     */
    SysResult revoke(KeyCaller c, int id) {
        Key k;
        try {
            k = lookup.lookup(c, id, 0, KeyPerm.WRITE).key();
        } catch (ErrnoException e) {
            if (e.errno() != Errno.EACCES) {
                throw e;
            }
            k = lookup.lookup(c, id, 0, KeyPerm.SETATTR).key();
        }
        if (!k.revoked) {
            registry.notify(k, KeyNotify.NOTIFY_KEY_REVOKED, 0);
            k.revoked = true;
            k.payload = null;
            registry.setExpiry(k, registry.now);
            if (k.isKeyring()) {
                for (Key child : k.links) {
                    registry.dropRef(child);
                }
                k.links.clear();
            }
        }
        return SysResult.ok(0);
    }

    /**
     * KEYCTL_INVALIDATE, key_invalidate(): INVALIDATED once, and a garbage collection pass over
     * the links is queued (key_schedule_gc_links()); that pass, at the next key call or when time
     * passes, unlinks the key and reaps it.
     */
    SysResult invalidate(KeyCaller c, int id) {
        Key k = lookup.lookup(c, id, 0, KeyPerm.SEARCH).key();
        if (!k.invalidated) {
            registry.notify(k, KeyNotify.NOTIFY_KEY_INVALIDATED, 0);
            registry.invalidate(k);
        }
        return SysResult.ok(0);
    }
}
