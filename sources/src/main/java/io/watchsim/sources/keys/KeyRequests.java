package io.watchsim.sources.keys;

import io.watchsim.queues.SysResult;
import io.watchsim.queues.Errno;
import io.watchsim.queues.record.KeyNotify;
import io.watchsim.sources.keys.KeyRegistry.ProcessKeys;
import io.watchsim.sources.keys.KeyTable.Construction;

import java.util.Objects;

import static io.watchsim.sources.keys.KeyArgs.checkDescription;
import static io.watchsim.sources.keys.KeyArgs.checkPayload;
import static io.watchsim.sources.keys.KeyArgs.checkTypeName;
import static io.watchsim.sources.keys.KeyLookup.CREATE;
import static io.watchsim.sources.keys.KeyLookup.allowed;
import static io.watchsim.sources.keys.KeyRegistry.err;
import static io.watchsim.sources.keys.KeyTable.MAX_DEPTH;

/**
 * request_key(2): the search of the process keyrings for a key of a type and description, the
 * allocation of an uninstantiated key when none is found, and the callout's instantiation or
 * rejection of it ({@link Construction}), each returning its result for {@link KeyTable} to wrap.
 *
 * <p>Concurrency contract: single owner (the {@link KeyTable} that creates it); not thread-safe.
 */
final class KeyRequests {
    private final KeyRegistry registry;
    private final KeyLookup lookup;
    private final KeyLinks links;

    KeyRequests(KeyRegistry registry, KeyLookup lookup, KeyLinks links) {
        this.registry = registry;
        this.lookup = lookup;
        this.links = links;
    }

    /**
     * The first half of request_key(2): look for the key; when it is found, link it into the
     * destination. When it is not, allocate it uninstantiated and link it into the destination
     * at once (LINKED), unless there is no callout (ENOKEY, nothing allocated);
     * {@link #construct} finishes it. The result's value is the serial.
     */
    SysResult requestBegin(KeyCaller c, String typeName, String description, int destId, boolean callout) {
        checkTypeName(typeName);
        String desc = checkDescription(description);
        Key dest = destId != 0 ? lookup.lookup(c, destId, CREATE, KeyPerm.WRITE).key() : null;
        KeyType type = KeyType.byName(typeName).orElseThrow(() -> err(Errno.ENOKEY, "unknown key type " + typeName));
        Key found = searchProcessKeyrings(c, type, desc);
        if (found != null) {
            if (found.rejected != null) {
                throw err(found.rejected, "key " + found.serial + " is negative");
            }
            if (found.revoked || found.invalidated) {
                throw err(Errno.EKEYREVOKED, "key " + found.serial + " is revoked");
            }
            if (dest != null) {
                if (!allowed(c.creds(), found, true, KeyPerm.LINK)) {
                    throw err(Errno.EACCES, "key " + found.serial + " does not grant link");
                }
                links.checkLinkable(dest);
                links.link(dest, found);
            }
            return SysResult.ok(found.serial);
        }
        if (!callout) {
            throw err(Errno.ENOKEY, "no " + typeName + " key '" + desc + "' and no callout to make one");
        }
        if (type == KeyType.KEYRING) {
            throw err(Errno.EPERM, "keyrings cannot be constructed by request_key");
        }
        if (dest == null) {
            ProcessKeys pk = registry.processKeys(c.pid());
            dest = pk.thread != null ? pk.thread : pk.process != null ? pk.process
                    : pk.session != null ? pk.session : registry.userSessionKeyring(c.creds());
            lookup.permission(c, dest, true, KeyPerm.WRITE);
        }
        links.checkLinkable(dest);
        Key k = registry.newKey(type, desc, c.creds(), type.defaultPerm(), c.creds().gid());
        links.link(dest, k);
        return SysResult.ok(k.serial);
    }

    /** The callout's KEYCTL_INSTANTIATE or KEYCTL_REJECT of a key under construction (no destination). */
    SysResult construct(int serial, Construction how) {
        Key k = registry.keys.get(serial);
        if (k == null || k.instantiated || k.rejected != null) {
            throw err(Errno.EBUSY, "key " + serial + " is not under construction");
        }
        if (how instanceof Construction.Instantiate inst) {
            checkPayload(k.type, inst.payload());
            k.payload = inst.payload().clone();
            k.instantiated = true;
            registry.notify(k, KeyNotify.NOTIFY_KEY_INSTANTIATED, 0);
            return SysResult.ok(serial);
        }
        Construction.Reject rej = (Construction.Reject) how;
        k.rejected = rej.errno();
        k.instantiated = true;
        // keyctl_reject_key() takes the timeout as an unsigned int.
        registry.setExpiry(k, registry.now + KeyArgs.asUnsigned32(rej.timeoutSeconds()) * 1000);
        registry.notify(k, KeyNotify.NOTIFY_KEY_INSTANTIATED, rej.errno().negated());
        throw err(rej.errno(), "the key was rejected by its constructor");
    }

    private Key searchProcessKeyrings(KeyCaller c, KeyType type, String desc) {
        for (Key top : lookup.searchRoots(c)) {
            Key k = searchType(c, top, type, desc, 0);
            if (k != null) {
                return k;
            }
        }
        return null;
    }

    private Key searchType(KeyCaller c, Key ring, KeyType type, String desc, int depth) {
        if (ring.revoked || ring.invalidated || !lookup.searchable(c, ring)) {
            return null;
        }
        for (Key k : ring.links) {
            if (k.type == type && Objects.equals(k.description, desc) && lookup.searchable(c, k)
                    && !k.isExpired(registry.now)) {
                return k;
            }
        }
        if (depth + 1 >= MAX_DEPTH) {
            return null;
        }
        for (Key k : ring.links) {
            if (k.isKeyring()) {
                Key found = searchType(c, k, type, desc, depth + 1);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
